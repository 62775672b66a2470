"""Colours of a municipality's pages: hex parsing and WCAG 2.1 contrast (Plone-free).

A municipality's colour is drawn as the background of its header (white text
on it) and as the colour of its links on white pages: it must reach the
contrast WCAG 2.1 asks of normal text (success criterion 1.4.3, level AA)
against white.
"""

import re


#: WCAG 2.1, SC 1.4.3 (AA): contrast of normal text with its background.
MINIMUM_CONTRAST = 4.5
WHITE = "#ffffff"
BLACK = "#000000"
_HEX = re.compile(r"^#([0-9a-f]{3}|[0-9a-f]{6})$")


def normalise_hex(value: str) -> str:
    """The colour as ``#rrggbb`` in lowercase; ValueError when it is not a hex colour.

    >>> normalise_hex(" #1A5 ")
    '#11aa55'
    >>> normalise_hex("#00477F")
    '#00477f'
    >>> normalise_hex("blue")
    Traceback (most recent call last):
    ...
    ValueError: not a hex colour: 'blue'
    """
    text = (value or "").strip().lower()
    match = _HEX.match(text)
    if match is None:
        raise ValueError(f"not a hex colour: {value!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    return f"#{digits}"


def _channel(value: int) -> float:
    """One sRGB channel, linearised (WCAG 2.1 definition of relative luminance)."""
    scaled = value / 255
    return scaled / 12.92 if scaled <= 0.04045 else ((scaled + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG's relative luminance, 0 (black) to 1 (white).

    >>> relative_luminance("#000"), relative_luminance("#fff")
    (0.0, 1.0)
    """
    digits = normalise_hex(colour)[1:]
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG's contrast ratio of two colours, 1 to 21.

    >>> contrast_ratio("#000000", "#ffffff")
    21.0
    >>> round(contrast_ratio("#767676", "#ffffff"), 2)
    4.54
    """
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on_white(colour: str) -> bool:
    """The colour can carry white text and be read as text on white (AA).

    >>> readable_on_white("#00477f"), readable_on_white("#f0c000")
    (True, False)
    """
    return contrast_ratio(colour, WHITE) >= MINIMUM_CONTRAST


def text_colour_on(colour: str) -> str:
    """White or black: whichever reads better on the colour.

    >>> text_colour_on("#00477f"), text_colour_on("#f0c000")
    ('#ffffff', '#000000')
    """
    return WHITE if contrast_ratio(colour, WHITE) >= contrast_ratio(colour, BLACK) else BLACK
