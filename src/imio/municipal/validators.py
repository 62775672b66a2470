"""Field constraints shared by the forms and the REST API.

They raise `MunicipalValidationError`, a `zope.schema.ValidationError`, so
z3c.form shows the message next to the field and plone.restapi answers 400
with it. Identifier checks use python-stdnum, never hand-written checksums.
"""

from imio.municipal import _
from imio.municipal.platform.naming import SERVICE_ID_PATTERN
from stdnum.be import vat as enterprise_number
from stdnum.exceptions import ValidationError as StdnumValidationError
from zope.schema import ValidationError


class MunicipalValidationError(ValidationError):
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


def validate_services(rows: list) -> bool:
    """Every service id is valid and appears once."""
    seen = set()
    for row in rows or []:
        service_id = row.get("id")
        validate_service_id(service_id)
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
