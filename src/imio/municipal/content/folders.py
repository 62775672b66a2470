"""Containers of the platform structure (created by code, not by hand)."""

from imio.municipal.interfaces import IActRegister
from imio.municipal.interfaces import IDossierFolder
from imio.municipal.interfaces import IMunicipalFolder
from imio.municipal.interfaces import IPublicationFolder
from imio.municipal.interfaces import ISharedProjectsFolder
from plone.dexterity.content import Container
from plone.supermodel import model
from zope.interface import implementer


@implementer(IMunicipalFolder)
class MunicipalFolder(Container):
    """actes, pic or publications of one municipality."""


@implementer(IDossierFolder)
class DossierFolder(MunicipalFolder):
    """The dossiers of one municipality (its default view is the dashboard)."""


@implementer(IActRegister)
class ActRegister(MunicipalFolder):
    """The register of acts of one municipality (its default view lists them)."""


@implementer(IPublicationFolder)
class PublicationFolder(MunicipalFolder):
    """`publications` and its year/body sections (the public listing of acts)."""


@implementer(ISharedProjectsFolder)
class SharedProjectsFolder(Container):
    """The site-level folder of inter-municipal projects."""


class IStructuralFolderSchema(model.Schema):
    """No fields of their own: title and description come from plone.basic."""
