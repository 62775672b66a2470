"""The dashboard's deadline queue answers exactly what the catalog query it
replaces answers, for every user and filter, after the changes a site sees:
transitions, new deadlines, a change of service, sharing on a file and on
the folder, a rename, a deletion, « Clear and Rebuild » and the upgrade."""

from datetime import timedelta
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.dossiers.queue import deadline_queue
from imio.municipal.dossiers.queue.catalog_index import QUEUE_INDEX
from imio.municipal.dossiers.workflow import today
from imio.municipal.interfaces import IImioMunicipalLayer
from imio.municipal.platform.browser.tables import CatalogTableView
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.component import getMultiAdapter
from zope.event import notify
from zope.interface import alsoProvides
from zope.lifecycleevent import ObjectModifiedEvent

import io
import pytest
import tarfile


USERS = (
    "namur-agent-urbanisme",
    "namur-agent-travaux",
    "namur-chef-urbanisme",
    "namur-secretaire",
    "gembloux-agent-urbanisme",
)
GEMBLOUX_STAFF = "92142_staff"
FORMS = (
    {},
    {"due": "overdue"},
    {"due": "soon"},
    {"service": "urbanisme"},
    {"service": "travaux", "state": "received"},
    {"state": "in_progress", "due": "overdue", "service": "urbanisme"},
)


def dashboard(portal, user, form, page_size=1000, start=0):
    """(rids of the page, total, counts per state) from the queue and from
    the catalog, as `user` with the dashboard's `form`."""
    request = portal.REQUEST
    alsoProvides(request, IImioMunicipalLayer)
    answers = []
    for use_queue in (True, False):
        IAnnotations(request).pop("plone.memoize", None)  # a new request each time
        request.form.clear()
        request.form.update(form, b_start=start)
        with api.env.adopt_user(username=user):
            view = getMultiAdapter((portal["namur"]["dossiers"], request), name="dashboard")
            view.page_size = page_size
            if use_queue:
                assert view.queue_query() is not None
                batch, counts = view.batch(), view.count_per_state()
                rids = [brain.getRID() for brain in batch]
            else:
                batch = CatalogTableView.batch(view)
                counts = CatalogTableView.count_per_state(view)
                # The catalog leaves ties in any order; the queue by record id.
                everything = CatalogTableView.batch(_unbatched(view))
                sort_index = api.portal.get_tool("portal_catalog")._catalog.getIndex(
                    "deadline_sort_key"
                )
                order = sorted(
                    (sort_index.keyForDocument(b.getRID()), b.getRID()) for b in everything
                )
                rids = [rid for _key, rid in order][start : start + page_size]
            answers.append((rids, batch.sequence_length, {k: v for k, v in counts.items() if v}))
    return answers


def _unbatched(view):
    view.request.form["b_start"] = 0
    view.page_size = 100_000
    return view


def rid_of(obj):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(UID=obj.UID())[0].getRID()


def assert_queue_answers_like_the_catalog(portal):
    for user in USERS:
        for form in FORMS:
            queue, catalog = dashboard(portal, user, form)
            assert queue == catalog, (user, form)


@pytest.fixture
def files(portal):
    """A dozen case files of both services, in several states and deadlines."""
    made = []
    for index in range(12):
        service = ("urbanisme", "travaux")[index % 2]
        received = today() - timedelta(days=(index * 9) % 70)
        obj = build_dossier(
            portal,
            title=f"Queue {index}",
            responsible_service=service,
            received_date=received,
        )
        agent = f"namur-agent-{service}"
        if index % 4:
            do_transition(obj, agent, "receive")
        if index % 4 == 2:
            do_transition(obj, agent, "declare_complete")
        made.append(obj)
    return made


def test_the_dashboard_uses_the_queue_for_its_own_filters_and_the_catalog_otherwise(portal):
    request = portal.REQUEST
    alsoProvides(request, IImioMunicipalLayer)
    for form, queued in (
        ({"service": "urbanisme", "due": "overdue"}, True),
        ({"sort_on": "deadline"}, True),
        ({"procedure": "pu"}, False),
        ({"agent": "namur-agent-urbanisme"}, False),
        ({"q": "Lambotte"}, False),
        ({"sort_on": "title"}, False),
    ):
        IAnnotations(request).pop("plone.memoize", None)
        request.form.clear()
        request.form.update(form)
        view = getMultiAdapter((portal["namur"]["dossiers"], request), name="dashboard")
        assert (view.queue_query() is not None) is queued, form


