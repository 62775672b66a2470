"""The purposes each municipality is authorised to consult the authentic sources for.

Kept as data on the Municipality (an annotation): the platform administrator
records the authorisation the municipality received (its reference), and
withdraws it when it ends. Without one, no lookup is made.
"""

from imio.municipal import _
from imio.municipal.authentic import purposes
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.lookup import municipality_of
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations


KEY = "imio.municipal.authentic.authorisations"


def refusal(cls: type[MunicipalRefusal], message) -> MunicipalRefusal:
    """A refusal of class ``cls`` whose reason is the translatable ``message``."""
    error = cls(str(message))
    error.message = message
    return error


def authorisations(context) -> dict[str, str]:
    """``{purpose id: authorisation reference}`` of the municipality of ``context``."""
    municipality = municipality_of(context)
    if municipality is None:
        return {}
    return dict(IAnnotations(municipality).get(KEY, {}))


def authorise(municipality, purpose_id: str, reference: str) -> None:
    """Record that ``municipality`` may consult for ``purpose_id`` (its authorisation)."""
    purposes.get(purpose_id)
    check_reference(reference)
    annotations = IAnnotations(municipality)
    if KEY not in annotations:
        annotations[KEY] = PersistentMapping()
    annotations[KEY][purpose_id] = reference.strip()


def check_reference(reference: object) -> None:
    """An authorisation is known by the reference of the decision granting it."""
    if not isinstance(reference, str) or not reference.strip():
        raise refusal(
            InvalidInput,
            _(
                "error_authentic_reference_missing",
                default="An authorisation needs the reference of the decision granting it.",
            ),
        )


def withdraw(municipality, purpose_id: str) -> None:
    IAnnotations(municipality).get(KEY, {}).pop(purpose_id, None)
