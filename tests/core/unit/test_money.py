"""Euro amounts: rounding, reading, writing and sharing, to the cent, never floats."""

from decimal import Decimal
from imio.municipal.core import money
from imio.municipal.core.money import CENT
from imio.municipal.core.money import NBSP

import doctest
import pytest


D = Decimal


def test_docstring_examples():
    result = doctest.testmod(money)
    assert result.attempted > 0
    assert result.failed == 0


def test_cent():
    assert CENT == D("0.01")


@pytest.mark.parametrize(
    "value, expected",
    [
        (D("0.005"), D("0.01")),  # half up
        (D("0.004999"), D("0.00")),
        (D("0.015"), D("0.02")),  # half up, not half even (which gives 0.02 too)
        (D("0.025"), D("0.03")),  # half even would give 0.02
        (D("-0.005"), D("-0.01")),  # away from zero
        (D("-0.001"), D("0.00")),  # never -0.00
        (D("1234.5"), D("1234.50")),
        (1234, D("1234.00")),
        ("1234.5", D("1234.50")),
        (" 7 ", D("7.00")),
        ("-0.125", D("-0.13")),
        (D("999999999999.995"), D("1000000000000.00")),
    ],
)
def test_quantize_rounds_half_up_to_the_cent(value, expected):
    result = money.quantize(value)
    assert result == expected
    assert result.as_tuple().exponent == -2
    assert str(result) == str(expected)


@pytest.mark.parametrize("value", [0.1, 1.0, True, None, [1], b"1"])
def test_quantize_refuses_floats_and_other_types(value):
    with pytest.raises(TypeError):
        money.quantize(value)


def test_the_float_refusal_says_why():
    with pytest.raises(TypeError, match="floats cannot hold cents exactly"):
        money.quantize(0.1)


@pytest.mark.parametrize(
    "value",
    [D("NaN"), D("sNaN"), D("Infinity"), D("-Infinity"), "nan", "inf", "abc", "1 234,5", ""],
)
def test_quantize_refuses_what_is_not_a_finite_plain_number(value):
    with pytest.raises(ValueError):
        money.quantize(value)


def test_quantize_refuses_too_large_amounts():
    with pytest.raises(ValueError, match="too large"):
        money.quantize(D("1E+40"))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1234.56", D("1234.56")),
        ("1 234,56", D("1234.56")),
        ("1.234,56", D("1234.56")),
        ("1234,5 €", D("1234.50")),
        ("-12", D("-12.00")),
        ("0", D("0.00")),
        ("-0", D("0.00")),
        ("0,5", D("0.50")),
        ("12,34€", D("12.34")),
        ("€1,234.56", D("1234.56")),
        ("- 1 234,56 EUR", D("-1234.56")),
        ("€ -3", D("-3.00")),
        ("+5", D("5.00")),
        ("\u22127,5", D("-7.50")),  # MINUS SIGN
        ("12 euros", D("12.00")),
        ("1.234.567", D("1234567.00")),  # several dots: thousands
        ("1,234,567.89", D("1234567.89")),
        ("12 345 678 901,23", D("12345678901.23")),
        # Every kind of space groups the thousands: NBSP, NARROW NBSP, thin space.
        (f"1{NBSP}234,56{NBSP}€", D("1234.56")),
        ("1\u202f234,56\u202f€", D("1234.56")),
        ("1\u2009234", D("1234.00")),
        ("  42  ", D("42.00")),
    ],
)
def test_parse(text, expected):
    assert money.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "12abc",
        "1e5",
        "nan",
        "--1",
        "12-",
        "€1€",
        "1 234 €€",
        "1,2,3",
        "1.2.3",
        "1.234.56",
        "12 34",  # spaces group by three
        "0 123",
        "1234,567",  # three decimals
        "0,125",
        "1 234.567",
        "1.234,56.7",
        "1,234.567,8",
    ],
)
def test_parse_refuses_garbage(text):
    with pytest.raises(ValueError, match="Not an amount of money"):
        money.parse(text)


@pytest.mark.parametrize("text", ["1.234", "1,234", "15.000"])
def test_parse_refuses_ambiguous_amounts(text):
    # A thousand and more (Belgian "1.234") or decimals (English "1.234")?
    with pytest.raises(ValueError, match="ambiguous"):
        money.parse(text)


