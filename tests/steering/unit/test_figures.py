"""Each steering figure against numbers computed by hand (Plone-free)."""

from datetime import date
from datetime import datetime
from datetime import UTC
from decimal import Decimal
from imio.municipal.steering import charts
from imio.municipal.steering import figures
from imio.municipal.steering import formats
from imio.municipal.steering import overview
from imio.municipal.steering.figures import ActRow
from imio.municipal.steering.figures import DossierRow
from imio.municipal.steering.figures import ExchangeRow
from imio.municipal.steering.figures import Period
from imio.municipal.steering.figures import PlanRow

import doctest
import pytest


Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))
TODAY = date(2026, 4, 15)
OPEN = ("received", "in_progress", "proposed")

# Six case files, worked out by hand below.
DOSSIERS = [
    # pu, received Jan 5, decided Feb 4 (30 days), deadline Feb 20: in time
    DossierRow("urbanisme", "pu", "decided", date(2026, 1, 5), date(2026, 2, 4), date(2026, 2, 20)),
    # pu, received Jan 10, decided Mar 31 (80 days), deadline Mar 26: late
    DossierRow(
        "urbanisme", "pu", "decided", date(2026, 1, 10), date(2026, 3, 31), date(2026, 3, 26)
    ),
    # pu, received Feb 1, decided Feb 11 (10 days), deadline Mar 1: in time
    DossierRow("urbanisme", "pu", "closed", date(2026, 2, 1), date(2026, 2, 11), date(2026, 3, 1)),
    # cu1, received Mar 2, decided Apr 2: outside the period
    DossierRow("urbanisme", "cu1", "decided", date(2026, 3, 2), date(2026, 4, 2), date(2026, 4, 1)),
    # generic, received Feb 27, open, running deadline Apr 10: overdue on Apr 15
    DossierRow(
        "travaux", "generic", "in_progress", date(2026, 2, 27), None, None, date(2026, 4, 10)
    ),
    # received Dec 2025 (before the period), open, running deadline Apr 15: not overdue
    DossierRow("travaux", "generic", "received", date(2025, 12, 20), None, None, date(2026, 4, 15)),
]


def test_period_months_and_membership():
    assert Q1.months() == ["2026-01", "2026-02", "2026-03"]
    assert Period(date(2025, 12, 5), date(2026, 1, 2)).months() == ["2025-12", "2026-01"]
    assert date(2026, 3, 31) in Q1
    assert date(2026, 4, 1) not in Q1
    assert None not in Q1


def test_dossier_flow_per_month():
    table = figures.dossier_flow(DOSSIERS, Q1)
    # received: Jan 5, Jan 10 | Feb 1, Feb 27 | Mar 2; decided: Feb 4, Feb 11 | Mar 31
    assert table.rows == [("2026-01", 2, 0), ("2026-02", 2, 2), ("2026-03", 1, 1)]


def test_dossiers_by_service_includes_a_service_without_files():
    table = figures.dossiers_by_service(
        DOSSIERS, Q1, ["urbanisme", "travaux", "finances"], TODAY, OPEN
    )
    assert table.rows == [
        ("urbanisme", 4, 3, 0),
        ("travaux", 1, 0, 1),
        ("finances", 0, 0, 0),
    ]


def test_overdue_is_strictly_before_today():
    table = figures.dossiers_by_service(DOSSIERS, Q1, ["travaux"], date(2026, 4, 16), OPEN)
    # A service no longer listed keeps its line after the listed ones.
    assert table.rows == [("travaux", 1, 0, 2), ("urbanisme", 4, 3, 0)]


def test_share_within_deadline_and_median_per_procedure():
    table = figures.dossiers_by_procedure(DOSSIERS, Q1)
    # pu: 3 decided in Q1, 2 by the deadline → 66.7 %; durations 30, 80, 10 → median 30
    [pu] = table.rows
    assert pu[:3] == ("pu", 3, 2)
    assert pu[3] == pytest.approx(200 / 3)
    assert pu[4] == 30


def test_no_data_gives_zeros_and_no_share():
    assert figures.dossier_flow([], Q1).rows == [
        ("2026-01", 0, 0),
        ("2026-02", 0, 0),
        ("2026-03", 0, 0),
    ]
    assert figures.dossier_flow([], Q1).is_empty
    assert figures.dossiers_by_procedure([], Q1).rows == []
    assert figures.tutelle_outcomes([], Q1, ["annulled"]).rows == [("annulled", 0, None)]
    assert figures.pic_use([]).rows == []
    line = overview.municipality_line("Vide", [], [], [], [], Q1, TODAY, OPEN, "failed")
    assert line == ("Vide", 0, 0, None, 0, None, 0, 0, 0, None)


def test_one_month_period():
    january = Period(date(2026, 1, 1), date(2026, 1, 31))
    assert figures.dossier_flow(DOSSIERS, january).rows == [("2026-01", 2, 0)]
    assert figures.dossiers_by_procedure(DOSSIERS, january).rows == []


