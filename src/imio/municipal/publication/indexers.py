"""Catalog indexers of public versions."""

from imio.municipal.interfaces import IPublicVersion
from plone.indexer import indexer
from Products.CMFCore.utils import getToolByName


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
