"""A permit-platform file: decided, transmitted (its decision queued), closed
once the platform acknowledged the decision. Round trip with the simulator."""

from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import PLACEHOLDER_PDF
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rules
from imio.municipal.exchange import worker
from imio.municipal.exchange.permits_responses import decision_message
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.namedfile.file import NamedBlobFile
from Products.CMFCore.WorkflowCore import WorkflowException

import base64
import json
import pytest
import requests
import transaction


# The simulator's control API takes the platform's token.
SIM_AUTH = {"Authorization": "Bearer permits-token"}


NOTIFICATION = "NOTIF-2026-004217"
SECRETARY = "namur-secretaire"


def add_signed_pdf(dossier, content_type="application/pdf", category="decision"):
    with api.env.adopt_user(username=SECRETARY):
        api.content.create(
            container=dossier,
            type="File",
            title="Permis d'urbanisme signé",
            annex_category=category,
            file=NamedBlobFile(PLACEHOLDER_PDF, filename="permis.pdf", contentType=content_type),
        )


def platform_file(portal, rounds, state="decided", decision="granted", with_pdf=True):
    """The platform's file, brought to ``state`` ("proposed" or "decided"), committed."""
    rounds(portal)
    transaction.begin()
    uid = outbox.get_outbox(portal).permit_dossiers[NOTIFICATION]
    dossier = uuidToObject(uid, unrestricted=True)
    do_transition(dossier, "namur-agent-urbanisme", "declare_complete")
    do_transition(dossier, "namur-chef-urbanisme", "propose")
    dossier.decision = decision
    if with_pdf:
        add_signed_pdf(dossier)
    if state == "decided":
        do_transition(dossier, SECRETARY, "decide")
    transaction.commit()  # a refusal dooms (then aborts) its own transaction only
    return dossier


def decisions(portal, dossier):
    found = outbox.messages(portal, obj_uid=api.content.get_uuid(dossier))
    return [m for m in found if m.filename.startswith("decision-")]


def refused(dossier, user, transition) -> str:
    state = api.content.get_state(dossier)
    with pytest.raises(WorkflowException) as error:
        do_transition(dossier, user, transition)
    transaction.abort()  # the subscriber doomed the transaction
    transaction.begin()
    assert api.content.get_state(dossier) == state
    return str(error.value)


def test_deciding_sends_nothing_transmitting_queues_the_decision(
    functional_portal, platform, rounds
):
    dossier = platform_file(functional_portal, rounds)
    assert api.content.get_state(dossier) == "decided"
    assert dossier.decision_date is not None  # recorded by decide
    assert decisions(functional_portal, dossier) == []

    do_transition(dossier, SECRETARY, "transmit")
    # Created in the transition's transaction, before any commit.
    [message] = decisions(functional_portal, dossier)
    assert api.content.get_state(dossier) == "transmitted"
    assert message.kind == "decision" and message.state == rules.PENDING
    assert message.path == f"/permits/1.0/notifications/{NOTIFICATION}/responses"
    body = json.loads(message.read_payload())
    assert (body["kind"], body["decision"]) == ("decision", "granted")
    assert body["decided_on"] == dossier.decision_date.isoformat()
    assert body["dossier_reference"] == dossier.reference
    assert base64.b64decode(body["document"]["content_base64"]) == PLACEHOLDER_PDF
    assert decision_message(dossier) is message


def test_the_worker_posts_it_and_the_receipt_closes_the_file(functional_portal, platform, rounds):
    dossier = platform_file(functional_portal, rounds, decision="refused")
    do_transition(dossier, SECRETARY, "transmit")
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        counts = worker.send_due(functional_portal, "w1")
    assert counts == {rules.ACKNOWLEDGED: 2}  # completeness and decision
    transaction.begin()
    [message] = decisions(functional_portal, dossier)
    assert message.receipt_id.startswith("RSP-")
    assert api.content.get_state(dossier) == "closed"
    last = dossier.workflow_history["municipal_dossier_workflow"][-1]
    assert (last["action"], last["actor"]) == ("close", "imio.municipal.exchange")
    assert message.receipt_id in last["comments"]
    state = requests.get(f"{platform}/_sim/state", headers=SIM_AUTH, timeout=5).json()
    [record] = [r for r in state["records"]["permits"].values() if r["kind"] == "decision"]
    assert record["decision"] == "refused"
    assert record["idempotency_key"] == message.id


def test_until_the_receipt_the_file_stays_transmitted(functional_portal, platform, rounds):
    dossier = platform_file(functional_portal, rounds)
    do_transition(dossier, SECRETARY, "transmit")
    transaction.commit()
    requests.post(
        f"{platform}/_sim/faults",
        headers=SIM_AUTH,
        json={"rate": 1.0, "kinds": ["http500"], "seed": 1},
        timeout=5,
    )
    with api.env.adopt_roles(["Manager"]):
        counts = worker.send_due(functional_portal, "w1")
    assert counts == {rules.PENDING: 2}  # completeness and decision, to retry
    transaction.begin()
    assert api.content.get_state(dossier) == "transmitted"
    reason = refused(dossier, SECRETARY, "close")
    assert "pas encore accusé réception" in reason
    # The region answers again: the next round closes the file.
    requests.post(f"{platform}/_sim/faults", headers=SIM_AUTH, json={"rate": 0.0}, timeout=5)
    [message] = decisions(functional_portal, dossier)
    message.next_attempt_at = None
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        worker.send_due(functional_portal, "w1")
    transaction.begin()
    assert api.content.get_state(dossier) == "closed"