@pytest.mark.parametrize("value", [1234, D("1234"), 12.5, None])
def test_parse_reads_only_text(value):
    with pytest.raises(TypeError):
        money.parse(value)


@pytest.mark.parametrize(
    "value, fr, de, en",
    [
        (D("1234.56"), "1 234,56 €", "1.234,56 €", "€1,234.56"),
        (D("0"), "0,00 €", "0,00 €", "€0.00"),
        (D("-0.001"), "0,00 €", "0,00 €", "€0.00"),
        (D("-1234.5"), "-1 234,50 €", "-1.234,50 €", "-€1,234.50"),
        (D("999.995"), "1 000,00 €", "1.000,00 €", "€1,000.00"),
        (D("12"), "12,00 €", "12,00 €", "€12.00"),
        (
            D("1234567890123.45"),
            "1 234 567 890 123,45 €",
            "1.234.567.890.123,45 €",
            "€1,234,567,890,123.45",
        ),
        (7, "7,00 €", "7,00 €", "€7.00"),
        ("1234.5", "1 234,50 €", "1.234,50 €", "€1,234.50"),
    ],
)
def test_format_eur(value, fr, de, en):
    # The spaces in French and German are NO-BREAK SPACES (U+00A0).
    assert money.format_eur(value) == fr.replace(" ", NBSP)
    assert money.format_eur(value, "fr") == fr.replace(" ", NBSP)
    assert money.format_eur(value, locale="de") == de.replace(" ", NBSP)
    assert money.format_eur(value, "en") == en


def test_format_eur_uses_only_no_break_spaces():
    text = money.format_eur(D("1234567.89"))
    assert " " not in text
    assert text.count("\u00a0") == 3


@pytest.mark.parametrize("locale", ["fr-BE", "fr_BE", "FR", "fr-be"])
def test_format_eur_reads_the_language_of_a_locale(locale):
    assert money.format_eur(D("1234.56"), locale) == f"1{NBSP}234,56{NBSP}€"


@pytest.mark.parametrize("locale", ["nl", "", "xx"])
def test_format_eur_refuses_unknown_locales(locale):
    with pytest.raises(ValueError, match="Unknown locale"):
        money.format_eur(D("1"), locale)


def test_format_eur_refuses_floats():
    with pytest.raises(TypeError):
        money.format_eur(1234.56)


def test_format_and_parse_round_trip():
    for value in (D("0.01"), D("-1234.56"), D("1000000"), D("987654321.09")):
        for locale in ("fr", "de", "en"):
            assert money.parse(money.format_eur(value, locale)) == value


@pytest.mark.parametrize(
    "value, expected",
    [
        (D("1234.56"), "1234.56"),
        (D("1234.5"), "1234.50"),
        (D("1234"), "1234.00"),
        (0, "0.00"),
        (D("-0.001"), "0.00"),
        (D("-12.345"), "-12.35"),
        (D("1E+6"), "1000000.00"),  # never scientific notation
        (D("0.000001"), "0.00"),
        ("99.999", "100.00"),
    ],
)
def test_to_json(value, expected):
    assert money.to_json(value) == expected


def test_to_json_refuses_floats():
    with pytest.raises(TypeError):
        money.to_json(0.5)


