"""The case-file counts from index sets equal those from the rows, and the
sessions' figures count the agenda items and postponed items by hand."""

from datetime import date
from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_mandate
from imio.municipal.demo.sessions import build_session
from imio.municipal.dossiers.states import OPEN_STATES
from imio.municipal.exchange import rules as exchange_rules
from imio.municipal.sessions import agenda
from imio.municipal.steering import compute
from imio.municipal.steering import dossier_counts
from imio.municipal.steering import figures
from imio.municipal.steering import overview
from imio.municipal.steering import queries
from imio.municipal.steering.browser.sections import default_period
from imio.municipal.steering.figures import Period
from imio.municipal.upgrades import v1013_steering_indexes
from plone import api

import pytest


SECRETARY = "namur-secretaire"
COLLEGE = (("Alice Fictive", "bourgmestre", None), ("Bruno Imaginaire", "echevin", 1))


def _by_rows(municipality, period, service, services, today):
    rows = queries.dossier_rows(municipality, service)
    return [
        figures.dossier_flow(rows, period),
        figures.dossiers_by_service(rows, period, services, today, OPEN_STATES),
        figures.dossiers_by_procedure(rows, period),
    ]


def _by_sets(municipality, period, service, services, today):
    return dossier_counts.dossier_tables(
        municipality, period, service, services, today, OPEN_STATES
    )


PERIODS = (
    Period(date(2019, 1, 1), date(2019, 12, 31)),
    Period(date(2019, 4, 1), date(2019, 4, 30)),  # one month
    Period(date(1990, 1, 1), date(1990, 12, 31)),  # no data
    Period(date(2019, 3, 10), date(2019, 4, 10)),  # months cut at both ends
)


@pytest.fixture
def files_of_2019(portal):
    for day, decided in ((4, date(2019, 4, 1)), (11, date(2019, 4, 15)), (18, None)):
        dossier = build_dossier(
            portal, procedure="cu1", title=f"CU1 du {day} mars", received_date=date(2019, 3, day)
        )
        do_transition(dossier, "namur-agent-urbanisme", "receive")
        if decided:
            do_transition(dossier, "namur-agent-urbanisme", "declare_complete")
            do_transition(dossier, "namur-chef-urbanisme", "propose")
            dossier.decision_date = decided
            do_transition(dossier, "namur-secretaire", "decide")
    return portal["namur"]


@pytest.mark.parametrize("service", [None, "urbanisme", "travaux"])
def test_sets_and_rows_agree_on_the_demo_and_created_files(portal, files_of_2019, service):
    namur = files_of_2019
    today = belgian_today()
    services = [service] if service else [row["id"] for row in namur.services]
    for period in (default_period(today), *PERIODS):
        by_sets = _by_sets(namur, period, service, services, today)
        assert by_sets == _by_rows(namur, period, service, services, today), period
    flow = _by_sets(namur, PERIODS[0], service, services, today)[0]
    expected = 5 if service in (None, "urbanisme") else 0
    assert sum(received + decided for _month, received, decided in flow.rows) == expected


def test_months_cut_at_the_ends_of_the_period(portal, files_of_2019):
    """Received 4, 11 and 18 March 2019, decided 1 and 15 April: from 10
    March to 10 April, two received in March and one decided in April."""
    today = belgian_today()
    period = Period(date(2019, 3, 10), date(2019, 4, 10))
    flow, by_service, _procedures = _by_sets(files_of_2019, period, None, ["urbanisme"], today)
    assert flow.rows == [("2019-03", 2, 0), ("2019-04", 0, 1)]
    [urbanisme] = [row for row in by_service.rows if row[0] == "urbanisme"]
    assert urbanisme[1:3] == (2, 1)
    flow = _by_sets(files_of_2019, period, "travaux", ["travaux"], today)[0]
    assert flow.rows == [("2019-03", 0, 0), ("2019-04", 0, 0)]


def test_overdue_without_the_deadline_queue(portal, files_of_2019, monkeypatch):
    """Before the queue's index exists, the overdue files come from the
    deadline and state indexes, with the same counts."""
    namur, today = files_of_2019, belgian_today()
    services = [row["id"] for row in namur.services]
    with_queue = _by_sets(namur, PERIODS[0], None, services, today)
    monkeypatch.setattr(dossier_counts, "queue_of", lambda catalog: None)
    assert _by_sets(namur, PERIODS[0], None, services, today) == with_queue
    assert sum(row[3] for row in with_queue[1].rows) > 0