def test_transmitting_without_the_signed_pdf_is_refused(functional_portal, platform, rounds):
    dossier = platform_file(functional_portal, rounds, with_pdf=False)
    # A Word file of category decision is not the signed PDF.
    add_signed_pdf(dossier, content_type="application/msword")
    reason = refused(dossier, SECRETARY, "transmit")
    assert "annexe PDF" in reason
    assert decisions(functional_portal, dossier) == []


def test_transmitting_without_the_decision_is_refused(functional_portal, platform, rounds):
    dossier = platform_file(functional_portal, rounds, decision=None)
    reason = refused(dossier, SECRETARY, "transmit")
    assert "Encodez d'abord la décision" in reason
    assert decisions(functional_portal, dossier) == []


def test_a_decided_platform_file_cannot_skip_transmit(functional_portal, platform, rounds):
    dossier = platform_file(functional_portal, rounds)
    for user in ("namur-agent-urbanisme", SECRETARY):
        reason = refused(dossier, user, "close")
        assert "transmettez-lui d'abord la décision" in reason


def test_transmitted_only_by_the_secretariat(functional_portal, platform, rounds):
    dossier = platform_file(functional_portal, rounds)
    workflow = api.portal.get_tool("portal_workflow")
    for user, offered in (("namur-agent-urbanisme", False), ("namur-chef-urbanisme", False)):
        with api.env.adopt_user(username=user):
            assert ("transmit" in {t["id"] for t in workflow.getTransitionsFor(dossier)}) is offered


def test_over_rest_refusals_are_400_with_the_reason(functional_portal, platform, rounds, api_as):
    dossier = platform_file(functional_portal, rounds, with_pdf=False)
    ordinary = build_dossier(functional_portal, title="Abri de jardin")
    for user, transition in (
        ("namur-agent-urbanisme", "receive"),
        ("namur-agent-urbanisme", "declare_complete"),
        ("namur-chef-urbanisme", "propose"),
        (SECRETARY, "decide"),
    ):
        do_transition(ordinary, user, transition)
    transaction.commit()
    secretary = api_as(SECRETARY)
    path = "/".join(dossier.getPhysicalPath()[2:])

    response = secretary.post(f"/{path}/@workflow/transmit")
    assert response.status_code == 400, response.text
    assert "annexe PDF" in response.json()["error"]["message"]
    response = secretary.post(f"/{path}/@workflow/close")
    assert response.status_code == 400, response.text
    assert "transmettez-lui d'abord la décision" in response.json()["error"]["message"]
    ordinary_path = "/".join(ordinary.getPhysicalPath()[2:])
    response = secretary.post(f"/{ordinary_path}/@workflow/transmit")
    assert response.status_code == 400, response.text
    assert "ne vient pas de la plateforme des permis" in response.json()["error"]["message"]

    transaction.begin()
    assert api.content.get_state(dossier) == "decided"
    assert api.content.get_state(ordinary) == "decided"
    assert decisions(functional_portal, dossier) == []
    # The ordinary file closes as before.
    assert secretary.post(f"/{ordinary_path}/@workflow/close").status_code == 200


def browser_as(app, login):
    from plone.testing.zope import Browser

    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


def ui_transition(browser, dossier, transition):
    browser.open(f"{dossier.absolute_url()}/@@dossier-transition?transition={transition}")
    browser.getControl(name="form.buttons.confirm").click()
    return browser


def test_the_page_shows_the_decision_and_the_platform_exchange(
    functional_app, functional_portal, platform, rounds
):
    dossier = platform_file(functional_portal, rounds)
    secretary = browser_as(functional_app, SECRETARY)
    secretary.open(dossier.absolute_url())
    page = secretary.contents
    assert "dossier-decision-value decision-granted" in page
    assert "Octroyé" in page  # in French: the site's language
    assert dossier.decision_date.strftime("%d/%m/%Y") in page
    assert NOTIFICATION in page and "PU-2026-NAM-004217" in page
    assert "platform-to-transmit" in page
    assert "response-completeness state-pending" in page

    ui_transition(secretary, dossier, "transmit")
    assert secretary.url == dossier.absolute_url()
    assert "response-decision state-pending" in secretary.contents
    assert "platform-awaiting-receipt" in secretary.contents
    with api.env.adopt_roles(["Manager"]):
        worker.send_due(functional_portal, "w1")
    transaction.begin()
    [message] = decisions(functional_portal, dossier)
    # The service's agent reads it too: acknowledged, with the receipt.
    agent = browser_as(functional_app, "namur-agent-urbanisme")
    agent.open(dossier.absolute_url())
    assert "response-decision state-acknowledged" in agent.contents
    assert message.receipt_id in agent.contents
    assert "platform-awaiting-receipt" not in agent.contents


def test_the_ui_refuses_transmitting_an_ordinary_file_with_the_reason(
    functional_app, functional_portal
):
    ordinary = build_dossier(functional_portal, title="Abri de jardin", decision="refused")
    for user, transition in (
        ("namur-agent-urbanisme", "receive"),
        ("namur-agent-urbanisme", "declare_complete"),
        ("namur-chef-urbanisme", "propose"),
        (SECRETARY, "decide"),
    ):
        do_transition(ordinary, user, transition)
    transaction.commit()
    secretary = ui_transition(browser_as(functional_app, SECRETARY), ordinary, "transmit")
    assert "transition-error" in secretary.contents
    assert "ne vient pas de la plateforme des permis" in secretary.contents
    transaction.begin()
    assert api.content.get_state(ordinary) == "decided"
    secretary.open(ordinary.absolute_url())
    # The decision shows; there is no platform section.
    assert "dossier-decision-value decision-refused" in secretary.contents
    assert "dossier-platform" not in secretary.contents
