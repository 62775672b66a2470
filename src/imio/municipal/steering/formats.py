"""How the steering figures are written in French, German and English
(Plone-free): « janv. 2026 », « 1 234,5 », « 87 % ».

>>> month_label("2026-01", "fr"), format_number(1234.5, "fr"), format_percent(87.0, "fr")
('janv. 2026', '1\\xa0234,5', '87\\xa0%')
>>> month_label("2026-03", "de"), format_number(1234.5, "de"), format_percent(87.0, "en")
('März 2026', '1.234,5', '87%')
"""

from decimal import Decimal
from imio.municipal.core import money
from imio.municipal.steering import figures


NBSP = money.NBSP

MONTHS = {
    "fr": (
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
    "de": (
        "Jan.",
        "Feb.",
        "März",
        "Apr.",
        "Mai",
        "Juni",
        "Juli",
        "Aug.",
        "Sept.",
        "Okt.",
        "Nov.",
        "Dez.",
    ),
    "en": (
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ),
}


def language_of(locale: str | None) -> str:
    """ "fr", "de" or "en" (French for anything else: French first)."""
    language = (locale or "").replace("_", "-").split("-")[0].lower()
    return language if language in MONTHS else "fr"


def month_label(month: str, locale: str = "fr") -> str:
    year, number = month.split("-")
    return f"{MONTHS[language_of(locale)][int(number) - 1]} {year}"


def format_number(value, locale: str = "fr", digits: int = 1) -> str:
    """A number with its thousands and decimal separators; integers stay whole.

    >>> format_number(1234, "en"), format_number(2.25, "de", 1), format_number(None)
    ('1,234', '2,2', '')
    """
    if value is None:
        return ""
    if isinstance(value, int) or (isinstance(value, float | Decimal) and value == int(value)):
        text = format(int(value), ",")
    else:
        text = format(round(float(value), digits), f",.{digits}f")
    language = language_of(locale)
    if language == "en":
        return text
    thousands = NBSP if language == "fr" else "."
    return text.translate({ord(","): thousands, ord("."): ","})


def format_percent(value, locale: str = "fr") -> str:
    if value is None:
        return ""
    number = format_number(round(float(value)), locale)
    return f"{number}%" if language_of(locale) == "en" else f"{number}{NBSP}%"


def format_cell(value, kind: str, locale: str = "fr", labels: dict | None = None) -> str:
    """One cell of a table as people read it (`labels`: translated labels)."""
    if value is None:
        return "–"
    if kind == figures.MONTH:
        return month_label(value, locale)
    if kind == figures.LABEL:
        return (labels or {}).get(value, value)
    if kind == figures.PERCENT:
        return format_percent(value, locale)
    if kind == figures.MONEY:
        return money.format_eur(value, language_of(locale))
    return format_number(value, locale)


def csv_cell(value, kind: str) -> str:
    """One cell of the CSV: machine-readable (ISO months, dot decimals)."""
    if value is None:
        return ""
    if kind in (figures.PERCENT, figures.DAYS, figures.HOURS) and not isinstance(value, int):
        return f"{float(value):.1f}"
    if kind == figures.MONEY:
        return money.to_json(value)
    return str(value)
