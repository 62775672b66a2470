"""One line per municipality for the platform's overview (Plone-free)."""

from collections.abc import Iterable
from datetime import date
from imio.municipal.steering import figures
from imio.municipal.steering.figures import ActRow
from imio.municipal.steering.figures import Column
from imio.municipal.steering.figures import DossierRow
from imio.municipal.steering.figures import ExchangeRow
from imio.municipal.steering.figures import Period
from imio.municipal.steering.figures import PlanRow
from imio.municipal.steering.figures import Table
from typing import NamedTuple


class DecidedCounts(NamedTuple):
    """The files decided in the period: how many, how many by their legal
    deadline of those that have one, and the median days from receipt."""

    count: int
    within: int
    with_deadline: int
    median_days: float | None


# Outcomes after which an act never takes effect.
REFUSED_OUTCOMES = frozenset({"annulled", "not_approved"})

COLUMNS = (
    Column("municipality", figures.LABEL),
    Column("received", figures.COUNT),
    Column("decided", figures.COUNT),
    Column("share_within_deadline", figures.PERCENT),
    Column("overdue", figures.COUNT),
    Column("median_days", figures.DAYS),
    Column("acts", figures.COUNT),
    Column("annulled", figures.COUNT),
    Column("rejected", figures.COUNT),
    Column("share_used", figures.PERCENT),
)


def municipality_line(
    name: str,
    dossiers: Iterable[DossierRow],
    acts: Iterable[ActRow],
    exchanges: Iterable[ExchangeRow],
    plans: Iterable[PlanRow],
    period: Period,
    today: date,
    open_states: Iterable[str],
    rejected_state: str,
) -> tuple:
    """The figures of one municipality, in the order of `COLUMNS`."""
    dossiers = list(dossiers)
    open_states = frozenset(open_states)
    overdue = sum(
        1
        for r in dossiers
        if r.state in open_states and r.current_deadline is not None and r.current_deadline < today
    )
    return counted_line(
        name,
        sum(1 for r in dossiers if r.received in period),
        [r for r in dossiers if r.decided in period],
        overdue,
        acts,
        exchanges,
        plans,
        period,
        rejected_state,
    )


def counted_line(
    name: str,
    received: int,
    decided: Iterable[DossierRow],
    overdue: int,
    acts: Iterable[ActRow],
    exchanges: Iterable[ExchangeRow],
    plans: Iterable[PlanRow],
    period: Period,
    rejected_state: str,
) -> tuple:
    """The same line from the counts of files received in the period and
    overdue today, and the rows of the files decided in the period."""
    decided = list(decided)
    with_deadline = [r for r in decided if r.deadline is not None]
    return summed_line(
        name,
        received,
        DecidedCounts(
            len(decided),
            sum(1 for r in with_deadline if r.decided <= r.deadline),
            len(with_deadline),
            figures.median((r.decided - r.received).days for r in decided if r.received),
        ),
        overdue,
        acts,
        exchanges,
        plans,
        period,
        rejected_state,
    )


def summed_line(
    name: str,
    received: int,
    decided: DecidedCounts,
    overdue: int,
    acts: Iterable[ActRow],
    exchanges: Iterable[ExchangeRow],
    plans: Iterable[PlanRow],
    period: Period,
    rejected_state: str,
) -> tuple:
    """The same line from counts only for the files: those decided in the
    period counted from the catalog's indexes, without their records."""
    acts, plans = list(acts), list(plans)
    envelope = sum((p.envelope for p in plans), start=figures.Decimal(0))
    used = sum((p.used for p in plans), start=figures.Decimal(0))
    return (
        name,
        received,
        decided.count,
        figures.share(decided.within, decided.with_deadline),
        overdue,
        decided.median_days,
        sum(1 for r in acts if r.session in period),
        sum(1 for r in acts if r.outcome in REFUSED_OUTCOMES and r.outcome_date in period),
        sum(
            1
            for r in exchanges
            if r.state == rejected_state and figures.brussels_day(r.created) in period
        ),
        float(100 * used / envelope) if envelope else None,
    )


def overview(lines: Iterable[tuple]) -> Table:
    return Table("municipalities", COLUMNS, list(lines))
