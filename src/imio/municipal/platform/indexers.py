"""Catalog indexers of imio.municipal."""

from imio.municipal.dossiers.states import current_deadline_of
from imio.municipal.interfaces import IAct
from imio.municipal.interfaces import IDossier
from imio.municipal.interfaces import IPublicVersion
from imio.municipal.interfaces import ISharedProject
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


@indexer(IAct)
def act_sortable_number(obj):
    return sortable(obj.number)


@indexer(IAct)
def act_deadline_sort_key(obj):
    return obj.tutelle_deadline.isoformat() if obj.tutelle_deadline else NO_DEADLINE


def _plain(obj, richtext) -> str:
    if richtext is None or not richtext.raw:
        return ""
    transforms = getToolByName(obj, "portal_transforms")
    data = transforms.convertTo("text/plain", richtext.raw, mimetype="text/html")
    return data.getData() if data else ""


@indexer(IAct)
def act_searchable_text(obj):
    """Number, title, motivation and decision: what the register's search finds."""
    parts = [
        obj.number or "",
        obj.Title(),
        obj.Description(),
        _plain(obj, obj.motivation),
        _plain(obj, obj.decision),
    ]
    return " ".join(part for part in parts if part)


@indexer(ISharedProject)
def participants(obj):
    """INS codes of the lead and partners: "our shared projects" of a municipality."""
    return obj.participants()


@indexer(IPublicVersion)
def public_act_uid(obj):
    return obj.act_uid


@indexer(IPublicVersion)
def publication_year(obj):
    return obj.publication_date.year if obj.publication_date else None


@indexer(IPublicVersion)
def is_current_version(obj):
    return obj.is_current_version


@indexer(IPublicVersion)
def public_searchable_text(obj):
    """What citizens search: number, title and the masked text (never the act's)."""
    transforms = getToolByName(obj, "portal_transforms")
    text = obj.text.raw if obj.text is not None else ""
    plain = transforms.convertTo("text/plain", text, mimetype="text/html").getData() if text else ""
    return " ".join(part for part in (obj.number or "", obj.Title(), plain) if part)