@pytest.mark.parametrize(
    "total, percents, expected",
    [
        # 100.00 × 33.33 % = 33.33 exactly, twice; 100.00 × 33.34 % = 33.34.
        (D("100.00"), ["33.33", "33.33", "33.34"], ["33.33", "33.33", "33.34"]),
        # 1000.00 in three shares of a third (33.33 + 33.33 + 33.34 %): 333.30,
        # 333.30, 333.40 exactly; nothing to distribute.
        (D("1000.00"), ["33.33", "33.33", "33.34"], ["333.30", "333.30", "333.40"]),
        # 1000.00 as 1/3-like shares 33.333 + 33.333 + 33.334 %: exact parts
        # 333.33, 333.33, 333.34 (100 000 cents × 33.333 / 100 = 33 333 cents).
        (D("1000.00"), ["33.333", "33.333", "33.334"], ["333.33", "333.33", "333.34"]),
        # 100.00 in 33.3333 % × 2 + 33.3334 %: exact 33.33333, 33.33333, 33.33340;
        # whole cents 33.33 × 3 = 99.99; the cent left goes to the largest
        # remainder (0.340 cent, the third).
        (D("100.00"), ["33.3333", "33.3333", "33.3334"], ["33.33", "33.33", "33.34"]),
        # 0.01 in two halves: exact 0.5 cent each; the cent goes to the first (tie).
        (D("0.01"), ["50", "50"], ["0.01", "0.00"]),
        # 0.02 in 3 equal-ish shares of 33.33/33.33/33.34 %: exact 0.6666, 0.6666,
        # 0.6668 cent; whole cents 0; two cents left: the third (0.6668), then the
        # first (0.6666, earlier on the tie).
        (D("0.02"), ["33.33", "33.33", "33.34"], ["0.01", "0.00", "0.01"]),
        # 10.00 in 70/30: exact.
        (D("10.00"), ["70", "30"], ["7.00", "3.00"]),
        # 10.01 in 70/30: exact 700.7 and 300.3 cents; 1000 whole; the cent goes
        # to the 0.7 remainder.
        (D("10.01"), ["70", "30"], ["7.01", "3.00"]),
        # A share of 0 % gets nothing.
        (D("5.00"), ["0", "100"], ["0.00", "5.00"]),
        (D("5.00"), ["100"], ["5.00"]),
        # A negative total is shared the same way: -0.01 in halves.
        (D("-0.01"), ["50", "50"], ["-0.01", "0.00"]),
        (D("0"), ["50", "50"], ["0.00", "0.00"]),
        # Total not yet rounded: 100.005 → 100.01, then 50.01 + 50.00.
        (D("100.005"), ["50", "50"], ["50.01", "50.00"]),
    ],
)
def test_split(total, percents, expected):
    amounts = money.split(total, [D(p) for p in percents])
    assert amounts == [D(e) for e in expected]
    assert sum(amounts) == money.quantize(total)
    assert all(a.as_tuple().exponent == -2 for a in amounts)


def test_split_always_adds_up():
    # 7 shares of 100/7 % rounded to 4 decimals, the last one taking the rest.
    share = D("14.2857")
    percents = [share] * 6 + [D(100) - 6 * share]
    for cents in range(0, 10_000, 37):
        total = D(cents) / 100
        amounts = money.split(total, percents)
        assert sum(amounts) == total
        assert max(amounts) - min(amounts) <= D("0.02")


def test_split_accepts_ints_and_strings():
    assert money.split(100, [25, "75"]) == [D("25.00"), D("75.00")]


@pytest.mark.parametrize(
    "percents, message",
    [
        ([], "at least one"),
        ([D("50"), D("49.99")], "add up to 99.99, not 100"),
        ([D("60"), D("60")], "not 100"),
        ([D("110"), D("-10")], "negative"),
    ],
)
def test_split_refuses_shares_that_do_not_make_100(percents, message):
    with pytest.raises(ValueError, match=message):
        money.split(D("100"), percents)


def test_split_refuses_floats():
    with pytest.raises(TypeError):
        money.split(D("100"), [50.0, 50.0])
    with pytest.raises(TypeError):
        money.split(100.0, [D("100")])


@pytest.mark.parametrize(
    "percents, expected",
    [
        ([D("33.33"), D("33.33"), D("33.34")], True),
        ([D("33.33"), D("33.33"), D("33.33")], False),  # 99.99
        ([D("100")], True),
        ([D("100.00")], True),
        ([D("50"), D("50.000000001")], False),
        ([D("0.1")] * 1000, True),  # exact in Decimal (a float sum would drift)
        ([100], True),
        (["60", "40"], True),
        ([], False),
        ([D("150"), D("-50")], True),  # the sum only: split() refuses negatives
    ],
)
def test_percent_sum_is_100(percents, expected):
    assert money.percent_sum_is_100(percents) is expected


def test_percent_sum_refuses_floats():
    with pytest.raises(TypeError):
        money.percent_sum_is_100([33.33, 33.33, 33.34])
