"""The exchange journal of a municipality (Classic UI), its secretariat only."""

from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import do_transition
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rules
from plone import api
from plone.testing.zope import Browser

import hashlib
import pytest
import transaction


def browser_as(app, login):
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


@pytest.fixture
def message(functional_portal, committed_plan):
    do_transition(committed_plan, "namur-secretaire", "transmit")
    transaction.commit()
    [found] = outbox.messages(functional_portal, obj_uid=api.content.get_uuid(committed_plan))
    return found


def journal_url(portal):
    return f"{portal['namur'].absolute_url()}/@@exchange-journal"


def test_the_secretariat_sees_the_journal(functional_app, functional_portal, message):
    browser = browser_as(functional_app, "namur-secretaire")
    browser.open(journal_url(functional_portal))
    assert "PIC de test" in browser.contents
    assert "À déposer manuellement" in browser.contents


@pytest.mark.parametrize("login", ["gembloux-secretaire", "namur-agent-finances", None])
def test_others_do_not(functional_app, functional_portal, message, login):
    browser = browser_as(functional_app, login) if login else Browser(functional_app)
    browser.raiseHttpErrors = False
    browser.open(journal_url(functional_portal))
    assert "PIC de test" not in browser.contents
    browser.open(
        f"{functional_portal['namur'].absolute_url()}/@@exchange-package?message={message.id}"
    )
    assert not browser.contents.startswith("PK")


def test_package_download_is_what_was_stored(functional_app, functional_portal, message):
    browser = browser_as(functional_app, "namur-secretaire")
    browser.open(
        f"{functional_portal['namur'].absolute_url()}/@@exchange-package?message={message.id}"
    )
    data = (
        browser.contents.encode("latin-1")
        if isinstance(browser.contents, str)
        else browser.contents
    )
    assert hashlib.sha256(data).hexdigest() == message.payload_sha256
    assert browser.headers["X-SHA256"] == message.payload_sha256


def test_recording_the_deposit(functional_app, functional_portal, message):
    browser = browser_as(functional_app, "namur-secretaire")
    browser.open(journal_url(functional_portal))
    form = browser.getForm(index=1)
    form.getControl(name="reference").value = "GPL-2026-4711"
    # Deposited today: not before the package was made, not in the future.
    form.getControl(name="deposited_on").value = belgian_today().isoformat()
    form.getControl(name="deposit").click()
    assert "GPL-2026-4711" in browser.contents
    transaction.begin()
    assert message.state == rules.ACKNOWLEDGED
    assert message.receipt_id == "GPL-2026-4711"
    box = outbox.get_outbox(functional_portal)
    assert message.id not in box.unfinished
    assert (message.ins_code, message.target) in box.receipt_pairs


def test_a_failed_message_is_sent_again(functional_app, functional_portal, message):
    message.state = rules.FAILED
    message.attempts = rules.MAX_ATTEMPTS
    message.last_error = "HTTP 503: maintenance"
    transaction.commit()
    browser = browser_as(functional_app, "namur-secretaire")
    browser.open(journal_url(functional_portal))
    assert "HTTP 503: maintenance" in browser.contents
    browser.getControl(name="retry").click()
    transaction.begin()
    assert message.state == rules.PENDING
    assert message.attempts == 0
