"""CSV cells a spreadsheet will not run as formulas (CSV injection).

Every CSV the product writes goes through ``safe_row``. A text cell starting
with ``= + - @``, a tab or a carriage return is prefixed with a single quote,
so Excel and LibreOffice show it as text. Numbers are data: an int, a float,
a Decimal, and a text that is a plain number (``"-12.50"``, ``"-12,50"``) are
written as they are; anything else (``"-1+1"``, ``"+32 81 …"``) is text.

>>> safe_cell("=HYPERLINK(\\"https://evil.example\\")")
'\\'=HYPERLINK("https://evil.example")'
>>> safe_cell("-12.50"), safe_cell(-12.5), safe_cell("Namur")
('-12.50', -12.5, 'Namur')
>>> safe_row(["@SUM(A1)", None, 3])
["'@SUM(A1)", None, 3]
"""

from collections.abc import Iterable

import re


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def safe_cell(value):
    """``value``, or a text prefixed with ``'`` when a spreadsheet would compute it."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_row(values: Iterable) -> list:
    """A row whose every cell went through ``safe_cell``."""
    return [safe_cell(value) for value in values]
