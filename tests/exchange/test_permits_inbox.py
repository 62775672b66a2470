"""A file transferred by the permit platform becomes a case file, once."""

from imio.municipal.exchange import outbox
from imio.municipal.exchange.permits_inbox import poll_permits
from imio.municipal.exchange.simulator import serve_in_thread
from plone import api
from plone.app.uuid.utils import uuidToObject

import pytest
import requests
import transaction


TOKEN = "permits-token"


@pytest.fixture
def platform(functional_portal, monkeypatch):
    base_url, stop = serve_in_thread({"token": TOKEN})
    monkeypatch.setenv("IMIO_MUNICIPAL_TOKEN_PERMITS", TOKEN)
    functional_portal["namur"].permits_url = base_url
    transaction.commit()
    yield base_url
    stop()


def pending(base_url, ins="92094"):
    response = requests.get(
        f"{base_url}/permits/1.0/instances/{ins}/notifications",
        params={"status": "pending"},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=5,
    )
    return response.json()["items"]


def rounds(portal, count=1):
    created = 0
    with api.env.adopt_roles(["Manager"]):
        for _round in range(count):
            created += poll_permits(portal)
    return created


def test_a_transferred_file_becomes_a_received_case_file(functional_portal, platform):
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


def test_a_repeated_notification_makes_no_second_case_file(functional_portal, platform):
    rounds(functional_portal)
    # The platform lost the acknowledgement and offers the file again.
    requests.post(
        f"{platform}/_sim/notifications",
        json={"id": "NOTIF-2026-004217", "status": "pending"},
        timeout=5,
    )
    rounds(functional_portal)
    transaction.begin()
    found = api.content.find(portal_type="Dossier", SearchableText="Tanneries", unrestricted=True)
    assert len(found) == 1


def test_the_urbanism_agents_see_it_other_municipalities_do_not(functional_portal, platform):
    rounds(functional_portal)
    transaction.begin()
    uid = outbox.get_outbox(functional_portal).permit_dossiers["NOTIF-2026-004217"]
    dossier = uuidToObject(uid, unrestricted=True)
    with api.env.adopt_user(username="namur-agent-urbanisme"):
        assert api.user.has_permission("View", obj=dossier)
    with api.env.adopt_user(username="gembloux-agent-urbanisme"):
        assert not api.user.has_permission("View", obj=dossier)


def test_completeness_goes_back_to_the_platform(functional_portal, platform):
    """Round trip: the file arrives, the agent declares it incomplete with the
    missing pieces; the worker posts the completeness response."""
    from imio.municipal.builders import do_transition
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
    state = requests.get(f"{platform}/_sim/state", timeout=5).json()
    [record] = state["records"]["permits"].values()
    assert record["idempotency_key"] == message.id
    assert (record["kind"], record["complete"]) == ("completeness", False)
    assert record["dossier_reference"] == dossier.reference
    # What was sent is kept: the missing pieces are in it.
    assert "Plan d'implantation" in message.read_payload().decode("utf-8")


def decided_platform_file(portal, with_pdf=True, decision="granted"):
    from imio.municipal.builders import do_transition
    from imio.municipal.builders import PLACEHOLDER_PDF
    from plone.namedfile.file import NamedBlobFile

    rounds(portal)
    transaction.begin()
    uid = outbox.get_outbox(portal).permit_dossiers["NOTIF-2026-004217"]
    dossier = uuidToObject(uid, unrestricted=True)
    do_transition(dossier, "namur-agent-urbanisme", "declare_complete")
    do_transition(dossier, "namur-chef-urbanisme", "propose")
    dossier.decision = decision
    if with_pdf:
        with api.env.adopt_user(username="namur-secretaire"):
            api.content.create(
                container=dossier,
                type="File",
                title="Permis d'urbanisme signé",
                annex_category="decision",
                file=NamedBlobFile(
                    PLACEHOLDER_PDF, filename="permis.pdf", contentType="application/pdf"
                ),
            )
    return dossier


def test_deciding_without_the_decision_pdf_is_refused(functional_portal, platform):
    from imio.municipal.builders import do_transition
    from Products.CMFCore.WorkflowCore import WorkflowException

    dossier = decided_platform_file(functional_portal, with_pdf=False)
    with pytest.raises(WorkflowException) as error:
        do_transition(dossier, "namur-secretaire", "decide")
    assert "PDF" in str(error.value)
    assert api.content.get_state(dossier) == "proposed"


def test_the_decision_goes_back_with_its_pdf(functional_portal, platform):
    from imio.municipal.builders import do_transition
    from imio.municipal.builders import PLACEHOLDER_PDF
    from imio.municipal.exchange import rules
    from imio.municipal.exchange import worker

    import base64
    import json

    dossier = decided_platform_file(functional_portal)
    do_transition(dossier, "namur-secretaire", "decide")
    transaction.commit()
    decision = [
        m
        for m in outbox.messages(functional_portal, obj_uid=api.content.get_uuid(dossier))
        if m.filename.startswith("decision-")
    ]
    assert len(decision) == 1
    body = json.loads(decision[0].read_payload())
    assert (body["kind"], body["decision"]) == ("decision", "granted")
    assert base64.b64decode(body["document"]["content_base64"]) == PLACEHOLDER_PDF
    with api.env.adopt_roles(["Manager"]):
        worker.send_due(functional_portal, "w1")
    assert decision[0].state == rules.ACKNOWLEDGED
    state = requests.get(f"{platform}/_sim/state", timeout=5).json()
    kinds = sorted(r["kind"] for r in state["records"]["permits"].values())
    assert kinds == ["completeness", "decision"]