def test_new_files_and_transitions(portal, files):
    assert_queue_answers_like_the_catalog(portal)
    do_transition(files[1], "namur-agent-travaux", "declare_complete")
    do_transition(files[2], "namur-chef-urbanisme", "propose")
    do_transition(files[2], "namur-secretaire", "decide")
    assert_queue_answers_like_the_catalog(portal)


def test_new_deadlines_and_a_change_of_service(portal, files):
    obj = files[5]  # received, travaux
    obj.received_date = today() - timedelta(days=200)  # now long overdue
    notify(ObjectModifiedEvent(obj))
    files[4].responsible_service = "travaux"  # the urbanism agent loses it
    notify(ObjectModifiedEvent(files[4]))
    assert_queue_answers_like_the_catalog(portal)
    queue, _ = dashboard(portal, "namur-agent-travaux", {"due": "overdue"})
    assert rid_of(obj) in queue[0]


def test_sharing_on_a_file_and_on_the_folder(portal, files):
    reviewer = ["ServiceReviewer"]
    api.user.grant_roles(username="gembloux-agent-urbanisme", obj=files[3], roles=reviewer)
    files[3].reindexObjectSecurity()
    queue, _ = dashboard(portal, "gembloux-agent-urbanisme", {})
    assert queue[1] == 1  # that one file, nothing else of Namur
    folder = portal["namur"]["dossiers"]
    api.group.grant_roles(groupname=GEMBLOUX_STAFF, obj=folder, roles=reviewer)
    folder.reindexObjectSecurity()
    assert_queue_answers_like_the_catalog(portal)
    api.group.revoke_roles(groupname=GEMBLOUX_STAFF, obj=folder, roles=reviewer)
    folder.reindexObjectSecurity()
    assert_queue_answers_like_the_catalog(portal)


def test_rename_delete_and_paging(portal, files):
    with api.env.adopt_roles(["Manager"]):
        api.content.rename(obj=files[8], new_id="queue-renamed")  # a draft
        api.content.delete(obj=files[7])
    assert_queue_answers_like_the_catalog(portal)
    for start in (0, 3, 6):
        queue, catalog = dashboard(portal, "namur-secretaire", {}, page_size=3, start=start)
        assert queue == catalog
        assert len(queue[0]) == 3


def test_clear_and_rebuild_and_the_upgrade_fill_it_again(portal, files, setup_tool):
    catalog = api.portal.get_tool("portal_catalog")
    catalog.clearFindAndRebuild()
    assert_queue_answers_like_the_catalog(portal)
    catalog.delIndex(QUEUE_INDEX)
    queue_count = len(catalog.unrestrictedSearchResults(portal_type="Dossier"))
    setup_tool.setLastVersionForProfile("imio.municipal:default", "1008")
    setup_tool.upgradeProfile("imio.municipal:default")
    index = catalog._catalog.getIndex(QUEUE_INDEX)
    assert index.numObjects() == queue_count
    assert_queue_answers_like_the_catalog(portal)


def test_other_objects_are_not_queued(portal, files):
    catalog = api.portal.get_tool("portal_catalog")
    index = catalog._catalog.getIndex(QUEUE_INDEX)
    assert index.numObjects() == len(catalog.unrestrictedSearchResults(portal_type="Dossier"))
    brain = catalog.unrestrictedSearchResults(portal_type="Municipality")[0]
    assert index.getEntryForObject(brain.getRID()) is None
    entry = index.getEntryForObject(rid_of(files[1]))
    assert entry["container"] == "/plone/namur/dossiers"
    assert entry["service"] == "travaux"
    assert entry["state"] == "received"
    assert entry["day"] == files[1].completeness_deadline.toordinal()


