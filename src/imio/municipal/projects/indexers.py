"""Catalog indexers of shared projects."""

from imio.municipal.interfaces import ISharedProject
from plone.indexer import indexer


@indexer(ISharedProject)
def participants(obj):
    """INS codes of the lead and partners: "our shared projects" of a municipality."""
    return obj.participants()
