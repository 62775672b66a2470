"""Every exchange journal action on every message state: done when the state
allows it, else refused with the reason (HTTP 400), nothing changed."""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rejections
from imio.municipal.exchange import rules
from imio.municipal.exchange.region_input import Refused
from imio.municipal.exchange.region_input import text
from plone.testing.zope import Browser
from urllib.parse import urlencode

import json
import pytest
import re
import transaction


PAYLOAD = b"PK\x03\x04 a package"


def new_message(portal, transport="http", media_type="application/zip"):
    return outbox.enqueue(
        portal,
        target="etutelle",
        ins_code="92094",
        obj_uid="uid-1",
        obj_path="/plone/namur/actes/taxe",
        obj_title="Taxe",
        transport=transport,
        payload=PAYLOAD,
        media_type=media_type,
        filename="taxe.zip",
    )


def in_state(portal, state):
    """A Namur message in ``state`` (or a rejected item from the region): its id."""
    now = outbox.utcnow()
    if state == "rejected":
        try:
            text({"receipt_id": 5}, "receipt_id")
        except Refused as refusal:
            reason = refusal.message
        rejections.reject(
            outbox.get_outbox(portal, create=True),
            key="etutelle:92094:7",
            target="etutelle",
            ins_code="92094",
            item={"receipt_id": 5},
            reason=reason,
            cursor=7,
        )
        [found] = rejections.rejections(outbox.get_outbox(portal), "92094")
        return found.id
    message = new_message(portal, "package" if state == rules.AWAITING_DEPOSIT else "http")
    if state == rules.CLAIMED:
        message.claim("w1", now)
    elif state == rules.ACKNOWLEDGED:
        message.acknowledge(status=201, body="{}", receipt_id="ET-2026-000001", now=now)
        outbox.get_outbox(portal).settle(message)
    elif state == rules.FAILED:
        message.fail_attempt(status=422, error="HTTP 422: manifest refused", now=now)
    assert message.state == state
    return message.id


def snapshot(portal, message_id):
    message = outbox.get_outbox(portal).messages.get(message_id)
    if message is None:
        return None
    return (message.state, message.attempts, message.receipt_id, len(message.events))


@pytest.fixture
def browser(functional_app, functional_portal):
    # A failed message gives the page a form, hence the CSRF token.
    new_message(functional_portal).fail_attempt(status=400, error="x", now=outbox.utcnow())
    transaction.commit()
    found = Browser(functional_app)
    found.handleErrors = True
    found.raiseHttpErrors = False
    found.addHeader("Authorization", "Basic namur-secretaire:demo")
    found.addHeader("Accept-Language", "fr")
    return found


def journal(portal):
    return f"{portal['namur'].absolute_url()}/@@exchange-journal"


