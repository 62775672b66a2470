"""The steering figures, computed from plain rows (Plone-free).

Each figure is a `Table`: a first column of labels (a month, a service, a
procedure…) and columns of numbers. The same table is the chart's data, the
table shown beside the chart and the CSV download, so they cannot disagree.
Months are counted in Belgium (Europe/Brussels), whatever the time zone of a
stored instant.

>>> period = Period(date(2026, 1, 1), date(2026, 2, 28))
>>> period.months()
['2026-01', '2026-02']
"""

from collections import Counter
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import UTC
from decimal import Decimal
from imio.municipal.core.calendar import BRUSSELS

import statistics


# Steering target, not a legal delay: a regulation should be published
# within this many days of becoming executory.
PUBLICATION_WITHIN_DAYS = 10

# Kinds of columns: how a cell is written and charted.
LABEL = "label"
MONTH = "month"
COUNT = "count"
PERCENT = "percent"
DAYS = "days"
HOURS = "hours"
MONEY = "money"


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both included."""

    start: date
    end: date

    def __contains__(self, day) -> bool:
        return day is not None and self.start <= day <= self.end

    def months(self) -> list[str]:
        found, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            found.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found


@dataclass(frozen=True)
class Column:
    name: str
    kind: str


@dataclass
class Table:
    """One figure: `rows` of cells in the order of `columns`."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        numbers = [cell for row in self.rows for cell in row[1:] if cell]
        return not numbers


@dataclass(frozen=True)
class DossierRow:
    service: str | None
    procedure: str | None
    state: str
    received: date | None = None
    decided: date | None = None
    deadline: date | None = None  # the legal decision deadline
    current_deadline: date | None = None  # the deadline running now


@dataclass(frozen=True)
class ActRow:
    body: str | None
    session: date | None = None
    outcome: str | None = None
    tutelle_receipt: date | None = None
    outcome_date: date | None = None
    publication: date | None = None


@dataclass(frozen=True)
class ExchangeRow:
    state: str
    created: datetime
    sent: datetime | None = None
    receipt: datetime | None = None


@dataclass(frozen=True)
class PlanRow:
    title: str
    envelope: Decimal
    used: Decimal


