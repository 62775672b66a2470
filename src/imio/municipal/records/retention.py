"""How long case files and acts are kept, and what becomes of them (Plone-free).

The table is data (``data/retention.csv``): per procedure (case files) and
per kind of act, a period in years counted from the closing (or adoption)
and a final fate, with the retention schedule it comes from — the
Archives de l'État's schedules for municipal archives — and how far it was
checked. A unit test keeps it complete: every procedure and every kind of
act has exactly one rule.

>>> rule = rule_for("procedure", "cu1")
>>> rule.years, rule.fate
(10, 'destroy')
>>> rule.due(date(2016, 2, 29))
datetime.date(2026, 2, 28)
>>> rule.is_due(date(2016, 3, 1), today=date(2026, 3, 1))
True
>>> rule.is_due(date(2016, 3, 2), today=date(2026, 3, 1))
False
"""

from dataclasses import dataclass
from datetime import date
from imio.municipal.errors import InvalidInput
from pathlib import Path

import csv


TABLE = Path(__file__).parent / "data" / "retention.csv"
#: destroy: the case file is deleted; anonymise: kept without personal data;
#: transfer: handed over to the archives (kept, marked as transferred).
FATES = ("destroy", "anonymise", "transfer")
SUBJECTS = ("procedure", "act")
#: An adopted act is numbered, and a numbered act is never deleted nor
#: altered: its only final fate is the transfer to the archives.
ACT_FATES = ("transfer",)


@dataclass(frozen=True)
class RetentionRule:
    subject: str
    code: str
    years: int
    fate: str
    starts: str
    source: str
    verification: str

    def due(self, start: date) -> date:
        """The day the period ends (29 February gives 28 February)."""
        try:
            return start.replace(year=start.year + self.years)
        except ValueError:
            return start.replace(year=start.year + self.years, day=28)

    def is_due(self, start: date, today: date) -> bool:
        return self.due(start) <= today


def _rule(row: dict) -> RetentionRule:
    rule = RetentionRule(
        subject=row["subject"],
        code=row["code"],
        years=int(row["years"]),
        fate=row["fate"],
        starts=row["starts"],
        source=row["source"].strip(),
        verification=row["verification"].strip(),
    )
    if rule.subject not in SUBJECTS or rule.fate not in FATES or not 1 <= rule.years <= 100:
        raise ValueError(f"retention table: bad rule {row!r}")
    if not rule.source:
        raise ValueError(f"retention table: {rule.code} cites no source")
    if rule.subject == "act" and rule.fate not in ACT_FATES:
        raise ValueError(f"retention table: an adopted act ({rule.code}) is only transferred")
    return rule


def load_rules(path: Path = TABLE) -> dict[tuple[str, str], RetentionRule]:
    """Every rule of the table, by ``(subject, code)``; ValueError for a bad table."""
    rules = {}
    with path.open(encoding="utf-8", newline="") as table:
        for row in csv.DictReader(table):
            rule = _rule(row)
            if (rule.subject, rule.code) in rules:
                raise ValueError(f"retention table: {rule.code} twice")
            rules[rule.subject, rule.code] = rule
    return rules


RULES = load_rules()


class NoRetentionRule(InvalidInput):
    def __init__(self, subject: str, code: str) -> None:
        super().__init__(f"No retention rule for {subject} {code!r}")


def rule_for(subject: str, code: str) -> RetentionRule:
    try:
        return RULES[subject, code]
    except KeyError:
        raise NoRetentionRule(subject, code) from None
