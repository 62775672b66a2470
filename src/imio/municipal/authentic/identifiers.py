"""The numbers an authentic source is asked about, checked before asking (Plone-free).

A lookup with a mistyped number would reach the regional data bank for
nothing and be journalled as a consultation of somebody else: python-stdnum
checks it first.

>>> compact_niss("85.07.30-033.28")
'85073003328'
>>> compact_bce("BE 0216.689.981")
'0216689981'
>>> compact_bce("0216.689.982")
Traceback (most recent call last):
...
imio.municipal.authentic.identifiers.InvalidNumber: 0216.689.982
"""

from imio.municipal import _
from imio.municipal.errors import InvalidInput
from stdnum.be import bis as bis_number
from stdnum.be import nn as national_number
from stdnum.be import vat as enterprise_number
from stdnum.exceptions import ValidationError


#: What can be looked up: a person (national register) or an enterprise (BCE).
KINDS = ("person", "enterprise")


class InvalidNumber(InvalidInput):
    """A NISS/BIS or BCE number that its check digits refuse."""

    def __init__(self, kind: str, value: str) -> None:
        super().__init__(value)
        if kind == "person":
            self.message = _(
                "error_authentic_invalid_niss",
                default="${value} is not a valid NISS or BIS number (11 digits with a "
                "valid check number): the authentic sources were not consulted.",
                mapping={"value": value},
            )
        else:
            self.message = _(
                "error_authentic_invalid_bce",
                default="${value} is not a valid BCE number (10 digits, e.g. "
                "0216.689.981, with a valid check number): the authentic sources "
                "were not consulted.",
                mapping={"value": value},
            )


def compact_niss(value: str) -> str:
    """The 11 digits of a valid NISS or BIS number."""
    text = (value or "").strip()
    for module in (national_number, bis_number):
        try:
            return module.validate(text)
        except ValidationError:
            continue
    raise InvalidNumber("person", text)


def compact_bce(value: str) -> str:
    """The 10 digits of a valid BCE (KBO) enterprise number."""
    text = (value or "").strip()
    try:
        return enterprise_number.validate(text)
    except ValidationError as error:
        raise InvalidNumber("enterprise", text) from error


def compact(kind: str, value: str) -> str:
    """The compact number of ``kind`` (``person`` or ``enterprise``)."""
    return compact_niss(value) if kind == "person" else compact_bce(value)