def test_publication_dates_on_case_files_hand_the_dashboard_back_to_the_catalog(portal):
    fti = api.portal.get_tool("portal_types")["Dossier"]
    fti.behaviors = (*fti.behaviors, "plone.publication")
    request = portal.REQUEST
    alsoProvides(request, IImioMunicipalLayer)
    IAnnotations(request).pop("plone.memoize", None)
    request.form.clear()
    view = getMultiAdapter((portal["namur"]["dossiers"], request), name="dashboard")
    assert view.queue_query() is None


def test_the_catalog_exports_and_imports_with_the_queue(portal, setup_tool, files):
    """GenericSetup treats it as any index: exported with its sources, and a
    new import of catalog.xml neither drops nor empties it."""
    catalog = api.portal.get_tool("portal_catalog")
    before = catalog._catalog.getIndex(QUEUE_INDEX).numObjects()
    tarball = setup_tool.runExportStep("catalog")["tarball"]
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        exported = archive.extractfile("catalog.xml").read().decode()
    assert '<index name="dossier_queue" meta_type="DossierQueueIndex">' in exported
    assert '<indexed_attr value="allowedRolesAndUsers"/>' in exported
    setup_tool.runImportStepFromProfile(
        "profile-imio.municipal:default", "catalog", run_dependencies=False
    )
    assert catalog._catalog.getIndex(QUEUE_INDEX).numObjects() == before


WORKLIST_USERS = (
    "namur-agent-urbanisme",
    "namur-agent-travaux",
    "namur-chef-urbanisme",
    "namur-secretaire",
    "gembloux-agent-urbanisme",
)


def test_the_worklist_box_reads_the_queue_and_answers_like_the_catalog(portal, files):
    from imio.municipal.platform.worklist import DossierWorklist
    from imio.municipal.platform.worklist import ServiceRoutedWorklist

    do_transition(files[2], "namur-chef-urbanisme", "propose")  # for the secretariat
    provider = DossierWorklist()
    for municipality in ("namur", "gembloux"):
        for login in WORKLIST_USERS:
            user = api.user.get(username=login)
            with api.env.adopt_user(username=login):
                for limit in (1000, 3):
                    queued = provider.items(portal[municipality], user, limit)
                    scanned = ServiceRoutedWorklist.items(
                        provider, portal[municipality], user, limit
                    )
                    # Same files and reasons, same deadlines in the same order
                    # (files sharing a deadline may come in another order).
                    assert [i.deadline for i in queued] == [i.deadline for i in scanned]
                    if limit == 1000:
                        assert {(i.url, i.reason) for i in queued} == {
                            (i.url, i.reason) for i in scanned
                        }, (municipality, login)
    with api.env.adopt_user(username="namur-secretaire"):
        secretary = provider.items(portal["namur"], api.user.get(username="namur-secretaire"), 50)
    assert files[2].absolute_url() in {i.url for i in secretary if i.reason == "decide"}


def test_the_1011_upgrade_spreads_counters_and_makes_postings_mergeable(portal, files):
    from BTrees.IIBTree import IIBTree
    from imio.municipal.upgrades import v1011_contention

    catalog = api.portal.get_tool("portal_catalog")
    queue = catalog._catalog.getIndex(QUEUE_INDEX).queue
    wordinfo = catalog._catalog.getIndex("SearchableText").index._wordinfo

    def found():
        return [
            sorted(b.getRID() for b in catalog.unrestrictedSearchResults(SearchableText=text))
            for text in ("Queue", "Queue 3", "urbanisme")
        ]

    searched = found()
    # As older code stored them: one counter a day, rare words' postings as dicts.
    for group in queue._groups.values():
        del group.slots
        group.counts = IIBTree({day: len(rids) for day, rids in group.days.items()})
    for wid, doc2score in list(wordinfo.items()):
        if len(doc2score) <= 10:
            wordinfo[wid] = dict(doc2score)
    assert_queue_answers_like_the_catalog(portal)
    assert found() == searched
    v1011_contention.upgrade(portal.portal_setup)
    assert {group.slots for group in queue._groups.values()} == {deadline_queue.SLOTS}
    assert not any(isinstance(doc2score, dict) for doc2score in wordinfo.values())
    assert_queue_answers_like_the_catalog(portal)
    assert found() == searched