def test_the_demo_has_counts_to_compare(portal):
    """The comparison above is not between two empty tables."""
    namur = portal["namur"]
    today = belgian_today()
    services = [row["id"] for row in namur.services]
    flow, by_service, by_procedure = _by_sets(namur, default_period(today), None, services, today)
    assert sum(row[1] for row in flow.rows) > 0
    assert sum(row[2] for row in flow.rows) > 0
    assert sum(row[3] for row in by_service.rows) > 0
    assert by_procedure.rows


def test_the_upgrade_adds_and_fills_the_indexes(portal, files_of_2019):
    catalog = api.portal.get_tool("portal_catalog")
    period, today = PERIODS[0], belgian_today()
    services = [row["id"] for row in files_of_2019.services]
    before = _by_sets(files_of_2019, period, None, services, today)
    for name in v1013_steering_indexes.INDEXES:
        catalog.delIndex(name)

    v1013_steering_indexes.upgrade(None)

    for name in v1013_steering_indexes.INDEXES:
        index = catalog._catalog.getIndex(name)
        assert index.meta_type == "DateIndex"
        assert index.index_naive_time_as_local
    assert _by_sets(files_of_2019, period, None, services, today) == before
    assert sum(row[1] for row in before[0].rows) == 3


@pytest.fixture
def college(portal):
    for person, function, rank in COLLEGE:
        build_mandate(portal, person=person, office=function, rank=rank)


def _validated_act(portal, title):
    act = build_act(portal, title=title, body="college", kind="college_decision")
    do_transition(act, "namur-chef-finances", "propose")
    do_transition(act, SECRETARY, "validate")
    return act


def test_sessions_items_and_postponed(portal, college):
    today = belgian_today()
    period = Period(today - timedelta(days=30), today + timedelta(days=30))
    # the demo's own sessions (never deleted once convened) are counted
    # first: this test checks what its sessions add
    before = {
        row[0]: row
        for row in compute.municipality_tables(portal["namur"], period)["sessions_by_body"].rows
    }
    held = build_session(portal, body="college", session_date=today)
    with api.env.adopt_user(username=SECRETARY):
        for n in (1, 2, 3):
            agenda.propose(held, _validated_act(portal, f"Décision {n}"))
    do_transition(held, SECRETARY, "convene")
    do_transition(held, SECRETARY, "open")
    with api.env.adopt_user(username=SECRETARY):
        agenda.postpone(held, held.agenda[1].item_id, "Avis juridique attendu")
    with api.env.adopt_user(username=SECRETARY):
        next_one = build_session(portal, body="college", session_date=today + timedelta(days=7))
        agenda.propose(next_one, _validated_act(portal, "Décision 4"))
    build_session(portal, body="conseil", session_date=today + timedelta(days=3))
    # A session of the year 2000 stays out of the period.
    build_session(portal, body="conseil", session_date=date(2000, 3, 6))

    table = compute.municipality_tables(portal["namur"], period)["sessions_by_body"]

    # college: 2 sessions, 3 + 1 items (the postponed one stays on its
    # session's agenda), 1 postponed; council: 1 session without items.
    # (Medians and shares are checked on their own in the unit tests.)
    added = {
        row[0]: (row[1] - before[row[0]][1], row[2] - before[row[0]][2], row[4] - before[row[0]][4])
        for row in table.rows
    }
    assert added == {"college": (2, 4, 1), "conseil": (1, 0, 0)}


def test_the_overview_counts_as_the_rows_do(portal, files_of_2019):
    today = belgian_today()
    for period in (default_period(today), *PERIODS):
        table = compute.overview_table(period)
        for municipality in compute.municipalities():
            by_rows = overview.municipality_line(
                municipality.Title(),
                queries.dossier_rows(municipality),
                queries.act_rows(municipality),
                queries.exchange_rows(municipality),
                queries.plan_rows(municipality),
                period,
                today,
                OPEN_STATES,
                exchange_rules.FAILED,
            )
            [line] = [row for row in table.rows if row[0] == municipality.Title()]
            assert line == by_rows, (period, municipality.Title())
    [namur] = [row for row in compute.overview_table(PERIODS[0]).rows if row[0] == "Namur"]
    # 3 received in March 2019, 2 decided in April (1 in time, 28 and 35 days)
    assert namur[1:4] == (3, 2, 50.0)
    assert namur[5] == 31.5
