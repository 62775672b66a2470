"""The indexes of the figures per procedure: what they hold for decided,
late, undecided files and files without a date, the per-procedure table
they give against a hand-computed one, the partial reindex of deadlines and
the 1014 upgrade."""

from datetime import date
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.dossiers.states import OPEN_STATES
from imio.municipal.dossiers.stored_deadlines import update_deadlines
from imio.municipal.steering import dossier_counts
from imio.municipal.steering.figures import Period
from imio.municipal.upgrades import v1014_steering_indexes
from plone import api
from Products.CMFCore.indexing import processQueue

import pytest


APRIL_2019 = Period(date(2019, 4, 1), date(2019, 4, 30))
AGENT, CHIEF, SECRETARY = "namur-agent-urbanisme", "namur-chef-urbanisme", "namur-secretaire"


def _decided_file(portal, title, received, decided, procedure="cu1"):
    dossier = build_dossier(portal, procedure=procedure, title=title, received_date=received)
    do_transition(dossier, AGENT, "receive")
    if decided:
        do_transition(dossier, AGENT, "declare_complete")
        do_transition(dossier, CHIEF, "propose")
        dossier.decision_date = decided
        do_transition(dossier, SECRETARY, "decide")
    return dossier


@pytest.fixture
def cu1_files(portal):
    """Five files of spring 2019, worked out by hand:

    - in_time: CU1 received 4 March, decided 1 April (28 days), by its deadline;
    - late: CU1 received 11 March, decided 15 April (35 days), after it;
    - undecided: CU1 received 18 March;
    - no_deadline: a generic file (no legal delay) received 20 March,
      decided 10 April (21 days);
    - no_receipt: CU1 decided 20 April, its receipt date removed (so no
      legal deadline either).
    """
    files = {
        "in_time": _decided_file(portal, "A", date(2019, 3, 4), date(2019, 4, 1)),
        "late": _decided_file(portal, "B", date(2019, 3, 11), date(2019, 4, 15)),
        "undecided": _decided_file(portal, "C", date(2019, 3, 18), None),
        "no_deadline": _decided_file(
            portal, "D", date(2019, 3, 20), date(2019, 4, 10), procedure="generic"
        ),
        "no_receipt": _decided_file(portal, "E", date(2019, 3, 22), date(2019, 4, 20)),
    }
    assert files["no_deadline"].decision_deadline is None
    files["no_receipt"].received_date = None
    update_deadlines(files["no_receipt"])
    files["no_receipt"].reindexObject()
    assert files["no_receipt"].decision_deadline is None
    return files


def _rid(dossier):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog._catalog.uids["/".join(dossier.getPhysicalPath())]


def _indexed(name, dossier):
    processQueue()  # reindexing waits in Plone's queue until a search
    catalog = api.portal.get_tool("portal_catalog")
    return catalog._catalog.getIndex(name)._unindex.get(_rid(dossier), "not indexed")


def test_what_each_file_has_in_the_indexes(cu1_files):
    days = {key: _indexed("instruction_days", dossier) for key, dossier in cu1_files.items()}
    assert days == {
        "in_time": 28,
        "late": 35,
        "undecided": "not indexed",
        "no_deadline": 21,
        "no_receipt": "not indexed",
    }
    timely = {key: _indexed("decided_in_time", dossier) for key, dossier in cu1_files.items()}
    assert timely == {
        "in_time": 1,
        "late": 0,
        "undecided": "not indexed",
        "no_deadline": "not indexed",
        "no_receipt": "not indexed",
    }
    catalog = api.portal.get_tool("portal_catalog")
    found = catalog.unrestrictedSearchResults(portal_type="Dossier", instruction_days=35)
    assert [brain.getRID() for brain in found] == [_rid(cu1_files["late"])]


def _procedure_row(municipality, period, procedure="cu1"):
    services = [row["id"] for row in municipality.services]
    tables = dossier_counts.dossier_tables(
        municipality, period, None, services, belgian_today(), OPEN_STATES
    )
    rows = [row for row in tables[2].rows if row[0] == procedure]
    return rows[0] if rows else None


