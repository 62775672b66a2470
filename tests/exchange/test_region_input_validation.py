"""What the region sends is checked: a bad item is rejected with its reason,
kept in the exchange journal, and the worker goes on past it.

The simulator publishes the bad items (``POST /_sim/items``) over HTTP, as a
faulty or hostile region would; the worker polls them as in production.
"""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import adopt_council_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import store_deliberation
from imio.municipal.exchange import effects
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rejections
from imio.municipal.exchange import rules
from imio.municipal.exchange import worker
from imio.municipal.exchange.permits_inbox import poll_permits
from imio.municipal.exchange.simulator import serve_in_thread
from imio.municipal.exchange.simulator_state import load_fixtures
from imio.municipal.exchange.transport import Answer
from plone import api

import pytest
import requests
import transaction


TOKEN = "region-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SECRETARY = "{}-secretaire"


@pytest.fixture
def region(functional_portal, monkeypatch):
    """The simulator, deciding nothing by itself; Namur and Gembloux send to it."""
    base_url, stop = serve_in_thread({"token": TOKEN, "outcome": "none"})
    monkeypatch.setenv("IMIO_MUNICIPAL_TOKEN_ETUTELLE", TOKEN)
    for name in ("namur", "gembloux"):
        functional_portal[name].etutelle_transport = "http"
        functional_portal[name].etutelle_url = base_url
    transaction.commit()
    yield base_url
    stop()


def transmitted(portal, title, matter, municipality="namur"):
    act = adopt_council_act(portal, municipality=municipality, title=title, matter=matter)
    store_deliberation(act)
    do_transition(act, SECRETARY.format(municipality), "transmit")
    return act


def message_of(portal, obj):
    [found] = outbox.messages(portal, obj_uid=api.content.get_uuid(obj))
    return found


@pytest.fixture
def acts(functional_portal, region):
    """Three acts sent and acknowledged: approval (Namur), general (Namur), Gembloux's."""
    portal = functional_portal
    found = {
        "approval": transmitted(portal, "Taxe sur les enseignes", "tax_regulation"),
        "general": transmitted(portal, "Taxe additionnelle à l'IPP", "additional_tax"),
        "gembloux": transmitted(portal, "Taxe sur les mâts", "tax_regulation", "gembloux"),
    }
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        assert worker.send_due(portal, "w1") == {rules.ACKNOWLEDGED: 3}
    transaction.begin()
    return found


def inject(base_url, **body):
    answer = requests.post(f"{base_url}/_sim/items", json=body, headers=AUTH, timeout=5)
    assert answer.status_code == 201, answer.text
    return answer.json()


def poll(portal) -> int:
    with api.env.adopt_roles(["Manager"]):
        applied = worker.poll_outcomes(portal)
    transaction.begin()
    return applied


def rejected(portal, ins_code="92094") -> dict[int, str]:
    """cursor -> msgid of the reason, of the items rejected for ``ins_code``."""
    kept = rejections.rejections(outbox.get_outbox(portal), ins_code)
    return {r.cursor: r.reason[0] for r in kept}


