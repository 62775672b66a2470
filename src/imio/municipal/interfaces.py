"""Marker interfaces of imio.municipal."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IImioMunicipalLayer(IDefaultBrowserLayer):
    """Browser layer installed by the default profile."""


class IMunicipality(Interface):
    """A municipality of the platform (a navigation root)."""


class IMunicipalFolder(Interface):
    """One of the sub-folders created inside every municipality."""


class ISharedProjectsFolder(Interface):
    """The site-level folder that holds the inter-municipal projects."""
