"""What official documents print: French dates, amounts, votes (Plone-free).

Documents are written in French whatever the user's language: dates come
from babel's French locale, with the French rule that the first day of a
month is written "1er".

>>> format_date(date(2026, 3, 1))
'1er mars 2026'
>>> format_date(date(2026, 3, 12))
'12 mars 2026'
"""

from babel.dates import format_date as babel_format_date
from collections.abc import Iterable
from datetime import date
from datetime import datetime
from decimal import Decimal
from imio.municipal.core import money


LOCALE = "fr_BE"


def format_date(value: date | datetime | None, weekday: bool = False) -> str:
    """A date in words, as in an official French document ("" for None).

    >>> format_date(date(2026, 1, 1), weekday=True)
    'jeudi 1er janvier 2026'
    >>> format_date(None)
    ''
    """
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    # babel gives the month name ("mars"); the day is ours: "1er", then digits.
    month_year = babel_format_date(value, "MMMM y", locale=LOCALE)
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {month_year}"
    if weekday:
        text = f"{babel_format_date(value, 'EEEE', locale=LOCALE)} {text}"
    return text


def format_short_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy, for tables.

    >>> format_short_date(date(2026, 3, 1))
    '01/03/2026'
    """
    return value.strftime("%d/%m/%Y") if value else ""


def format_amount(value: Decimal | int | None) -> str:
    """An amount in euros, Belgian French style (« 1 234,56 € »); "" for None."""
    return "" if value is None else money.format_eur(value, "fr")


def format_rate(value: Decimal | int | None) -> str:
    """A percentage: « 60 % », « 62,5 % » (narrow no-break space before %).

    >>> format_rate(Decimal("60.00")) == "60\u202f%"
    True
    >>> format_rate(Decimal("62.5")) == "62,5\u202f%"
    True
    """
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",") + "\u202f%"


def join(items: Iterable[str]) -> str:
    """French enumeration: « a, b et c ».

    >>> join(["a", "b", "c"]), join(["a"]), join([])
    ('a, b et c', 'a', '')
    """
    items = [item for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def vote_sentence(
    present: int | None,
    votes_for: int | None,
    against: int | None,
    abstention: int | None,
    unanimity: bool = False,
) -> str:
    """How the body voted, as the deliberation says it before « DÉCIDE ».

    >>> vote_sentence(25, 25, 0, 0, unanimity=True)
    "À l'unanimité des membres présents,"
    >>> vote_sentence(41, 29, 9, 3)
    'Par 29 voix pour, 9 voix contre et 3 abstentions,'
    >>> vote_sentence(30, 29, 0, 1)
    'Par 29 voix pour et 1 abstention,'
    >>> vote_sentence(None, None, None, None)
    ''
    """
    if unanimity:
        return "À l'unanimité des membres présents,"
    if votes_for is None and against is None and abstention is None:
        return ""
    parts = [_count(votes_for or 0, "voix pour", "voix pour")]
    if against:
        parts.append(_count(against, "voix contre", "voix contre"))
    if abstention:
        parts.append(_count(abstention, "abstention", "abstentions"))
    return f"Par {join(parts)},"


def attendance(present: int | None) -> str:
    """The members present, as the deliberation's heading says it.

    >>> attendance(41), attendance(1), attendance(None)
    ('41 membres', '1 membre', '')
    """
    if not present:
        return ""
    return _count(present, "membre", "membres")


def one_line(text: str | None, separator: str = " · ") -> str:
    """A multi-line address on one line.

    >>> one_line("Hôtel de Ville\\nParc d'Épinal\\n5030 Gembloux")
    "Hôtel de Ville · Parc d'Épinal · 5030 Gembloux"
    """
    return separator.join(line.strip() for line in (text or "").splitlines() if line.strip())
