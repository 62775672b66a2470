"""Act numbers: {year}/{body}/{seq}, gapless and unique under concurrency."""

from datetime import date
from imio.municipal.acts.workflow import assign_number
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.platform import numbering
from imio.municipal.testing import commit_concurrently

import pytest
import transaction


SESSION = date(2026, 10, 26)


def validated(portal, title, **fields):
    act = build_act(portal, title=title, session_date=SESSION, **fields)
    do_transition(act, "namur-chef-finances", "propose")
    do_transition(act, "namur-secretaire", "validate")
    return act


def test_numbers_are_independent_per_body_and_year(portal):
    council = validated(portal, "Conseil A")
    college = validated(portal, "Collège A", kind="college_decision", body="college")
    last_year = validated(portal, "Conseil 2025")
    last_year.session_date = date(2025, 12, 15)
    for act in (council, college, last_year):
        do_transition(act, "namur-secretaire", "adopt")
    namur = portal["namur"]
    assert council.number == f"2026/conseil/{numbering.last_number(namur, 'act', 2026, 'conseil')}"
    assert college.number == f"2026/college/{numbering.last_number(namur, 'act', 2026, 'college')}"
    assert last_year.number == "2025/conseil/1"


def test_a_refused_or_postponed_act_takes_no_number(portal):
    before = numbering.last_number(portal["namur"], "act", 2026, "conseil")
    act = validated(portal, "Refusé")
    do_transition(act, "namur-secretaire", "refuse", comment="Rejeté en séance")
    assert act.number is None
    assert numbering.last_number(portal["namur"], "act", 2026, "conseil") == before


@pytest.mark.parametrize("retries", [1])
def test_concurrent_adoptions_conflict_and_stay_gapless(functional, functional_portal, retries):
    """Two secretaries adopt at the same moment in two processes: the second
    commit conflicts (no conflict resolution on the counter), the retry takes
    the next number. Result: n+1, n+2 — no duplicate, no gap."""
    first = validated(functional_portal, "Premier")
    second = validated(functional_portal, "Second")
    paths = [first.getPhysicalPath(), second.getPhysicalPath()]
    before = numbering.last_number(functional_portal["namur"], "act", 2026, "conseil")
    transaction.commit()

    def take(act):
        act.number = None  # a retry starts from the committed state
        assign_number(act)

    numbers, conflicts = commit_concurrently(
        functional["zodbDB"], paths, take, lambda act: act.number
    )
    assert conflicts == retries
    assert numbers == [f"2026/conseil/{before + 1}", f"2026/conseil/{before + 2}"]
