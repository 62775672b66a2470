"""Euro amounts as :class:`~decimal.Decimal`, to the cent (standard library only).

Money is never a float: a float cannot hold 0.10 exactly, and sums of floats
drift away from the cent. Every function here refuses floats with a
``TypeError`` and works on ``Decimal`` (``int`` and plain decimal strings such as
``"1234.5"`` are accepted where an amount is expected).

Conventions:

- Rounding is half up, to the cent (:data:`CENT`): 0.005 becomes 0.01 and
  -0.005 becomes -0.01 (away from zero, as people round by hand and as the
  regional forms do). Zero is never negative: -0.001 rounds to 0.00, not -0.00.
- Amounts are exchanged (JSON, REST API, XML exports) as a plain string with a
  dot and exactly two decimals, no thousands separator: ``"1234.56"``
  (:func:`to_json`).
- Amounts are shown to people with :func:`format_eur`. In French (Belgium) the
  thousands separator and the space before the euro sign are NO-BREAK SPACES
  (U+00A0, :data:`NBSP`), so that an amount never breaks across two lines:
  ``1 234,56 €``. (French typography prefers a narrow no-break space, U+202F,
  between digit groups; U+00A0 is what Belgian administrations and most
  software print, and every font has it.) German (Belgium): ``1.234,56 €``,
  also with U+00A0 before the sign. English: ``€1,234.56``.
- People type amounts in many ways; :func:`parse` reads "1234.56",
  "1 234,56", "1.234,56", "1234,5 €", "-12", "€1,234.56" and refuses what could
  be read two ways ("1.234", "1,234": thousands or decimals?) rather than guess.

>>> format_eur(parse("1.234,5")) == f"1{NBSP}234,50{NBSP}€"
True
>>> to_json(Decimal("0.005"))
'0.01'
>>> split(Decimal("100.00"), [Decimal("50"), Decimal("50")])
[Decimal('50.00'), Decimal('50.00')]
"""

from collections.abc import Iterable
from decimal import Decimal
from decimal import InvalidOperation
from decimal import ROUND_HALF_UP
from fractions import Fraction

import math
import re


#: One cent, the unit every amount is rounded to.
CENT = Decimal("0.01")
#: NO-BREAK SPACE: thousands separator and space before "€" in French and German.
NBSP = "\u00a0"
#: The locales :func:`format_eur` knows (by language; "fr-BE" or "fr_BE" read as "fr").
LOCALES = ("fr", "de", "en")

#: What :func:`quantize` and the other functions accept as an amount.
Amount = Decimal | int | str

_ZERO = Decimal("0.00")
_HUNDRED = Decimal(100)


def to_decimal(value: Amount, name: str = "amount") -> Decimal:
    """``value`` as a finite Decimal, not rounded.

    Accepts a Decimal, an int or a plain decimal string ("1234.5", " -12 ");
    refuses floats and booleans (TypeError), and NaN, infinities and strings
    that are not plain numbers (ValueError: use :func:`parse` for "1 234,56 €").

    >>> to_decimal("12.345")
    Decimal('12.345')
    >>> to_decimal(0.1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: The amount must be a Decimal, an int or a str, not a float (0.1): ...
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        kind = type(value).__name__
        hint = ": floats cannot hold cents exactly" if isinstance(value, float) else ""
        raise TypeError(
            f"The {name} must be a Decimal, an int or a str, not a {kind} ({value!r}){hint}."
        )
    if isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(
                f"The {name} {value!r} is not a number; write it like 1234.56."
            ) from None
    else:
        result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"The {name} must be a finite number, not {value!r}.")
    return result


def quantize(value: Amount) -> Decimal:
    """``value`` rounded half up to the cent.

    >>> quantize("1234.5")
    Decimal('1234.50')
    >>> quantize(Decimal("0.005")), quantize(Decimal("-0.005")), quantize(Decimal("0.004"))
    (Decimal('0.01'), Decimal('-0.01'), Decimal('0.00'))
    >>> quantize(Decimal("-0.001"))
    Decimal('0.00')
    """
    amount = to_decimal(value)
    try:
        result = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueError(f"The amount {value!r} is too large.") from None
    # No "-0.00": it would be shown as "-0,00 €".
    return result if result else _ZERO


def to_json(value: Amount) -> str:
    """The exchange form of an amount: a dot, two decimals, no thousands separator.

    >>> to_json(Decimal("1234.5")), to_json(-3), to_json(Decimal("1E+6"))
    ('1234.50', '-3.00', '1000000.00')
    """
    return format(quantize(value), "f")


def format_eur(value: Amount, locale: str = "fr") -> str:
    """``value`` in euros, as people of ``locale`` write it.

    ``locale`` is a language ("fr", "de", "en"), optionally with a region
    ("fr-BE", "fr_BE"); other languages raise ValueError.

    >>> format_eur(Decimal("-1234567.891"), "fr") == f"-1{NBSP}234{NBSP}567,89{NBSP}€"
    True
    >>> format_eur(Decimal("1234.56"), "de") == f"1.234,56{NBSP}€"
    True
    >>> format_eur(Decimal("-1234.56"), "en")
    '-€1,234.56'
    """
    language = (locale or "").replace("_", "-").split("-")[0].lower()
    if language not in LOCALES:
        raise ValueError(f"Unknown locale {locale!r}; known locales: {', '.join(LOCALES)}.")
    amount = quantize(value)
    sign = "-" if amount < 0 else ""
    # "1,234,567.89", then the separators of the language.
    digits = format(abs(amount), ",.2f")
    if language == "en":
        return f"{sign}€{digits}"
    thousands = NBSP if language == "fr" else "."
    digits = digits.translate({ord(","): thousands, ord("."): ","})
    return f"{sign}{digits}{NBSP}€"


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_CURRENCY = r"(?:€|euros?|eur)"
_AMOUNT = re.compile(
    rf"""
    (?P<sign>[-+\u2212])?
    (?P<lead>{_CURRENCY})?
    (?P<sign2>[-+\u2212])?
    (?P<number>[0-9 .,]+)
    (?P<trail>{_CURRENCY})?
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Digits grouped by three with one separator (space, dot or comma), or not grouped;
# then optionally a decimal separator and one or two decimals.
_NUMBER = re.compile(
    r"""
    (?:
        (?P<head>[0-9]{1,3})(?P<sep>[ .,])(?P<groups>[0-9]{3}(?:(?P=sep)[0-9]{3})*)
      | (?P<plain>[0-9]+)
    )
    (?:(?P<point>[.,])(?P<decimals>[0-9]{1,2}))?
    """,
    re.VERBOSE,
)


