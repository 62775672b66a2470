"""Medians, ratios and the short table every benchmark prints."""

from dataclasses import dataclass
from statistics import median

import time


def timed(function, runs: int) -> list[float]:
    """`function()` `runs` times: the durations in seconds."""
    times = []
    for _run in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


@dataclass
class Row:
    """One line of the table: `product` and `vanilla` in `unit`.

    `goal` is a callable on the row (True: pass) and its text; rows without a
    vanilla figure (a goal in absolute terms) leave `vanilla` None.
    """

    operation: str
    product: float
    vanilla: float | None
    unit: str
    goal_text: str = ""
    goal: object = None

    @property
    def ratio(self) -> float | None:
        if self.vanilla in (None, 0):
            return None
        return self.product / self.vanilla

    @property
    def passed(self) -> bool | None:
        return None if self.goal is None else bool(self.goal(self))


def ms(seconds: list[float]) -> float:
    return median(seconds) * 1000


def per_second(count: int, seconds: float) -> float:
    return count / seconds if seconds else 0.0


def fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def print_table(title: str, rows: list[Row], notes: list[str] = ()) -> bool:
    """Print the table; True when no goal failed."""
    header = ("operation", "product", "vanilla", "unit", "ratio", "goal", "")
    lines = [
        (
            row.operation,
            fmt(row.product),
            fmt(row.vanilla),
            row.unit,
            fmt(row.ratio),
            row.goal_text,
            {True: "PASS", False: "FAIL", None: ""}[row.passed],
        )
        for row in rows
    ]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=True)]
    print(f"\n{title}")
    for line in (header, *lines):
        print(
            "  "
            + "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True))
        )
    for note in notes:
        print(f"  {note}")
    print(flush=True)
    return all(row.passed is not False for row in rows)
