"""Catalog indexers of acts."""

from imio.municipal.dossiers.indexers import NO_DEADLINE
from imio.municipal.interfaces import IAct
from imio.municipal.platform.numbering import sortable_reference as sortable
from plone.indexer import indexer
from Products.CMFCore.utils import getToolByName


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


@indexer(IAct)
def act_image_scales(obj):
    """Acts have no image field: nothing to store (as Plone's indexer finds,
    after asking every field of every schema for image scales)."""
    raise AttributeError("image_scales")
