"""Find the municipality an object belongs to."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from imio.municipal.interfaces import IMunicipality


def municipality_of(context):
    """The Municipality containing `context` (or `context` itself), else None."""
    for obj in aq_chain(aq_inner(context)):
        if IMunicipality.providedBy(obj):
            return obj
    return None


def ins_code_of(context) -> str | None:
    municipality = municipality_of(context)
    return municipality.ins_code if municipality is not None else None
