"""Agents add case files and acts at the same time: an addition writes the
new item and the indexes, never an object every addition shares (the folder
itself, an ordering list), which would make every concurrent addition
conflict and its request be retried."""

from datetime import date
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_dossier
from imio.municipal.upgrades import v1010_contention
from persistent.list import PersistentList
from plone import api
from plone.folder.default import DefaultOrdering
from zope.annotation.interfaces import IAnnotations

import pytest
import transaction


ORDERING_KEYS = (DefaultOrdering.ORDER_KEY, DefaultOrdering.POS_KEY)


def brain_of(obj):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(UID=api.content.get_uuid(obj))[0]


def add_dossier(portal):
    return build_dossier(portal, title="Véranda", received_date=date(2026, 5, 4))


def add_act(portal):
    return build_act(portal, title="Convention", body="college", session_date=date(2026, 5, 4))


@pytest.mark.parametrize(("folder_id", "add"), [("dossiers", add_dossier), ("actes", add_act)])
def test_adding_an_item_leaves_the_folder_unwritten(portal, folder_id, add):
    folder = portal["namur"][folder_id]
    stamp = folder.modified()
    brain_stamp = brain_of(folder).modified
    transaction.savepoint(optimistic=True)  # what the test set up is saved
    assert not folder._p_changed

    item = add(portal)

    assert item.getId() in folder.objectIds()
    assert not folder._p_changed
    assert folder.modified() == stamp
    assert brain_of(folder).modified == brain_stamp
    assert not any(key in IAnnotations(folder) for key in ORDERING_KEYS)


def test_editing_the_folder_itself_still_reindexes_it(portal):
    folder = portal["namur"]["dossiers"]
    folder.title = "Dossiers de la Ville"
    folder.reindexObject()
    assert brain_of(folder).Title == "Dossiers de la Ville"


def test_removing_an_item_leaves_the_folder_unwritten(portal):
    folder = portal["namur"]["dossiers"]
    dossier = add_dossier(portal)
    transaction.savepoint(optimistic=True)
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(dossier)
    assert dossier.getId() not in folder.objectIds()
    assert not folder._p_changed


def test_the_upgrade_drops_the_ordering_of_existing_folders(portal):
    folder = portal["namur"]["dossiers"]
    ids = folder.objectIds()
    # What the default ordering left on a site made before this version.
    annotations = IAnnotations(folder)
    annotations[DefaultOrdering.ORDER_KEY] = PersistentList(ids)
    annotations[DefaultOrdering.POS_KEY] = {item_id: i for i, item_id in enumerate(ids)}

    v1010_contention.upgrade(portal.portal_setup)

    assert not any(key in IAnnotations(folder) for key in ORDERING_KEYS)
    assert sorted(folder.objectIds()) == sorted(ids)
    catalog = api.portal.get_tool("portal_catalog")
    path = {"query": "/".join(folder.getPhysicalPath()), "depth": 1}
    assert {brain.getId for brain in catalog.unrestrictedSearchResults(path=path)} >= set(ids)
