"""A municipality's colour: hex only, and readable with white (WCAG 2.1 AA)."""

from imio.municipal.core import colours

import doctest
import pytest


def test_docstring_examples():
    result = doctest.testmod(colours)
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # Reference values of WebAIM's contrast checker.
        ("#777777", "#ffffff", 4.48),
        ("#595959", "#ffffff", 7.0),
        ("#0000ff", "#ffffff", 8.59),
        ("#ffffff", "#0000ff", 8.59),
        ("#ff0000", "#000000", 5.25),
    ],
)
def test_contrast_ratio_matches_wcag(first, second, expected):
    assert round(colours.contrast_ratio(first, second), 2) == expected


@pytest.mark.parametrize("value", ["", "red", "#12345", "#gggggg", "1a2b3c", "#1a2b3c;}", "url(x)"])
def test_anything_but_a_hex_colour_is_refused(value):
    with pytest.raises(ValueError):
        colours.normalise_hex(value)


def test_the_threshold_is_aa_for_normal_text():
    # #777777 is 4.48:1 on white: just below; #767676 is 4.54:1: just above.
    assert not colours.readable_on_white("#777777")
    assert colours.readable_on_white("#767676")
