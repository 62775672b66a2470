"""The answers of the authentic sources, read strictly (Plone-free).

An answer is outside input: every field is checked for its type and the
number it is about must be the one asked for, otherwise the answer is
refused as malformed rather than written into a case file.

>>> person = parse_person({"niss": "85073003328", "last_name": "Dupont",
...     "first_names": ["Anne", "Marie"], "birth_date": "1985-07-30",
...     "legal_address": {"street": "Rue de Fer", "number": "12", "box": "",
...                       "postal_code": "5000", "municipality": "Namur",
...                       "country": "BE"}}, "85073003328")
>>> applicant_fields(person)
{'name': 'Anne Dupont', 'address': 'Rue de Fer 12, 5000 Namur'}
"""

from dataclasses import dataclass
from datetime import date
from imio.municipal import _
from imio.municipal.errors import MunicipalRefusal


class SourceFailure(MunicipalRefusal):
    """The authentic source could not answer: down, too slow, refusing us, or
    answering something unreadable. Nothing was filled in; try again later."""

    status = 503

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.kind = reason
        self.message = FAILURE_MESSAGES.get(reason, FAILURE_MESSAGES["down"])


FAILURE_MESSAGES = {
    "down": _(
        "error_authentic_down",
        default="The authentic sources (BCED) do not answer at the moment: nothing was "
        "filled in. Try again later or type the data from the applicant's documents.",
    ),
    "timeout": _(
        "error_authentic_timeout",
        default="The authentic sources (BCED) took too long to answer: nothing was "
        "filled in. Try again in a few minutes.",
    ),
    "malformed": _(
        "error_authentic_malformed",
        default="The authentic sources (BCED) sent an answer that cannot be read: "
        "nothing was filled in. The service desk has been told in the logs.",
    ),
    "refused": _(
        "error_authentic_refused",
        default="The authentic sources (BCED) refused the request of this municipality: "
        "check its authorisation with the regional data bank.",
    ),
}


class UnknownNumber(MunicipalRefusal):
    """The source knows nobody under this number."""

    def __init__(self, kind: str, number: str) -> None:
        super().__init__(number)
        if kind == "person":
            self.message = _(
                "error_authentic_unknown_person",
                default="The national register knows no person with the number ${number}.",
                mapping={"number": number},
            )
        else:
            self.message = _(
                "error_authentic_unknown_enterprise",
                default="The Crossroads Bank for Enterprises knows no enterprise with the "
                "number ${number}.",
                mapping={"number": number},
            )


@dataclass(frozen=True)
class Address:
    street: str
    number: str
    box: str
    postal_code: str
    municipality: str
    country: str

    def line(self) -> str:
        """One line, as the applicants table keeps it: ``Rue de Fer 12 bte 3, 5000 Namur``."""
        house = f"{self.street} {self.number}".strip()
        if self.box:
            house = f"{house} bte {self.box}"
        place = f"{self.postal_code} {self.municipality}".strip()
        abroad = f", {self.country}" if self.country and self.country != "BE" else ""
        return f"{house}, {place}{abroad}"


@dataclass(frozen=True)
class Person:
    niss: str
    last_name: str
    first_names: tuple[str, ...]
    birth_date: date
    address: Address

    @property
    def name(self) -> str:
        first = self.first_names[0] if self.first_names else ""
        return f"{first} {self.last_name}".strip()


@dataclass(frozen=True)
class Enterprise:
    bce: str
    name: str
    legal_form: str
    address: Address


def _text(data: dict, key: str, required: bool = True) -> str:
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str) or len(value) > 200 or (required and not value.strip()):
        raise SourceFailure("malformed", f"field {key!r}")
    return value.strip()


def _address(data: object) -> Address:
    if not isinstance(data, dict):
        raise SourceFailure("malformed", "address")
    return Address(
        street=_text(data, "street"),
        number=_text(data, "number", required=False),
        box=_text(data, "box", required=False),
        postal_code=_text(data, "postal_code"),
        municipality=_text(data, "municipality"),
        country=_text(data, "country", required=False) or "BE",
    )


def _object(data: object, number_key: str, number: str) -> dict:
    if not isinstance(data, dict):
        raise SourceFailure("malformed", "not an object")
    if data.get(number_key) != number:
        raise SourceFailure("malformed", f"answer about {data.get(number_key)!r}")
    return data


def parse_person(data: object, niss: str) -> Person:
    """The national register's answer about ``niss`` (compact)."""
    data = _object(data, "niss", niss)
    names = data.get("first_names")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise SourceFailure("malformed", "first_names")
    try:
        born = date.fromisoformat(_text(data, "birth_date"))
    except ValueError as error:
        raise SourceFailure("malformed", "birth_date") from error
    return Person(
        niss=niss,
        last_name=_text(data, "last_name"),
        first_names=tuple(n.strip() for n in names if n.strip()),
        birth_date=born,
        address=_address(data.get("legal_address")),
    )


def parse_enterprise(data: object, bce: str) -> Enterprise:
    """The Crossroads Bank for Enterprises' answer about ``bce`` (compact)."""
    data = _object(data, "bce", bce)
    return Enterprise(
        bce=bce,
        name=_text(data, "name"),
        legal_form=_text(data, "legal_form", required=False),
        address=_address(data.get("registered_seat")),
    )


def applicant_fields(record: Person | Enterprise) -> dict[str, str]:
    """The columns of an applicant row that the record fills."""
    if isinstance(record, Person):
        return {"name": record.name, "address": record.address.line()}
    return {"name": record.name, "address": record.address.line()}
