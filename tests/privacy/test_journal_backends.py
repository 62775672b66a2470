"""The access journal of a Plone site on PostgreSQL, and with its database down."""

from imio.municipal.privacy import settings
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.testing.zope import Browser
from zeo_cluster import free_port

import json
import logging
import pytest


def browser_as(app, login):
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    if login == "admin":
        browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
    else:
        browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


def namur_dossier(portal):
    brains = api.content.find(
        context=portal["namur"],
        portal_type="Dossier",
        applicant_niss="85073003328",
        unrestricted=True,
    )
    return brains[0]._unrestrictedGetObject()


def test_reads_are_journalled_in_postgresql_and_the_dpo_finds_them(
    functional_app, functional_portal, journal_dsn, monkeypatch
):
    monkeypatch.setenv("IMIO_MUNICIPAL_ACCESS_JOURNAL", journal_dsn)
    dossier = namur_dossier(functional_portal)
    agent = f"namur-agent-{dossier.responsible_service}"
    viewed = browser_as(functional_app, agent)
    viewed.open(dossier.absolute_url())
    assert viewed.headers["status"].startswith("200")
    dpo = browser_as(functional_app, "namur-dpo")
    dpo.addHeader("Accept", "application/json")
    dpo.open(f"{functional_portal['namur'].absolute_url()}/@access-journal?niss=85073003328")
    assert dpo.headers["status"].startswith("200")
    items = json.loads(dpo.contents)["items"]
    assert [(item["user_id"], item["uid"]) for item in items] == [(agent, dossier.UID())]
    # in the PostgreSQL table, the DPO's own query included
    rows = settings.journal()._select("SELECT user_id FROM access ORDER BY id", [])
    assert rows == [(agent,), ("namur-dpo",)]
    assert settings.journal().location == journal_dsn


def test_with_the_journal_down_staff_read_and_the_dpo_is_told(
    functional_app, functional_portal, monkeypatch, caplog
):
    monkeypatch.setenv(
        "IMIO_MUNICIPAL_ACCESS_JOURNAL", f"postgresql://plone@127.0.0.1:{free_port()}/journal"
    )
    dossier = namur_dossier(functional_portal)
    agent = browser_as(functional_app, f"namur-agent-{dossier.responsible_service}")
    with caplog.at_level(logging.ERROR):
        agent.open(dossier.absolute_url())
    # the case file is served; the operator is told in the log
    assert agent.headers["status"].startswith("200")
    assert dossier.title in agent.contents
    assert "Access journal unavailable" in caplog.text
    assert "not recorded" in caplog.text
    # the journal and the person search are refused with their reason (503),
    # not shown unjournalled
    municipality = functional_portal["namur"].absolute_url()
    dpo = browser_as(functional_app, "namur-dpo")
    dpo.addHeader("Accept-Language", "fr")
    for view in ("@@access-journal", "@@access-journal-csv", "@@data-subject?niss=85073003328"):
        dpo.open(f"{municipality}/{view}")
        assert dpo.headers["status"].startswith("503"), view
        assert "Le journal des accès est injoignable" in dpo.contents, view
    dpo.addHeader("Accept", "application/json")
    dpo.open(f"{municipality}/@access-journal")
    assert dpo.headers["status"].startswith("503")
    error = json.loads(dpo.contents)["error"]
    assert error["type"] == "ServiceUnavailable"
    assert "injoignable" in error["message"]


@pytest.fixture(autouse=True)
def _forget_journals():
    """Each test's journal is opened afresh (settings keeps one per location)."""
    yield
    for journal in settings._journals.values():
        journal.close()
    settings._journals.clear()
