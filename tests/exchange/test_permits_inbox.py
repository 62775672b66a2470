"""A file transferred by the permit platform becomes a case file, once;
its completeness goes back. The decision: test_permits_transmitted.py."""

from imio.municipal.exchange import outbox
from plone import api
from plone.app.uuid.utils import uuidToObject

import requests
import transaction


# The simulator's control API takes the platform's token.
SIM_AUTH = {"Authorization": "Bearer permits-token"}


def test_a_transferred_file_becomes_a_received_case_file(
    functional_portal, platform, pending, rounds
):
    assert [n["id"] for n in pending(platform)] == ["NOTIF-2026-004217"]
    assert rounds(functional_portal) == 1
    transaction.begin()
    uid = outbox.get_outbox(functional_portal).permit_dossiers["NOTIF-2026-004217"]
    dossier = uuidToObject(uid, unrestricted=True)
    assert dossier.aq_parent.getPhysicalPath() == ("", "plone", "namur", "dossiers")
    assert api.content.get_state(dossier) == "received"
    assert dossier.reference.startswith("2026/pu/")
    assert dossier.procedure == "pu"
    assert dossier.responsible_service == "urbanisme"
    assert dossier.applicants[0]["name"] == "Julien Lambert"
    assert dossier.parcels == ["92094A0123/00B000"]
    assert dossier.permit_platform_reference == "PU-2026-NAM-004217"
    assert dossier.completeness_deadline is not None
    # Acknowledged: the platform has nothing pending any more.
    assert pending(platform) == []
    # Gembloux has no endpoint configured: its file waits on the platform.
    assert [n["id"] for n in pending(platform, "92142")]


def test_a_repeated_notification_makes_no_second_case_file(functional_portal, platform, rounds):
    rounds(functional_portal)
    # The platform lost the acknowledgement and offers the file again.
    requests.post(
        f"{platform}/_sim/notifications",
        headers=SIM_AUTH,
        json={"id": "NOTIF-2026-004217", "status": "pending"},
        timeout=5,
    )
    rounds(functional_portal)
    transaction.begin()
    found = api.content.find(portal_type="Dossier", SearchableText="Tanneries", unrestricted=True)
    assert len(found) == 1


def test_the_urbanism_agents_see_it_other_municipalities_do_not(
    functional_portal, platform, rounds
):
    rounds(functional_portal)
    transaction.begin()
    uid = outbox.get_outbox(functional_portal).permit_dossiers["NOTIF-2026-004217"]
    dossier = uuidToObject(uid, unrestricted=True)
    with api.env.adopt_user(username="namur-agent-urbanisme"):
        assert api.user.has_permission("View", obj=dossier)
    with api.env.adopt_user(username="gembloux-agent-urbanisme"):
        assert not api.user.has_permission("View", obj=dossier)


def test_completeness_goes_back_to_the_platform(functional_portal, platform, rounds):
    """Round trip: the file arrives, the agent declares it incomplete with the
    missing pieces; the worker posts the completeness response."""
    from imio.municipal.demo.builders import do_transition
    from imio.municipal.exchange import rules
    from imio.municipal.exchange import worker

    rounds(functional_portal)
    transaction.begin()
    uid = outbox.get_outbox(functional_portal).permit_dossiers["NOTIF-2026-004217"]
    dossier = uuidToObject(uid, unrestricted=True)
    dossier.missing_pieces = ["Plan d'implantation à l'échelle 1/500"]
    do_transition(dossier, "namur-agent-urbanisme", "declare_incomplete")
    transaction.commit()
    [message] = outbox.messages(functional_portal, obj_uid=uid)
    assert message.target == "permits"
    assert message.path == "/permits/1.0/notifications/NOTIF-2026-004217/responses"
    with api.env.adopt_roles(["Manager"]):
        sent = worker.send_due(functional_portal, "w1")
    assert sent == {rules.ACKNOWLEDGED: 1}
    assert message.receipt_id.startswith("RSP-")
    state = requests.get(f"{platform}/_sim/state", headers=SIM_AUTH, timeout=5).json()
    [record] = state["records"]["permits"].values()
    assert record["idempotency_key"] == message.id
    assert (record["kind"], record["complete"]) == ("completeness", False)
    assert record["dossier_reference"] == dossier.reference
    # What was sent is kept: the missing pieces are in it.
    assert "Plan d'implantation" in message.read_payload().decode("utf-8")
