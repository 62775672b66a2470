"""Containers of the platform structure (created by code, not by hand)."""

from contextlib import contextmanager
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


class BusyFolder(MunicipalFolder):
    """A folder that many agents add to at once (case files, acts).

    Two additions must not write the same object, or one of them conflicts
    and its whole request is retried:

    - a default ordering keeps one list of every id, which each addition
      rewrites (and which grows with the folder): these folders are
      unordered (nothing shows them in manual order; the dashboard and the
      register sort by field);
    - Plone reindexes a container fully when an item is added or removed,
      which stamps its modification date and rewrites its catalog entry:
      skipped here, the folder itself has not changed.
    """

    _ordering = "unordered"
    _v_items_changing = False

    @contextmanager
    def _items_changing(self):
        # nested: a rename removes and adds, then notifies
        outer = self._v_items_changing
        self._v_items_changing = True
        try:
            yield
        finally:
            self._v_items_changing = outer

    def _setObject(self, id, object, *args, **kwargs):  # noqa: A002 (OFS's names)
        with self._items_changing():
            return super()._setObject(id, object, *args, **kwargs)

    def _delObject(self, id, *args, **kwargs):  # noqa: A002
        with self._items_changing():
            return super()._delObject(id, *args, **kwargs)

    def manage_renameObject(self, id, new_id, REQUEST=None):  # noqa: A002, N803
        """Rename an item (plone.api and plone.restapi name a new one so)."""
        with self._items_changing():
            return super().manage_renameObject(id, new_id, REQUEST)

    def reindexObject(self, idxs=[], *args, **kwargs):  # noqa: B006 (CMFCore's signature)
        if self._v_items_changing and not idxs:
            return
        super().reindexObject(idxs, *args, **kwargs)


@implementer(IDossierFolder)
class DossierFolder(BusyFolder):
    """The dossiers of one municipality (its default view is the dashboard)."""


@implementer(IActRegister)
class ActRegister(BusyFolder):
    """The register of acts of one municipality (its default view lists them)."""


@implementer(IPublicationFolder)
class PublicationFolder(MunicipalFolder):
    """`publications` and its year/body sections (the public listing of acts)."""


@implementer(ISharedProjectsFolder)
class SharedProjectsFolder(Container):
    """The site-level folder of inter-municipal projects."""


class IStructuralFolderSchema(model.Schema):
    """No fields of their own: title and description come from plone.basic."""
