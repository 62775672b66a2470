"""Field constraints shared by the forms and the REST API.

They raise `MunicipalValidationError`, a `zope.schema.ValidationError`, so
z3c.form shows the message next to the field and plone.restapi answers 400
with it. Identifier checks use python-stdnum, never hand-written checksums.
"""

from imio.municipal import _
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.naming import SERVICE_ID_PATTERN
from imio.municipal.publication.core.contacts import is_phone_number
from imio.municipal.publication.core.geography import parse_box
from imio.municipal.publication.core.geography import parse_point
from stdnum.be import bis as bis_number
from stdnum.be import nn as national_number
from stdnum.be import vat as enterprise_number
from stdnum.exceptions import ValidationError as StdnumValidationError
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.schema import ValidationError

import re


class MunicipalValidationError(ValidationError, MunicipalRefusal):
    """A validation error that carries its own (translatable) message."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def doc(self):
        return self.message

    def __str__(self):
        return str(self.message)


def format_bce(value: str) -> str:
    """The usual written form of a BCE/KBO number: ``0216.689.981``."""
    number = enterprise_number.compact(value)
    return f"{number[:4]}.{number[4:7]}.{number[7:]}"


def validate_bce(value: str) -> bool:
    """A valid Belgian enterprise (BCE/KBO) number, mod-97 checked by stdnum."""
    try:
        enterprise_number.validate(value)
    except StdnumValidationError as error:
        raise MunicipalValidationError(
            _(
                "error_invalid_bce",
                default="${value} is not a valid BCE/KBO enterprise number "
                "(10 digits, e.g. 0216.689.981, with a valid check number).",
                mapping={"value": value},
            )
        ) from error
    return True


def validate_service_id(value: str) -> bool:
    """A service id: lowercase letters and digits, starting with a letter."""
    if not SERVICE_ID_PATTERN.match(value or ""):
        raise MunicipalValidationError(
            _(
                "error_invalid_service_id",
                default='The service identifier "${value}" must be 1 to 30 '
                "lowercase letters or digits, starting with a letter (e.g. urbanisme).",
                mapping={"value": value},
            )
        )
    return True


def validate_phone(value: str) -> bool:
    """A Belgian phone number (e.g. 081 24 60 11 or +32 81 24 60 11)."""
    if value and not (isinstance(value, str) and is_phone_number(value)):
        raise MunicipalValidationError(
            _(
                "error_invalid_phone",
                default="${value} is not a Belgian phone number (e.g. 081 24 60 11 "
                "or +32 81 24 60 11).",
                mapping={"value": value},
            )
        )
    return True


def validate_centroid(value: str) -> bool:
    """A point in Wallonia: ``latitude, longitude`` in decimal degrees."""
    if value and parse_point(value) is None:
        raise MunicipalValidationError(
            _(
                "error_invalid_centroid",
                default="${value} is not a point in Wallonia: give the latitude, then the "
                "longitude, in decimal degrees (e.g. 50.4669, 4.8675).",
                mapping={"value": value},
            )
        )
    return True


def validate_bbox(value: str) -> bool:
    """Two opposite corners in Wallonia: ``lat, lon; lat, lon``."""
    if value and parse_box(value) is None:
        raise MunicipalValidationError(
            _(
                "error_invalid_bbox",
                default="${value} is not a box in Wallonia: give two opposite corners, each as "
                "latitude, longitude in decimal degrees, separated by a semicolon "
                "(e.g. 50.39, 4.74; 50.53, 4.99).",
                mapping={"value": value},
            )
        )
    return True


def validate_services(rows: list) -> bool:
    """Every service id is valid and appears once; its phone is a phone number."""
    seen = set()
    for row in rows or []:
        service_id = row.get("id")
        validate_service_id(service_id)
        validate_phone(row.get("phone"))
        if service_id in seen:
            raise MunicipalValidationError(
                _(
                    "error_duplicate_service",
                    default='The service identifier "${value}" is used twice.',
                    mapping={"value": service_id},
                )
            )
        seen.add(service_id)
    return True


def _refuse(message):
    raise MunicipalValidationError(message)


def is_valid_niss(value: str) -> bool:
    """A national register number (NISS) or a BIS number, checked by stdnum."""
    return national_number.is_valid(value) or bis_number.is_valid(value)


def format_niss(value: str) -> str:
    """The written form of a NISS/BIS number: ``85.07.30-033.28``."""
    module = national_number if national_number.is_valid(value) else bis_number
    return module.format(value)


CAPAKEY_PATTERN = re.compile(r"^\d{5}[A-Z]\d{4}/\d{2}[A-Z_]\d{3}$")


def validate_parcel(value: str) -> bool:
    """A cadastral parcel as a CaPaKey: division, section, radical/bis, exponent, power.

    >>> validate_parcel("92094A0123/00B000")
    True
    """
    if not CAPAKEY_PATTERN.match(value or ""):
        _refuse(
            _(
                "error_invalid_parcel",
                default='"${value}" is not a cadastral parcel reference (CaPaKey), '
                "e.g. 92094A0123/00B000: division (5 digits), section (letter), "
                "radical (4 digits) / bis (2 digits), exponent (letter or _), power (3 digits).",
                mapping={"value": value},
            )
        )
    return True


def validate_applicant(row: dict, position: int) -> None:
    """One applicant: a person with a valid NISS/BIS, or a company with a valid BCE."""
    kind = row.get("kind")
    name = (row.get("name") or "").strip()
    niss = (row.get("niss") or "").strip()
    bce = (row.get("bce") or "").strip()
    if not name:
        _refuse(
            _(
                "error_applicant_name",
                default="Applicant ${position}: the name is required.",
                mapping={"position": position},
            )
        )
    if kind == "person":
        if not niss:
            _refuse(
                _(
                    "error_applicant_niss_missing",
                    default="Applicant ${position} (${name}): a person needs a national "
                    "register (NISS) or BIS number.",
                    mapping={"position": position, "name": name},
                )
            )
        if not is_valid_niss(niss):
            _refuse(
                _(
                    "error_applicant_niss_invalid",
                    default="Applicant ${position} (${name}): ${value} is not a valid NISS "
                    "or BIS number (11 digits with a valid check number).",
                    mapping={"position": position, "name": name, "value": niss},
                )
            )
        if bce:
            _refuse(
                _(
                    "error_applicant_person_bce",
                    default="Applicant ${position} (${name}): a person has no BCE number; "
                    "choose 'company' for an enterprise.",
                    mapping={"position": position, "name": name},
                )
            )
    elif kind == "company":
        if not bce or not enterprise_number.is_valid(bce):
            _refuse(
                _(
                    "error_applicant_bce_invalid",
                    default='Applicant ${position} (${name}): "${value}" is not a valid BCE/KBO '
                    "enterprise number.",
                    mapping={"position": position, "name": name, "value": bce},
                )
            )
        if niss:
            _refuse(
                _(
                    "error_applicant_company_niss",
                    default="Applicant ${position} (${name}): a company has no NISS number.",
                    mapping={"position": position, "name": name},
                )
            )
    else:
        _refuse(
            _(
                "error_applicant_kind",
                default='Applicant ${position}: the kind must be "person" or "company".',
                mapping={"position": position},
            )
        )


def validate_applicants(rows: list) -> bool:
    """At least one applicant, each valid; every invalid one is reported at
    once (a clerk should not find them one save at a time)."""
    if not rows:
        _refuse(_("error_no_applicant", default="A case file needs at least one applicant."))
    problems = []
    for position, row in enumerate(rows, start=1):
        try:
            validate_applicant(row, position)
        except MunicipalValidationError as problem:
            problems.append(problem.message)
    if len(problems) == 1:
        _refuse(problems[0])
    if problems:
        request = getRequest()
        _refuse(
            _(
                "error_applicants_several",
                default="${count} applicants are not valid. ${errors}",
                mapping={
                    "count": len(problems),
                    "errors": " ".join(translate(p, context=request) for p in problems),
                },
            )
        )
    return True


def validate_not_negative(value: int) -> bool:
    if value is not None and value < 0:
        _refuse(
            _(
                "error_negative",
                default="${value} is negative: enter a number of days of 0 or more.",
                mapping={"value": value},
            )
        )
    return True
