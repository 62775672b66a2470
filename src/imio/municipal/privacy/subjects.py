"""Which items hold personal data, whose, and in which municipality."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from Acquisition import aq_parent
from imio.municipal.interfaces import IAct
from imio.municipal.interfaces import IDossier
from imio.municipal.interfaces import IMunicipality
from imio.municipal.platform.validators import is_valid_niss
from stdnum.be import nn


ANNEX_TYPES = ("File", "Image")


def municipality_of(obj):
    for item in aq_chain(aq_inner(obj)):
        if IMunicipality.providedBy(item):
            return item
    return None


def _holds_personal_data(obj) -> bool:
    if IDossier.providedBy(obj):
        return bool(getattr(obj, "personal_data", True))
    if IAct.providedBy(obj):
        return bool((getattr(obj, "persons_concerned", None) or "").strip())
    return False


def personal_item(obj):
    """The case file or act whose personal data this item shows, or None.

    A case file flagged as holding personal data, an act naming private
    persons, or an annex (file or image) inside one of them.
    """
    if getattr(obj, "portal_type", None) in ANNEX_TYPES:
        parent = aq_parent(aq_inner(obj))
        return parent if _holds_personal_data(parent) else None
    return obj if _holds_personal_data(obj) else None


def persons_of(item) -> tuple[str, ...]:
    """The NISS of the persons a case file is about (applicants)."""
    if not IDossier.providedBy(item):
        return ()
    found = {compact_niss(row.get("niss")) for row in (getattr(item, "applicants", None) or [])}
    return tuple(sorted(niss for niss in found if niss))


def compact_niss(value) -> str | None:
    """The 11 digits of a valid NISS or BIS number, else None."""
    value = (value or "").strip()
    return nn.compact(value) if value and is_valid_niss(value) else None