def post(browser, portal, **data):
    browser.open(journal(portal))
    token = re.search(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', browser.contents)
    browser.post(journal(portal), urlencode({"_authenticator": token[1], **data}))
    return int(browser.headers["Status"].split()[0])


STATES = [
    rules.PENDING,
    rules.CLAIMED,
    rules.ACKNOWLEDGED,
    rules.FAILED,
    rules.AWAITING_DEPOSIT,
    "rejected",
]
RETRY_REFUSED = {
    rules.PENDING: "Seul un message en échec est renvoyé ; celui-ci est « À envoyer ».",
    rules.CLAIMED: "celui-ci est « En cours d'envoi »",
    rules.ACKNOWLEDGED: "celui-ci est « Accusé de réception reçu »",
    rules.AWAITING_DEPOSIT: "celui-ci est « À déposer manuellement »",
    "rejected": "il n'y a rien à renvoyer ni à déposer",
}


@pytest.mark.parametrize("state", STATES)
def test_send_again(functional_portal, browser, state):
    message_id = in_state(functional_portal, state)
    transaction.commit()
    before = snapshot(functional_portal, message_id)
    status = post(browser, functional_portal, message=message_id, retry="1")
    transaction.begin()
    if state == rules.FAILED:
        assert status == 200  # redirected to the journal
        assert "Le message va être renvoyé." in browser.contents
        assert snapshot(functional_portal, message_id)[:2] == (rules.PENDING, 0)
        return
    assert status == 400
    assert RETRY_REFUSED[state] in browser.contents
    assert snapshot(functional_portal, message_id) == before


@pytest.mark.parametrize("state", STATES)
def test_record_a_deposit(functional_portal, browser, state):
    message_id = in_state(functional_portal, state)
    transaction.commit()
    before = snapshot(functional_portal, message_id)
    today = belgian_today().isoformat()
    status = post(
        browser,
        functional_portal,
        message=message_id,
        deposit="1",
        reference="GPL-2026-4711",
        deposited_on=today,
    )
    transaction.begin()
    if state == rules.AWAITING_DEPOSIT:
        assert status == 200
        assert snapshot(functional_portal, message_id)[:3] == (
            rules.ACKNOWLEDGED,
            0,
            "GPL-2026-4711",
        )
        return
    assert status == 400
    if state == "rejected":
        assert "il n'y a rien à renvoyer ni à déposer" in browser.contents
    else:
        assert "Seul un message à déposer manuellement reçoit un accusé" in browser.contents
    assert snapshot(functional_portal, message_id) == before


@pytest.mark.parametrize(
    "form",
    [
        {"reference": "", "deposited_on": "today"},
        {"reference": "GPL-1", "deposited_on": "2026-02-30"},
        {"reference": "x" * 101, "deposited_on": "today"},
        {"reference": "GPL-1", "deposited_on": "tomorrow"},
        {"reference": "GPL-1", "deposited_on": "before"},
    ],
)
def test_a_deposit_receipt_that_cannot_be_true(functional_portal, browser, form):
    message_id = in_state(functional_portal, rules.AWAITING_DEPOSIT)
    transaction.commit()
    days = {"today": 0, "tomorrow": 1, "before": -1}
    if form["deposited_on"] in days:
        when = belgian_today() + timedelta(days=days[form["deposited_on"]])
        form = {**form, "deposited_on": when.isoformat()}
    before = snapshot(functional_portal, message_id)
    status = post(browser, functional_portal, message=message_id, deposit="1", **form)
    transaction.begin()
    assert status == 400
    assert "Indiquez la référence de l'accusé de réception" in browser.contents
    assert snapshot(functional_portal, message_id) == before


def test_an_api_client_gets_the_reason_in_json(functional_portal, browser):
    message_id = in_state(functional_portal, rules.ACKNOWLEDGED)
    transaction.commit()
    browser.addHeader("Accept", "application/json")
    assert post(browser, functional_portal, message=message_id, retry="1") == 400
    error = json.loads(browser.contents)["error"]
    assert error["type"] == "BadRequest"
    assert error["message"] == (
        "Seul un message en échec est renvoyé ; celui-ci est « Accusé de réception reçu »."
    )


def test_package_download_of_what_is_not_a_package(functional_portal, browser):
    rejected = in_state(functional_portal, "rejected")
    permit = new_message(functional_portal, media_type="application/json").id
    transaction.commit()
    base = f"{functional_portal['namur'].absolute_url()}/@@exchange-package?message="
    browser.open(base + rejected)
    assert browser.headers["Status"].startswith("400")
    assert "il n'y a rien à renvoyer ni à déposer" in browser.contents
    browser.open(base + permit)
    assert browser.headers["Status"].startswith("400")
    assert "Ce message n'est pas un paquet : il a été envoyé en application/json." in (
        browser.contents
    )


def test_the_journal_lists_rejected_items_with_their_reason(functional_portal, browser):
    in_state(functional_portal, "rejected")
    transaction.commit()
    browser.open(journal(functional_portal) + "?b_start=abc")
    assert browser.headers["Status"].startswith("200")
    assert "Rejeté (envoyé par la région)" in browser.contents
    assert "receipt_id doit être un texte de 1 à 200 caractères, pas « 5 »." in browser.contents