def brussels_day(value) -> date | None:
    """The Belgian calendar day of a date or an instant (naive instants are UTC).

    >>> brussels_day(datetime(2026, 1, 31, 23, 30, tzinfo=UTC))
    datetime.date(2026, 2, 1)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(BRUSSELS).date()
    return value


def month_of(value) -> str | None:
    day = brussels_day(value)
    return f"{day.year:04d}-{day.month:02d}" if day else None


def median(values: Iterable) -> float | None:
    """The median, None without values.

    >>> median([3, 1, 10]), median([1, 2]), median([])
    (3, 1.5, None)
    """
    values = list(values)
    return statistics.median(values) if values else None


def histogram_median(counts: Iterable[tuple]) -> float | None:
    """The median of values given as (value, how many) in increasing order,
    as `median` of the values one by one would answer.

    >>> histogram_median([(3, 1), (5, 2), (9, 1)]), histogram_median([(2, 1), (7, 0)])
    (5.0, 2)
    >>> histogram_median([(1, 2), (4, 1)]), histogram_median([])
    (1, None)
    """
    counts = [(value, number) for value, number in counts if number]
    total = sum(number for _value, number in counts)
    if not total:
        return None
    wanted = sorted({(total - 1) // 2, total // 2})  # the middle one or two
    found, seen = [], 0
    for value, number in counts:
        while wanted and wanted[0] < seen + number:
            found.append(value)
            wanted.pop(0)
        seen += number
    return found[0] if len(found) == 1 else (found[0] + found[1]) / 2


def share(part: int, whole: int) -> float | None:
    """`part` of `whole` in percent, None when there is nothing to share.

    >>> share(7, 8), share(0, 0)
    (87.5, None)
    """
    return 100.0 * part / whole if whole else None


def _days(start: date | None, end: date | None) -> int | None:
    if start is None or end is None:
        return None
    return (end - start).days


# Case files ----------------------------------------------------------------


def dossier_flow(rows: Iterable[DossierRow], period: Period) -> Table:
    """Case files received and decided, per month of the period."""
    rows = list(rows)
    received = Counter(month_of(r.received) for r in rows if r.received in period)
    decided = Counter(month_of(r.decided) for r in rows if r.decided in period)
    return flow_table(received, decided, period)


def flow_table(received: Mapping[str, int], decided: Mapping[str, int], period: Period) -> Table:
    """The flow table from counts per month ("2026-01")."""
    return Table(
        "dossier_flow",
        (Column("month", MONTH), Column("received", COUNT), Column("decided", COUNT)),
        [(month, received.get(month, 0), decided.get(month, 0)) for month in period.months()],
    )


def dossiers_by_service(
    rows: Iterable[DossierRow],
    period: Period,
    services: Iterable[str],
    today: date,
    open_states: Iterable[str],
) -> Table:
    """Per service: received and decided in the period, overdue today.

    Every service of the municipality has its line, with or without files.
    """
    rows = list(rows)
    open_states = frozenset(open_states)
    received = Counter(r.service for r in rows if r.received in period)
    decided = Counter(r.service for r in rows if r.decided in period)
    overdue = Counter(
        r.service
        for r in rows
        if r.state in open_states and r.current_deadline is not None and r.current_deadline < today
    )
    found = {r.service for r in rows if r.service}
    return service_table(services, found, received, decided, overdue)


def service_table(
    services: Iterable[str],
    found: Iterable[str],
    received: Mapping[str, int],
    decided: Mapping[str, int],
    overdue: Mapping[str, int],
) -> Table:
    """The per-service table from counts per service: every service of the
    municipality, then the other services `found` on its files."""
    names = list(services)
    names += sorted(name for name in set(found) if name and name not in names)
    return Table(
        "dossiers_by_service",
        (
            Column("service", LABEL),
            Column("received", COUNT),
            Column("decided", COUNT),
            Column("overdue", COUNT),
        ),
        [
            (name, received.get(name, 0), decided.get(name, 0), overdue.get(name, 0))
            for name in names
        ],
    )


def dossiers_by_procedure(rows: Iterable[DossierRow], period: Period) -> Table:
    """Per procedure, of the files decided in the period: how many had a legal
    deadline, how many were decided by it, that share, and the median number
    of days from receipt to decision."""
    return procedure_table(
        (r.procedure, r.received, r.decided, r.deadline) for r in rows if r.decided in period
    )


def procedure_table(decisions: Iterable[tuple]) -> Table:
    """The per-procedure table from (procedure, received, decided, legal
    deadline) of the files decided in the period."""
    by_procedure: dict[str, list[tuple]] = {}
    for decision in decisions:
        if decision[0]:
            by_procedure.setdefault(decision[0], []).append(decision)
    table = []
    for procedure in sorted(by_procedure):
        mine = by_procedure[procedure]
        with_deadline = [d for d in mine if d[3] is not None]
        within = sum(1 for d in with_deadline if d[2] <= d[3])
        durations = [(d[2] - d[1]).days for d in mine if d[1]]
        table.append(
            (
                procedure,
                len(mine),
                within,
                share(within, len(with_deadline)),
                median(durations),
            )
        )
    return procedure_rows_table(table)


def procedure_rows_table(rows: list[tuple]) -> Table:
    """The per-procedure table from its rows (procedure, decided, within the
    deadline, that share, median days)."""
    return Table(
        "dossiers_by_procedure",
        (
            Column("procedure", LABEL),
            Column("decided", COUNT),
            Column("within_deadline", COUNT),
            Column("share_within_deadline", PERCENT),
            Column("median_days", DAYS),
        ),
        rows,
    )


# Acts and tutelle ----------------------------------------------------------


def acts_by_month(rows: Iterable[ActRow], period: Period, bodies: Iterable[str]) -> Table:
    """Acts per month of their session, one column per body."""
    bodies = list(bodies)
    counts = Counter((month_of(r.session), r.body) for r in rows if r.session in period)
    return Table(
        "acts_by_month",
        (Column("month", MONTH), *(Column(body, COUNT) for body in bodies)),
        [(month, *(counts[month, body] for body in bodies)) for month in period.months()],
    )


def tutelle_outcomes(rows: Iterable[ActRow], period: Period, outcomes: Iterable[str]) -> Table:
    """Outcomes of the tutelle decided in the period, and the median days the
    Region took (from receiving the act to its outcome)."""
    decided = [r for r in rows if r.outcome and r.outcome_date in period]
    table = []
    for outcome in outcomes:
        mine = [r for r in decided if r.outcome == outcome]
        durations = [_days(r.tutelle_receipt, r.outcome_date) for r in mine if r.tutelle_receipt]
        table.append((outcome, len(mine), median(durations)))
    return Table(
        "tutelle_outcomes",
        (Column("outcome", LABEL), Column("acts", COUNT), Column("median_days", DAYS)),
        table,
    )


def executory_on(row: ActRow) -> date | None:
    """When an act became executory: its tutelle outcome, else its session."""
    return row.outcome_date if row.outcome else row.session


def publications_by_month(
    rows: Iterable[ActRow], period: Period, within_days: int = PUBLICATION_WITHIN_DAYS
) -> Table:
    """Acts published per month, and how many within `within_days` of
    becoming executory."""
    published = [r for r in rows if r.publication in period]
    table = []
    for month in period.months():
        mine = [r for r in published if month_of(r.publication) == month]
        timely = sum(
            1
            for r in mine
            if executory_on(r) is not None and _days(executory_on(r), r.publication) <= within_days
        )
        table.append((month, len(mine), timely, share(timely, len(mine))))
    return Table(
        "publications_by_month",
        (
            Column("month", MONTH),
            Column("published", COUNT),
            Column("published_in_time", COUNT),
            Column("share_in_time", PERCENT),
        ),
        table,
    )


# Exchanges, PIC, projects --------------------------------------------------


def exchanges_by_month(
    rows: Iterable[ExchangeRow], period: Period, acknowledged: str, rejected: str
) -> Table:
    """Messages created per month: sent, acknowledged, rejected (failed for
    good), and the median hours from sending to the Region's receipt."""
    mine = [r for r in rows if brussels_day(r.created) in period]
    table = []
    for month in period.months():
        of_month = [r for r in mine if month_of(r.created) == month]
        delays = [
            (r.receipt - r.sent).total_seconds() / 3600
            for r in of_month
            if r.sent is not None and r.receipt is not None
        ]
        table.append(
            (
                month,
                sum(1 for r in of_month if r.sent is not None),
                sum(1 for r in of_month if r.state == acknowledged),
                sum(1 for r in of_month if r.state == rejected),
                median(delays),
            )
        )
    return Table(
        "exchanges_by_month",
        (
            Column("month", MONTH),
            Column("sent", COUNT),
            Column("acknowledged", COUNT),
            Column("rejected", COUNT),
            Column("median_hours", HOURS),
        ),
        table,
    )


def pic_use(rows: Iterable[PlanRow]) -> Table:
    """Per PIC plan: the envelope, the subsidies it holds, the share used."""
    return Table(
        "pic_use",
        (
            Column("plan", LABEL),
            Column("envelope", MONEY),
            Column("used", MONEY),
            Column("share_used", PERCENT),
        ),
        [
            (
                r.title,
                r.envelope,
                r.used,
                float(100 * r.used / r.envelope) if r.envelope else None,
            )
            for r in rows
        ],
    )


def projects_by_state(states: Iterable[str], known: Iterable[str]) -> Table:
    """Shared projects per state, in the workflow's order."""
    counts = Counter(states)
    names = list(known) + sorted(set(counts) - set(known))
    return Table(
        "projects_by_state",
        (Column("state", LABEL), Column("projects", COUNT)),
        [(name, counts[name]) for name in names],
    )