def _refuse(text: str, why: str = "") -> ValueError:
    hint = why or "write it like 1234.56, 1 234,56 or 1.234,56 € (at most two decimals)"
    return ValueError(f"Not an amount of money: {text!r}; {hint}.")


def parse(text: str) -> Decimal:
    """The amount a person typed, rounded to the cent.

    Thousands may be grouped with spaces (any kind), dots or commas; the
    decimal separator is a comma or a dot, followed by one or two decimals; a
    sign and a euro sign ("€", "EUR") may come before or after. What can be read
    two ways is refused: "1.234" and "1,234" (a thousand, or one and a bit?),
    and so are more than two decimals.

    >>> parse("1 234,56"), parse("1.234,56"), parse("1234,5 €"), parse("-12")
    (Decimal('1234.56'), Decimal('1234.56'), Decimal('1234.50'), Decimal('-12.00'))
    >>> parse("€1,234,567.8")
    Decimal('1234567.80')
    >>> parse("1.234")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Not an amount of money: '1.234'; ambiguous: write 1234 or 1 234 ...
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() reads a str, not a {type(text).__name__} ({text!r}).")
    compact = _SPACES.sub(" ", text).strip()
    if not compact:
        raise _refuse(text, "it is empty")
    # Spaces next to the sign and the euro sign do not matter; inside the number
    # they group the thousands.
    compact = re.sub(rf"\s*({_CURRENCY}|[-+\u2212])\s*", r"\1", compact, flags=re.IGNORECASE)
    outer = _AMOUNT.fullmatch(compact)
    if outer is None or (outer["sign"] and outer["sign2"]) or (outer["lead"] and outer["trail"]):
        raise _refuse(text)
    number = _NUMBER.fullmatch(outer["number"])
    if number is None:
        raise _refuse(text)
    separator, point = number["sep"], number["point"]
    if separator is not None:
        if separator == point or number["head"].startswith("0"):
            raise _refuse(text)
        if point is None and separator != " " and separator not in number["groups"]:
            # One dot or comma followed by three digits: a thousand, or decimals?
            raise _refuse(
                text,
                "ambiguous: write 1234 or 1 234 for a thousand and more, "
                "or 1.23 / 1,23 with at most two decimals",
            )
        integer = number["head"] + number["groups"].replace(separator, "")
    else:
        integer = number["plain"]
    amount = Decimal(f"{integer}.{number['decimals'] or '0'}")
    if outer["sign"] in ("-", "\u2212") or outer["sign2"] in ("-", "\u2212"):
        amount = -amount
    return quantize(amount)


def split(total: Amount, percents: Iterable[Amount]) -> list[Decimal]:
    """``total`` shared by ``percents`` (which add up to exactly 100), to the cent.

    The amounts always add up to ``total`` exactly: largest-remainder method
    (Hamilton). In cents, each share first gets the whole cents of its exact
    part (``total × percent / 100``, computed as an exact fraction); the cents
    left over (fewer than the number of shares) go one each to the shares whose
    exact parts lost the most in that rounding down; on a tie, to the share that
    comes first. A negative total is shared the same way, signs reversed.
    A share of 0 % gets exactly 0.

    >>> split(Decimal("100.00"), [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")])
    [Decimal('33.33'), Decimal('33.33'), Decimal('33.34')]
    >>> split(Decimal("0.01"), [Decimal("50"), Decimal("50")])
    [Decimal('0.01'), Decimal('0.00')]
    """
    amount = quantize(total)
    shares = [to_decimal(p, "percentage") for p in percents]
    if not shares:
        raise ValueError("Nothing to split into: give at least one percentage.")
    for share in shares:
        if share < 0:
            raise ValueError(f"A percentage cannot be negative: {share}.")
    if not percent_sum_is_100(shares):
        raise ValueError(
            f"The percentages add up to {sum(shares)}, not 100: the amounts could not "
            "add up to the total."
        )
    cents = int(abs(amount) * 100)
    exact = [Fraction(cents) * Fraction(share) / 100 for share in shares]
    floors = [math.floor(part) for part in exact]
    left = cents - sum(floors)
    # Largest remainder first; the earlier share first on a tie.
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    sign = -1 if amount < 0 else 1
    return [quantize(Decimal(sign * c) / 100) for c in floors]


def percent_sum_is_100(percents: Iterable[Amount]) -> bool:
    """Whether ``percents`` add up to exactly 100 (Decimal arithmetic, no tolerance).

    >>> percent_sum_is_100([Decimal("33.33"), Decimal("33.33"), Decimal("33.34")])
    True
    >>> percent_sum_is_100([Decimal("33.33")] * 3)
    False
    """
    values = [to_decimal(p, "percentage") for p in percents]
    return bool(values) and sum(values, Decimal(0)) == _HUNDRED
