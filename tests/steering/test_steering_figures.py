"""The steering figures read from the catalog, on a few created files and on
the demo data, against numbers worked out by hand."""

from datetime import date
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo import dossiers as demo_dossiers
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.steering import compute
from imio.municipal.steering import queries
from imio.municipal.steering.browser.sections import default_period
from imio.municipal.steering.figures import Period

import pytest


YEAR_2019 = Period(date(2019, 1, 1), date(2019, 12, 31))


def _cu1(portal, title, received, decided=None):
    """A CU1 (decision due 30 days after receipt), decided on `decided`."""
    dossier = build_dossier(portal, procedure="cu1", title=title, received_date=received)
    do_transition(dossier, "namur-agent-urbanisme", "receive")
    if decided is None:
        return dossier
    do_transition(dossier, "namur-agent-urbanisme", "declare_complete")
    do_transition(dossier, "namur-chef-urbanisme", "propose")
    dossier.decision_date = decided
    do_transition(dossier, "namur-secretaire", "decide")
    return dossier


@pytest.fixture
def files_of_2019(portal):
    # Mon 4 March + 30 days = Wed 3 April: decided 1 April, in time (28 days).
    _cu1(portal, "Certificat rue Haute", date(2019, 3, 4), date(2019, 4, 1))
    # Mon 11 March + 30 days = Wed 10 April: decided 15 April, late (35 days).
    _cu1(portal, "Certificat rue Basse", date(2019, 3, 11), date(2019, 4, 15))
    # Received 18 March, never decided: overdue since 18 April.
    _cu1(portal, "Certificat rue Neuve", date(2019, 3, 18))
    return portal["namur"]


def test_the_new_columns_hold_the_dates(portal, files_of_2019):
    rows = [r for r in queries.dossier_rows(files_of_2019) if r.received in YEAR_2019]
    assert sorted((r.received, r.decided, r.deadline) for r in rows) == [
        (date(2019, 3, 4), date(2019, 4, 1), date(2019, 4, 3)),
        (date(2019, 3, 11), date(2019, 4, 15), date(2019, 4, 10)),
        (date(2019, 3, 18), None, date(2019, 4, 17)),
    ]


def test_figures_of_created_files(portal, files_of_2019):
    tables = compute.municipality_tables(files_of_2019, YEAR_2019)
    flow = dict(
        (month, (received, decided)) for month, received, decided in tables["dossier_flow"].rows
    )
    assert flow["2019-03"] == (3, 0)
    assert flow["2019-04"] == (0, 2)
    assert sum(r + d for r, d in flow.values()) == 5
    [cu1] = tables["dossiers_by_procedure"].rows
    assert cu1 == ("cu1", 2, 1, 50.0, 31.5)
    by_service = {row[0]: row for row in tables["dossiers_by_service"].rows}
    assert by_service["urbanisme"][1:3] == (3, 2)
    # a service without files in 2019 still has its line
    assert by_service["travaux"][1:3] == (0, 0)


def test_overdue_now_counts_the_forgotten_file(portal):
    period = default_period(belgian_today())
    before = compute.municipality_tables(portal["namur"], period)["dossiers_by_service"]
    _cu1(portal, "Certificat oublié", date(2019, 3, 18))
    after = compute.municipality_tables(portal["namur"], period)["dossiers_by_service"]
    overdue = {row[0]: row[3] for row in after.rows}
    assert overdue["urbanisme"] == {row[0]: row[3] for row in before.rows}["urbanisme"] + 1


def test_service_filter(portal, files_of_2019):
    tables = compute.municipality_tables(files_of_2019, YEAR_2019, "travaux")
    assert [row[0] for row in tables["dossiers_by_service"].rows] == ["travaux"]
    assert tables["dossier_flow"].is_empty
    assert tables["dossiers_by_procedure"].rows == []


def test_no_data_at_all(portal):
    empty = Period(date(2001, 1, 1), date(2001, 1, 31))
    tables = compute.municipality_tables(portal["namur"], empty)
    for name in ("dossier_flow", "acts_by_month", "publications_by_month", "exchanges_by_month"):
        assert tables[name].is_empty, name


def test_the_cache_follows_the_catalog(portal):
    period = Period(date(2019, 1, 1), date(2019, 12, 31))
    first = compute.municipality_tables(portal["namur"], period)
    assert (
        compute.municipality_tables(portal["namur"], period)["dossier_flow"]
        is first["dossier_flow"]
    )
    _cu1(portal, "Certificat du cache", date(2019, 5, 6))
    again = compute.municipality_tables(portal["namur"], period)
    assert dict((m, r) for m, r, _ in again["dossier_flow"].rows)["2019-05"] == 1


def test_demo_decisions_by_hand(portal):
    """The demo decides its files when it is built (decision date: today):
    this month's decisions of Namur are its demo files that go through
    « decide »."""
    expected = sum(
        1 for row in demo_dossiers.DOSSIERS if row[0] == "namur" and demo_dossiers.DECIDE in row[-1]
    )
    today = belgian_today()
    month = Period(date(today.year, today.month, 1), today)
    [(_, _, decided)] = compute.municipality_tables(portal["namur"], month)["dossier_flow"].rows
    assert expected > 0
    assert decided == expected


def test_every_municipality_has_its_line(portal):
    table = compute.overview_table(default_period(belgian_today()))
    names = [row[0] for row in table.rows]
    assert names == sorted(names)
    assert {"Namur", "Gembloux"} <= set(names)
