"""The sessions' figures against numbers worked out by hand."""

from datetime import date
from imio.municipal.steering import figures
from imio.municipal.steering import session_figures
from imio.municipal.steering.session_figures import SessionRow
from imio.municipal.steering.session_figures import sessions_by_body

import doctest


YEAR = figures.Period(date(2026, 1, 1), date(2026, 12, 31))
BODIES = ("college", "conseil")


def test_items_and_postponed_per_body():
    rows = [
        SessionRow("college", date(2026, 1, 12), items=5, postponed=1),
        SessionRow("college", date(2026, 1, 19), items=3, postponed=0),
        SessionRow("college", date(2026, 1, 26), items=10, postponed=2),
        SessionRow("conseil", date(2026, 2, 23), items=8, postponed=2),
        # outside the period: not counted
        SessionRow("conseil", date(2025, 12, 15), items=30, postponed=9),
    ]
    table = sessions_by_body(rows, YEAR, BODIES)
    # college: 3 sessions, 18 items, median of (3, 5, 10) = 5, 3 postponed = 3/18
    # council: 1 session of 8 items, 2 postponed = 25 %
    assert table.rows == [
        ("college", 3, 18, 5, 3, 100 * 3 / 18),
        ("conseil", 1, 8, 8, 2, 25.0),
    ]
    assert [c.name for c in table.columns] == [
        "body",
        "sessions",
        "items",
        "median_items",
        "postponed",
        "share_postponed",
    ]


def test_a_body_without_sessions_has_its_line_without_median_nor_share():
    rows = [SessionRow("college", date(2026, 5, 4), items=0, postponed=0)]
    table = sessions_by_body(rows, YEAR, BODIES)
    assert table.rows == [("college", 1, 0, 0, 0, None), ("conseil", 0, 0, None, 0, None)]
    assert not table.is_empty  # a session was held


def test_no_sessions_at_all():
    table = sessions_by_body([], YEAR, BODIES)
    assert table.rows == [("college", 0, 0, None, 0, None), ("conseil", 0, 0, None, 0, None)]
    assert table.is_empty


def test_period_limits_are_included():
    rows = [
        SessionRow("conseil", date(2026, 1, 1), items=2, postponed=1),
        SessionRow("conseil", date(2026, 12, 31), items=4, postponed=0),
    ]
    [_, council] = sessions_by_body(rows, YEAR, BODIES).rows
    assert council == ("conseil", 2, 6, 3.0, 1, 100 / 6)


def test_docstring_examples():
    assert doctest.testmod(session_figures).failed == 0


def test_count_tables_equal_row_tables():
    """The tables built from counts are those built from rows."""
    rows = [
        figures.DossierRow("urbanisme", "cu1", "in_progress", date(2026, 1, 5)),
        figures.DossierRow("urbanisme", "cu1", "decided", date(2026, 1, 7), date(2026, 2, 3)),
        figures.DossierRow("voirie", "pu", "closed", date(2025, 6, 7), date(2026, 3, 1)),
    ]
    flow = figures.flow_table({"2026-01": 2}, {"2026-02": 1, "2026-03": 1}, YEAR)
    assert flow == figures.dossier_flow(rows, YEAR)
    by_service = figures.service_table(
        ["urbanisme", "travaux"],
        ["voirie", "urbanisme"],
        {"urbanisme": 2},
        {"urbanisme": 1, "voirie": 1},
        {},
    )
    assert by_service == figures.dossiers_by_service(
        rows, YEAR, ["urbanisme", "travaux"], date(2026, 4, 1), ("in_progress",)
    )
    assert by_service.rows == [
        ("urbanisme", 2, 1, 0),
        ("travaux", 0, 0, 0),
        ("voirie", 0, 1, 0),
    ]