ACTS = [
    ActRow("conseil", date(2026, 1, 26)),
    ActRow("college", date(2026, 1, 8)),
    ActRow("college", date(2026, 1, 15)),
    # a tax regulation: Region received it Feb 2, approved Feb 27 (25 days),
    # published Mar 3 (4 days after becoming executory)
    ActRow(
        "conseil",
        date(2026, 1, 26),
        "approved",
        date(2026, 2, 2),
        date(2026, 2, 27),
        date(2026, 3, 3),
    ),
    # annulled after 40 days (Feb 9 → Mar 21)
    ActRow("conseil", date(2026, 2, 23), "annulled", date(2026, 2, 9), date(2026, 3, 21)),
    # executory by expiry after 30 days
    ActRow("conseil", date(2026, 2, 23), "approved", date(2026, 2, 25), date(2026, 3, 27), None),
    # no tutelle: executory at its session (Feb 12), published Mar 2: 18 days, late
    ActRow("college", date(2026, 2, 12), None, None, None, date(2026, 3, 2)),
    # session outside the period
    ActRow("college", date(2025, 12, 18)),
]


def test_acts_per_month_and_body():
    table = figures.acts_by_month(ACTS, Q1, ["conseil", "college", "bourgmestre"])
    assert [c.name for c in table.columns] == ["month", "conseil", "college", "bourgmestre"]
    assert table.rows == [("2026-01", 2, 2, 0), ("2026-02", 2, 1, 0), ("2026-03", 0, 0, 0)]


def test_tutelle_outcomes_and_median_region_days():
    table = figures.tutelle_outcomes(ACTS, Q1, ["approved", "annulled", "executory_by_expiry"])
    # approved: 25 and 30 days → median 27.5; annulled: 40
    assert table.rows == [
        ("approved", 2, 27.5),
        ("annulled", 1, 40),
        ("executory_by_expiry", 0, None),
    ]


def test_publications_within_ten_days_of_becoming_executory():
    table = figures.publications_by_month(ACTS, Q1)
    assert table.rows == [
        ("2026-01", 0, 0, None),
        ("2026-02", 0, 0, None),
        ("2026-03", 2, 1, 50.0),
    ]
    # With a 20-day target, both are in time.
    assert figures.publications_by_month(ACTS, Q1, within_days=20).rows[2] == (
        "2026-03",
        2,
        2,
        100.0,
    )


def test_exchange_months_are_counted_in_brussels():
    rows = [
        # 31 Jan 23:30 UTC is 1 Feb in Brussels
        ExchangeRow(
            "acknowledged",
            datetime(2026, 1, 31, 23, 30, tzinfo=UTC),
            datetime(2026, 1, 31, 23, 31, tzinfo=UTC),
            datetime(2026, 2, 1, 1, 31, tzinfo=UTC),
        ),
        ExchangeRow(
            "acknowledged",
            datetime(2026, 2, 3, 9, 0, tzinfo=UTC),
            datetime(2026, 2, 3, 9, 0, tzinfo=UTC),
            datetime(2026, 2, 3, 15, 0, tzinfo=UTC),
        ),
        ExchangeRow("failed", datetime(2026, 2, 5, 9, 0, tzinfo=UTC)),
        ExchangeRow("pending", datetime(2026, 1, 5, 9, 0, tzinfo=UTC)),
    ]
    table = figures.exchanges_by_month(rows, Q1, "acknowledged", "failed")
    # February: 2 sent (receipts after 2 h and 6 h → median 4 h), 1 rejected
    assert table.rows == [
        ("2026-01", 0, 0, 0, None),
        ("2026-02", 2, 2, 1, 4.0),
        ("2026-03", 0, 0, 0, None),
    ]


def test_pic_use_and_projects():
    table = figures.pic_use(
        [
            PlanRow("PIC 2025-2027", Decimal("1000000"), Decimal("870000")),
            PlanRow("Sans enveloppe", Decimal("0"), Decimal("0")),
        ]
    )
    assert table.rows[0][3] == 87.0
    assert table.rows[1][3] is None
    states = figures.projects_by_state(["active", "draft", "active"], ["draft", "active", "closed"])
    assert states.rows == [("draft", 1), ("active", 2), ("closed", 0)]


def test_overview_line_by_hand():
    plans = [PlanRow("PIC", Decimal("200"), Decimal("50"))]
    exchanges = [ExchangeRow("failed", datetime(2026, 2, 5, 9, 0, tzinfo=UTC))]
    line = overview.municipality_line(
        "Namur", DOSSIERS, ACTS, exchanges, plans, Q1, TODAY, OPEN, "failed"
    )
    # received 5, decided 3, in time 2/3, overdue 1, median 30, acts 7 in Q1,
    # 1 annulled, 1 rejected exchange, 25 % of the envelope
    assert line[:3] == ("Namur", 5, 3)
    assert line[3] == pytest.approx(200 / 3)
    assert line[4:] == (1, 30, 7, 1, 1, 25.0)


@pytest.mark.parametrize(
    ("locale", "month", "number", "percent"),
    [
        ("fr", "janv. 2026", "1\u00a0234,5", "87\u00a0%"),
        ("de", "Jan. 2026", "1.234,5", "87\u00a0%"),
        ("en", "Jan 2026", "1,234.5", "87%"),
    ],
)
def test_formats(locale, month, number, percent):
    assert formats.month_label("2026-01", locale) == month
    assert formats.format_number(1234.5, locale) == number
    assert formats.format_percent(87.4, locale) == percent
    assert formats.format_cell(None, figures.COUNT, locale) == "–"


def test_csv_cells_are_machine_readable():
    assert formats.csv_cell(200 / 3, figures.PERCENT) == "66.7"
    assert formats.csv_cell(Decimal("1000000"), figures.MONEY) == "1000000.00"
    assert formats.csv_cell(None, figures.COUNT) == ""
    assert formats.csv_cell("2026-01", figures.MONTH) == "2026-01"


@pytest.mark.parametrize("module", [figures, formats, charts])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0