def test_the_figure_per_procedure_by_hand(portal, cu1_files):
    namur = portal["namur"]
    # CU1 decided in April: A, B, E; by the deadline: A of A and B (E has
    # none); days: 28 and 35 (E has no receipt date) → median 31.5
    assert _procedure_row(namur, APRIL_2019) == ("cu1", 3, 1, 50.0, 31.5)
    # the generic file: no legal deadline, no share
    assert _procedure_row(namur, APRIL_2019, "generic") == ("generic", 1, 0, None, 21)
    # one day: the late file only
    one_day = Period(date(2019, 4, 15), date(2019, 4, 15))
    assert _procedure_row(namur, one_day) == ("cu1", 1, 0, 0.0, 35)
    # a decided file without receipt date: neither share nor median
    end_of_april = Period(date(2019, 4, 16), date(2019, 4, 30))
    assert _procedure_row(namur, end_of_april) == ("cu1", 1, 0, None, None)
    # no decision in March: no line
    assert _procedure_row(namur, Period(date(2019, 3, 1), date(2019, 3, 31))) is None


def test_recomputed_deadlines_reindex_the_share_in_time(cu1_files):
    dossier = cu1_files["in_time"]
    right = dossier.decision_deadline
    dossier.decision_deadline = date(2019, 3, 25)  # a wrong one, before the decision
    dossier.reindexObject()
    assert _indexed("decided_in_time", dossier) == 0

    assert update_deadlines(dossier)  # reindexes only the deadline indexes

    assert dossier.decision_deadline == right
    assert _indexed("decided_in_time", dossier) == 1


def test_the_upgrade_adds_and_fills_the_indexes(portal, cu1_files):
    catalog = api.portal.get_tool("portal_catalog")
    names = [name for name, _meta_type in v1014_steering_indexes.INDEXES]
    processQueue()
    before = {name: dict(catalog._catalog.getIndex(name)._unindex) for name in names}
    row = _procedure_row(portal["namur"], APRIL_2019)
    assert len(before["instruction_days"]) > 3  # the demo's decided files too
    for name in names:
        catalog.delIndex(name)

    v1014_steering_indexes.upgrade(None)

    assert catalog._catalog.getIndex("instruction_days").meta_type == "FieldIndex"
    assert catalog._catalog.getIndex("decided_in_time").meta_type == "BooleanIndex"
    after = {name: dict(catalog._catalog.getIndex(name)._unindex) for name in names}
    assert after == before
    assert _procedure_row(portal["namur"], APRIL_2019) == row


def _overview_line(period, name="Namur"):
    from imio.municipal.steering import compute

    [line] = [row for row in compute.overview_table(period).rows if row[0] == name]
    return line


def test_the_overview_line_from_the_indexes_by_hand(portal, cu1_files, monkeypatch):
    from imio.municipal.steering import queries

    def no_records(*args, **kwargs):
        raise AssertionError("the overview read the records of the decided files")

    monkeypatch.setattr(queries, "dossier_rows_of", no_records)
    monkeypatch.setattr(queries, "records_of", no_records)
    processQueue()
    # April: A, B, D, E decided (none received); by the deadline: A of A and
    # B (D and E have none); days: 28, 35, 21 (E has no receipt) → median 28
    line = _overview_line(APRIL_2019)
    assert (line[1], line[2], line[3], line[5]) == (0, 4, 50.0, 28)
    # March: received A, B, C, D (E's receipt removed), nothing decided
    line = _overview_line(Period(date(2019, 3, 1), date(2019, 3, 31)))
    assert (line[1], line[2], line[3], line[5]) == (4, 0, None, None)
    # one day: the late file only
    line = _overview_line(Period(date(2019, 4, 15), date(2019, 4, 15)))
    assert (line[1], line[2], line[3], line[5]) == (0, 1, 0.0, 35)
    # a municipality without files in 2019
    line = _overview_line(APRIL_2019, "Gembloux")
    assert (line[1], line[2], line[3], line[5]) == (0, 0, None, None)