def test_bad_items_are_rejected_and_the_good_ones_applied(functional_portal, region, acts):
    portal = functional_portal
    approval, general, other = acts["approval"], acts["general"], acts["gembloux"]
    receipt = {name: message_of(portal, act).receipt_id for name, act in acts.items()}
    today = belgian_today()
    etutelle = {"target": "etutelle", "deliver_to": "92094"}
    extended = {**etutelle, "receipt_id": receipt["approval"], "outcome": "extended"}
    approved = {**etutelle, "receipt_id": receipt["approval"], "outcome": "approved"}
    bad_and_good = [
        ({**extended, "item": {"extension_days": 9999}}, "region_refusal_extension_range"),
        ({**extended, "item": {"extension_days": "abc"}}, "region_refusal_not_integer"),
        # An act the region never got from this municipality.
        (
            {
                **etutelle,
                "item": {
                    "receipt_id": "ET-2026-999999",
                    "ins_code": "92094",
                    "message_id": message_of(portal, approval).id,
                    "outcome": "approved",
                    "decided_on": today.isoformat(),
                },
            },
            "region_refusal_unknown_receipt",
        ),
        # Gembloux's act, in Namur's answer, said to be Namur's.
        (
            {**etutelle, "receipt_id": receipt["gembloux"], "item": {"ins_code": "92094"}},
            "region_refusal_unknown_receipt",
        ),
        # Gembloux's act as it is, in Namur's answer.
        ({**etutelle, "receipt_id": receipt["gembloux"]}, "region_refusal_other_municipality"),
        ({**approved, "item": {"decided_on": "2026-02-30"}}, "region_refusal_not_date"),
        (
            {**approved, "item": {"decided_on": str(today + timedelta(days=1))}},
            "region_refusal_future_date",
        ),
        ({**approved, "item": {"act_number": "1999/conseil/1"}}, "region_refusal_act_number"),
        ({**etutelle, "receipt_id": receipt["general"], "outcome": "annulled"}, None),
        # An outcome on the act just annulled.
        ({**etutelle, "receipt_id": receipt["general"]}, "region_refusal_already_decided"),
        ({**extended, "item": {"extension_days": 10}}, None),
        ({**extended, "item": {"extension_days": 5}}, "region_refusal_extension_twice"),
        (approved, None),
        # The same decision a second time, under another cursor.
        (approved, "region_refusal_already_decided"),
    ]
    cursors = [inject(region, **body)["cursor"] for body, _reason in bad_and_good]

    assert poll(portal) == 3

    expected = {
        c: reason for c, (_body, reason) in zip(cursors, bad_and_good, strict=True) if reason
    }
    assert rejected(portal) == expected
    assert outbox.get_outbox(portal).cursors["etutelle:92094"] == cursors[-1]
    assert api.content.get_state(general) == "annulled"
    assert general.tutelle_outcome == "annulled"
    assert api.content.get_state(approval) == "executory"
    assert (approval.tutelle_outcome, approval.tutelle_extension_days) == ("approved", 10)
    assert approval.tutelle_outcome_date == today
    # Gembloux's act is untouched, and nothing was rejected for Gembloux.
    assert api.content.get_state(other) == "transmitted"
    assert other.tutelle_outcome is None and not other.tutelle_extension_days
    assert rejected(portal, "92142") == {}
    # The act's message tells what was refused, in its log.
    events = [text for _when, text in message_of(portal, approval).events]
    assert any("outcome rejected: An extension of 9999 days" in text for text in events)

    # Polled again (a lost cursor): nothing applied twice, nothing rejected twice.
    outbox.get_outbox(portal).cursors["etutelle:92094"] = 0
    transaction.commit()
    assert poll(portal) == 0
    assert rejected(portal) == expected


def test_an_item_that_breaks_while_applied_is_rejected_and_skipped(
    functional_portal, region, acts, monkeypatch
):
    portal = functional_portal
    approval, general = acts["approval"], acts["general"]
    original = effects._apply_tutelle
    calls = []

    def breaks_first(act, decision, receipt):
        calls.append(receipt)
        if len(calls) == 1:
            act.tutelle_outcome = "approved"  # half done, then it breaks
            raise TypeError("unsupported operand type(s) for +: 'int' and 'str'")
        return original(act, decision, receipt)

    monkeypatch.setattr(effects, "_apply_tutelle", breaks_first)
    first = inject(
        region,
        target="etutelle",
        receipt_id=message_of(portal, approval).receipt_id,
        outcome="approved",
    )
    second = inject(
        region,
        target="etutelle",
        receipt_id=message_of(portal, general).receipt_id,
        outcome="annulled",
    )
    assert poll(portal) == 1
    assert rejected(portal) == {first["cursor"]: "region_refusal_not_applied"}
    [kept] = rejections.rejections(outbox.get_outbox(portal), "92094")
    assert "TypeError" in kept.reason[2]["error"]
    # Nothing half saved; the next item was applied and the cursor moved past both.
    assert approval.tutelle_outcome is None
    assert api.content.get_state(approval) == "transmitted"
    assert api.content.get_state(general) == "annulled"
    assert outbox.get_outbox(portal).cursors["etutelle:92094"] == second["cursor"]


