"""A citizen may arrive with a BIS number instead of a national register number."""

from imio.municipal.counter.citizens import compact_identity_number
from imio.municipal.counter.citizens import national_number
from stdnum.be import bis
from stdnum.be import nn

import pytest


# BIS numbers: birth month + 20 (gender unknown then) or + 40 (gender known),
# check digits mod 97 (born in 2000 or later: "2" before the number).
VALID_BIS = ["98472899765", "98.47.28-997.65", "85231501229", "05410102377", "75430000429"]
# Wrong check digits, a BIS month without its offset, too short, not digits.
INVALID = ["98472899766", "85231501228", "05410102378", "9847289976", "98472899x65", ""]


@pytest.mark.parametrize("value", VALID_BIS)
def test_a_valid_bis_number_links_a_citizen(value):
    # The numbers are BIS numbers, not national register numbers.
    assert bis.is_valid(value) and not nn.is_valid(value)
    compact = bis.compact(value)
    assert national_number({"national_register_number": value}) == compact
    assert compact_identity_number(value) == compact


@pytest.mark.parametrize("value", INVALID)
def test_an_invalid_number_links_nobody(value):
    assert not bis.is_valid(value) and not nn.is_valid(value)
    assert national_number({"national_register_number": value}) is None
    assert compact_identity_number(value) is None


def test_a_national_register_number_still_links_a_citizen():
    assert national_number({"national_register_number": "78.05.12-123.26"}) == "78051212326"
    assert compact_identity_number("90021404581") == "90021404581"
