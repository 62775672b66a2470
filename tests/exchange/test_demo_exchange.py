"""The demo's exchanges, made for real against the simulator (as ``make run``
builds the demo): Gembloux's adopted PIC plan goes to the Guichet, the
permit platform's file becomes a case file."""

from imio.municipal.demo.exchange import _showcase_plan
from imio.municipal.demo.exchange import send_showcase
from imio.municipal.demo.pic import DRAFT_TITLE
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rules
from imio.municipal.exchange import worker
from imio.municipal.exchange.permits_inbox import poll_permits
from imio.municipal.exchange.simulator import serve_in_thread
from plone import api

import pytest
import requests
import transaction


TOKEN = "demo-token"
SIM_AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def region(monkeypatch):
    # As make run starts it: the region approves what it receives (here at once).
    base_url, stop = serve_in_thread({"token": TOKEN, "outcome": "approve", "outcome_after": 0})
    for target in ("ETUTELLE", "GUICHET", "PERMITS"):
        monkeypatch.setenv(f"IMIO_MUNICIPAL_TOKEN_{target}", TOKEN)
    yield base_url
    stop()


def test_gembloux_plan_goes_to_the_guichet_and_comes_back_approved(functional_portal, region):
    plan = _showcase_plan(functional_portal)
    assert api.content.get_state(plan) == "approved_council"
    with api.env.adopt_roles(["Manager"]):  # create_site.py runs as the admin
        states = send_showcase(functional_portal, region)
    transaction.begin()
    assert states[plan.getId()] == rules.ACKNOWLEDGED
    assert api.content.get_state(plan) == "transmitted"
    [message] = outbox.messages(functional_portal, obj_uid=api.content.get_uuid(plan))
    assert (message.target, message.transport) == ("guichet", "http")
    assert message.receipt_id.startswith("PIC-")
    history = plan.workflow_history["municipal_pic_workflow"]
    assert [e["actor"] for e in history if e["action"] == "transmit"] == ["gembloux-secretaire"]
    # The simulator got it once, under the message's idempotency key.
    state = requests.get(f"{region}/_sim/state", headers=SIM_AUTH, timeout=5).json()
    [record] = state["records"]["guichet"].values()
    assert record["idempotency_key"] == message.id
    # Its draft change, over the envelope, stays a draft.
    draft = [p for p in plan.aq_parent.objectValues() if p.Title() == DRAFT_TITLE]
    assert api.content.get_state(draft[0]) == "draft"

    # The region approves it; the running worker applies that by polling.
    with api.env.adopt_roles(["Manager"]):
        assert worker.poll_outcomes(functional_portal) >= 1
    transaction.begin()
    assert api.content.get_state(plan) == "approved_region"


def test_the_permit_file_arrives_as_a_case_file(functional_portal, region):
    with api.env.adopt_roles(["Manager"]):
        send_showcase(functional_portal, region)
        # What the running worker does each round.
        created = poll_permits(functional_portal)
    transaction.begin()
    assert created >= 1
    uid = outbox.get_outbox(functional_portal).permit_dossiers["NOTIF-2026-004217"]
    [brain] = api.content.find(UID=uid, unrestricted=True)
    assert brain.getPath().startswith("/plone/namur/dossiers/")
    assert brain.review_state == "received"