def test_an_answer_that_is_not_a_list_of_items_changes_nothing(functional_portal, acts):
    portal = functional_portal

    class Broken:
        def get(self, path, params):
            return Answer(200, body="{}", data={"items": {"cursor": 99}, "cursor": 99})

    with api.env.adopt_roles(["Manager"]):
        assert worker.poll_outcomes(portal, lambda municipality, target: Broken()) == 0
    transaction.begin()
    box = outbox.get_outbox(portal)
    assert box.cursors.get("etutelle:92094", 0) == 0
    kept = rejections.rejections(box, "92094")
    assert [r.reason[0] for r in kept] == ["region_refusal_not_items"]


class Receipts:
    """A region that acknowledges with ``data``."""

    def __init__(self, data):
        self.data = data

    def submit(self, path, payload, media_type, key):
        return Answer(201, body="{}", data=self.data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"receipt_id": 5}, "receipt_id doit être un texte de 1 à 200 caractères, pas « 5 »"),
        ({"receipt_id": ["ET-1"]}, "receipt_id doit être un texte"),
        ({"receipt_id": "ET-1", "received_at": "2099-01-01T00:00:00Z"}, "est dans le futur"),
        ({"receipt_id": "ET-1", "received_at": "2020-01-01T00:00:00Z"}, "antérieur à l'envoi"),
        ({"receipt_id": "ET-1", "received_at": "demain"}, "received_at doit être une date"),
    ],
)
def test_a_receipt_that_cannot_be_true_fails_the_message(functional_portal, data, reason):
    portal = functional_portal
    portal["namur"].etutelle_transport = "http"
    portal["namur"].etutelle_url = "http://region.invalid"
    act = transmitted(portal, "Taxe sur les enseignes", "tax_regulation")
    transaction.commit()
    with api.env.adopt_roles(["Manager"]):
        counts = worker.send_due(portal, "w1", lambda municipality, target: Receipts(data))
    transaction.begin()
    assert counts == {rules.FAILED: 1}
    message = message_of(portal, act)
    assert message.receipt_id is None
    assert act.tutelle_receipt_date is None
    # Kept in the site's language (French) with the reason.
    assert message.last_error.startswith("La réponse de la région n'est pas un accusé")
    assert reason in message.last_error


def test_permit_notifications_that_cannot_be_files_are_rejected(functional_portal):
    portal = functional_portal
    [namur] = [n for n in load_fixtures(None).values() if n["ins_code"] == "92094"]
    gembloux = {**namur, "id": "NOTIF-OTHER", "ins_code": "92142"}
    broken = {**namur, "id": "NOTIF-BROKEN", "dossier": {**namur["dossier"], "parcels": 7}}
    acked = []

    class Platform:
        def get(self, path, params):
            if "92094" not in path:
                return Answer(200, body="{}", data={"items": []})
            return Answer(200, body="{}", data={"items": ["junk", gembloux, broken, namur]})

        def post_json(self, path, body, key):
            acked.append(path)
            return Answer(200, body="{}", data={})

    with api.env.adopt_roles(["Manager"]):
        assert poll_permits(portal, lambda municipality: Platform()) == 1
        assert poll_permits(portal, lambda municipality: Platform()) == 0
    transaction.begin()
    assert acked == [f"/permits/1.0/notifications/{namur['id']}/ack"] * 2
    kept = rejections.rejections(outbox.get_outbox(portal), "92094")
    assert sorted(r.reason[0] for r in kept) == [
        "region_refusal_invalid_notification",
        "region_refusal_not_object",
        "region_refusal_other_municipality",
    ]
