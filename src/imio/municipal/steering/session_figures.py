"""The sessions' figures: agenda items and postponed items per body
(Plone-free).

>>> rows = [SessionRow("college", date(2026, 3, 2), 4, 1),
...         SessionRow("college", date(2026, 3, 9), 2, 0)]
>>> sessions_by_body(rows, Period(date(2026, 1, 1), date(2026, 12, 31)), ["college"]).rows
[('college', 2, 6, 3.0, 1, 16.666666666666668)]
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from imio.municipal.steering.figures import Column
from imio.municipal.steering.figures import COUNT
from imio.municipal.steering.figures import LABEL
from imio.municipal.steering.figures import median
from imio.municipal.steering.figures import PERCENT
from imio.municipal.steering.figures import Period
from imio.municipal.steering.figures import share
from imio.municipal.steering.figures import Table


# The median number of items of a body's sessions: a number, not a count.
NUMBER = "number"


@dataclass(frozen=True)
class SessionRow:
    body: str | None
    day: date | None
    items: int  # on its agenda, whatever their outcome
    postponed: int


def sessions_by_body(rows: Iterable[SessionRow], period: Period, bodies: Iterable[str]) -> Table:
    """Per body, of the sessions dated in the period: how many, their
    agenda items, the median items per session, the items postponed and
    their share. Every body has its line, with or without sessions."""
    held = [r for r in rows if r.day in period]
    table = []
    for body in bodies:
        mine = [r for r in held if r.body == body]
        items = sum(r.items for r in mine)
        postponed = sum(r.postponed for r in mine)
        table.append(
            (
                body,
                len(mine),
                items,
                median(r.items for r in mine),
                postponed,
                share(postponed, items),
            )
        )
    return Table(
        "sessions_by_body",
        (
            Column("body", LABEL),
            Column("sessions", COUNT),
            Column("items", COUNT),
            Column("median_items", NUMBER),
            Column("postponed", COUNT),
            Column("share_postponed", PERCENT),
        ),
        table,
    )
