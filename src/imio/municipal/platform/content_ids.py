"""The ids of new content, as Plone derives them from titles."""

from plone.i18n.normalizer.interfaces import IIDNormalizer
from zope.component import getUtility


def slug(title: str) -> str:
    """The id Plone would derive from a title."""
    return getUtility(IIDNormalizer).normalize(title, max_length=80)
