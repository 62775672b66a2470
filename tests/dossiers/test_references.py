"""References: {year}/{procedure}/{seq}, unique, increasing, never reused."""

from datetime import date
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.dossiers.workflow import assign_reference
from imio.municipal.platform import numbering
from imio.municipal.testing import commit_concurrently
from plone import api

import transaction


def receive(portal, title, **fields):
    obj = build_dossier(portal, title=title, received_date=date(2026, 5, 4), **fields)
    do_transition(obj, "namur-agent-urbanisme", "receive")
    return obj


def sequence(obj) -> int:
    return numbering.parse_reference(obj.reference)[2]


def test_references_increase_per_municipality_year_and_procedure(portal):
    start = numbering.last_number(portal["namur"], "dossier", 2026, "pu")
    first, second = receive(portal, "A"), receive(portal, "B")
    certificate = receive(portal, "C", procedure="cu1")
    gembloux = build_dossier(portal, "gembloux", title="D", received_date=date(2026, 5, 4))
    do_transition(gembloux, "gembloux-agent-urbanisme", "receive")
    assert [first.reference, second.reference] == [f"2026/pu/{start + 1}", f"2026/pu/{start + 2}"]
    assert certificate.reference == "2026/cu1/2"  # the demo received one CU1 in 2026
    assert gembloux.reference.startswith("2026/pu/")
    assert numbering.last_number(portal["gembloux"], "dossier", 2026, "pu") == sequence(gembloux)


def test_the_year_is_the_year_of_receipt(portal):
    obj = build_dossier(portal, received_date=date(2025, 12, 31))
    do_transition(obj, "namur-agent-urbanisme", "receive")
    assert obj.reference == "2025/pu/1"


def test_a_reference_is_never_reused_after_deletion(portal):
    first = receive(portal, "A")
    number = sequence(first)
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(first)
    assert sequence(receive(portal, "B")) == number + 1


def test_a_reference_is_assigned_once(portal):
    obj = receive(portal, "A")
    reference = obj.reference
    assign_reference(obj)
    assert obj.reference == reference


def test_references_cannot_be_typed(portal):
    from imio.municipal.dossiers.content import IDossierSchema

    assert IDossierSchema["reference"].readonly


def test_concurrent_receipts_conflict_and_the_retry_takes_the_next_number(
    functional, functional_portal
):
    """Two processes receive a file at the same time: ZODB makes the second
    commit conflict (the counter has no conflict resolution), the retry (what
    the Zope publisher does) reads the new counter: no duplicate, no gap."""
    first = build_dossier(functional_portal, title="First", received_date=date(2026, 6, 1))
    second = build_dossier(functional_portal, title="Second", received_date=date(2026, 6, 1))
    paths = [first.getPhysicalPath(), second.getPhysicalPath()]
    before = numbering.last_number(functional_portal["namur"], "dossier", 2026, "pu")
    transaction.commit()

    def take(dossier):
        dossier.reference = None  # a retry starts from the committed state
        assign_reference(dossier)

    references, conflicts = commit_concurrently(
        functional["zodbDB"], paths, take, lambda dossier: dossier.reference
    )
    assert conflicts == 1
    assert references == [f"2026/pu/{before + 1}", f"2026/pu/{before + 2}"]
