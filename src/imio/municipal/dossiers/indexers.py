"""Catalog indexers of case files."""

from imio.municipal.dossiers.states import current_deadline_of
from imio.municipal.interfaces import IDossier
from imio.municipal.platform.numbering import sortable_reference as sortable
from plone.indexer import indexer
from Products.CMFCore.utils import getToolByName


@indexer(IDossier)
def sortable_reference(obj):
    return sortable(obj.reference)


@indexer(IDossier)
def current_deadline(obj):
    """The deadline that runs in the file's state (none once decided)."""
    # Acquisition, not plone.api: indexing may run at commit, without a site hook.
    state = getToolByName(obj, "portal_workflow").getInfoFor(obj, "review_state", "")
    return current_deadline_of(obj, state)


# Files without a running deadline sort last (ZCatalog would leave them out
# of a sort on the DateIndex altogether).
NO_DEADLINE = "9999-12-31"


@indexer(IDossier)
def deadline_sort_key(obj):
    state = getToolByName(obj, "portal_workflow").getInfoFor(obj, "review_state", "")
    deadline = current_deadline_of(obj, state)
    return deadline.isoformat() if deadline else NO_DEADLINE


@indexer(IDossier)
def applicant_names(obj):
    return tuple(obj.applicant_names())


@indexer(IDossier)
def dossier_searchable_text(obj):
    """Reference, title, applicants, location: what staff type in the search box."""
    parts = [
        obj.reference or "",
        obj.Title(),
        obj.Description(),
        *obj.applicant_names(),
        obj.location_address or "",
        *(obj.parcels or []),
    ]
    return " ".join(part for part in parts if part)
