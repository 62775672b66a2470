"""What documents print, without Plone: dates, amounts, rates, votes."""

from datetime import date
from datetime import datetime
from decimal import Decimal
from imio.municipal.documents import formatting

import doctest
import pytest


NBSP = "\u00a0"


@pytest.mark.parametrize(
    "day,expected",
    [
        (date(2026, 3, 1), "1er mars 2026"),
        (date(2026, 3, 12), "12 mars 2026"),
        (date(2026, 2, 2), "2 février 2026"),
        (date(2026, 8, 15), "15 août 2026"),
        (date(2026, 12, 31), "31 décembre 2026"),
        (datetime(2026, 1, 1, 23, 30), "1er janvier 2026"),
        (None, ""),
    ],
)
def test_dates_in_french_words(day, expected):
    assert formatting.format_date(day) == expected


def test_weekday_and_short_dates():
    assert formatting.format_date(date(2026, 3, 12), weekday=True) == "jeudi 12 mars 2026"
    assert formatting.format_short_date(date(2026, 3, 1)) == "01/03/2026"


def test_amounts_in_belgian_french():
    assert formatting.format_amount(Decimal("1234.56")) == f"1{NBSP}234,56{NBSP}€"
    assert formatting.format_amount(Decimal("4213578")) == f"4{NBSP}213{NBSP}578,00{NBSP}€"
    assert formatting.format_amount(0) == f"0,00{NBSP}€"
    assert formatting.format_amount(None) == ""


def test_rates():
    assert formatting.format_rate(Decimal("60")) == "60\u202f%"
    assert formatting.format_rate(Decimal("93.9")) == "93,9\u202f%"
    assert formatting.format_rate(None) == ""


@pytest.mark.parametrize(
    "votes,expected",
    [
        ((25, 25, 0, 0, True), "À l'unanimité des membres présents,"),
        ((41, 29, 9, 3, False), "Par 29 voix pour, 9 voix contre et 3 abstentions,"),
        ((30, 29, 1, 0, False), "Par 29 voix pour et 1 voix contre,"),
        ((30, 29, 0, 1, False), "Par 29 voix pour et 1 abstention,"),
        ((None, None, None, None, False), ""),
    ],
)
def test_vote_sentences(votes, expected):
    assert formatting.vote_sentence(*votes) == expected


def test_enumerations_and_addresses():
    assert formatting.join(["L3131-1", "L3132-1", "L3113-1"]) == "L3131-1, L3132-1 et L3113-1"
    assert formatting.one_line("Hôtel de Ville\n\n5000 Namur") == "Hôtel de Ville · 5000 Namur"
    assert formatting.attendance(41) == "41 membres"


def test_docstring_examples():
    result = doctest.testmod(formatting)
    assert result.attempted > 0
    assert result.failed == 0
