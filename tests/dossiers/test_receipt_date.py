"""The receipt asks for the day the file was received."""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import build_dossier
from plone import api
from plone.testing.zope import Browser

import pytest
import transaction


AGENT = "namur-agent-urbanisme"
TOMORROW = belgian_today() + timedelta(days=1)


@pytest.fixture
def draft(functional_portal):
    obj = build_dossier(functional_portal)
    transaction.commit()
    return obj


def receipt_form(app, dossier):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {AGENT}:demo")
    browser.addHeader("Accept-Language", "fr")
    browser.open(f"{dossier.absolute_url()}/@@dossier-transition?transition=receive")
    return browser


def test_the_form_proposes_today_and_records_the_day_typed(functional_app, draft):
    browser = receipt_form(functional_app, draft)
    field = browser.getControl(name="received_date")
    assert field.value == belgian_today().isoformat()
    assert "Reçu le" in browser.contents
    friday = belgian_today() - timedelta(days=3)
    field.value = friday.isoformat()
    browser.getControl(name="form.buttons.confirm").click()
    assert browser.url == draft.absolute_url()
    transaction.begin()
    assert api.content.get_state(draft) == "received"
    assert draft.received_date == friday
    assert draft.reference.startswith(f"{friday.year}/")


@pytest.mark.parametrize(
    "typed, reason",
    [
        # the date is shown as Belgians write it
        (TOMORROW.isoformat(), f"{TOMORROW:%d/%m/%Y} est dans le futur"),
        ("", "Indiquez la date de réception"),
        ("31/02/2026", "Indiquez la date de réception"),
    ],
)
def test_a_receipt_date_that_cannot_be_true_is_refused(functional_app, draft, typed, reason):
    browser = receipt_form(functional_app, draft)
    browser.getControl(name="received_date").value = typed
    browser.getControl(name="form.buttons.confirm").click()
    assert "transition-error" in browser.contents
    assert reason in browser.contents
    transaction.begin()
    assert api.content.get_state(draft) == "draft"
    assert draft.received_date is None
