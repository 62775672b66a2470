"""Find the municipality an object belongs to."""

from Acquisition import aq_chain
from Acquisition import aq_inner
from imio.municipal.interfaces import IMunicipality
from plone import api


def municipality_of(context):
    """The Municipality containing `context` (or `context` itself), else None."""
    for obj in aq_chain(aq_inner(context)):
        if IMunicipality.providedBy(obj):
            return obj
    return None


def ins_code_of(context) -> str | None:
    municipality = municipality_of(context)
    return municipality.ins_code if municipality is not None else None


def municipality_by_ins_code(ins_code: str | None):
    """The platform's Municipality with this INS code (unrestricted), else None."""
    if not ins_code:
        return None
    for brain in api.content.find(portal_type="Municipality", ins_code=ins_code, unrestricted=True):
        return brain._unrestrictedGetObject()
    return None
