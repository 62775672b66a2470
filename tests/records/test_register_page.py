"""The register's page: read by the DPO and the secretariat, in French,
completed by the DPO only, with its CSV and PDF exports."""

from imio.municipal.records.completion import completed
from imio.municipal.upgrades import v1014_data_subject
from plone import api
from plone.testing.zope import Browser

import io
import pikepdf
import pytest
import transaction


def _browser(app, login: str) -> Browser:
    browser = Browser(app)
    browser.handleErrors = False
    browser.raiseHttpErrors = True
    browser.addHeader("Authorization", f"Basic {login}:demo")
    browser.addHeader("Accept-Language", "fr")
    return browser


@pytest.fixture
def page_url(functional_portal):
    return f"{functional_portal['namur'].absolute_url()}/@@processing-register"


def test_the_dpo_completes_the_register_on_its_page(functional_app, functional_portal, page_url):
    browser = _browser(functional_app, "namur-dpo")
    browser.open(page_url)
    assert "Registre des activités de traitement" in browser.contents
    assert "Télécharger en CSV" in browser.contents
    browser.getControl(name="dpo_contact").value = "dpo@namur.be"
    browser.getControl(name="pu.security_measures").value = "Accès par service, journal des accès"
    browser.getControl(name="pu.transfers_outside_eu").value = "Aucun"
    browser.getControl("Enregistrer le registre").click()
    assert "Le registre est complété." in browser.contents
    transaction.begin()
    kept = completed(functional_portal["namur"])
    assert kept["controller"]["dpo_contact"] == "dpo@namur.be"
    assert kept["activities"]["pu"]["security_measures"] == "Accès par service, journal des accès"
    assert kept["activities"]["pu"]["transfers_outside_eu"] == "Aucun"
    # The generated columns cannot be sent from the page: no such field.
    with pytest.raises(LookupError):
        browser.getControl(name="pu.purpose")


def test_the_secretariat_reads_it_but_does_not_complete_it(
    functional_app, functional_portal, page_url
):
    browser = _browser(functional_app, "namur-secretaire")
    browser.open(page_url)
    assert "Registre des activités de traitement" in browser.contents
    assert "<textarea" not in browser.contents and "Enregistrer le registre" not in browser.contents
    browser.raiseHttpErrors = False
    browser.post(page_url, "dpo_contact=secretaire&pu.notes=ecrit")
    assert browser.headers["status"].startswith("403")
    assert "Seul le délégué à la protection des données" in browser.contents
    transaction.begin()
    assert completed(functional_portal["namur"]) == {"controller": {}, "activities": {}}


@pytest.mark.parametrize("login", ["namur-agent-urbanisme", "gembloux-dpo", "namur-college"])
def test_others_do_not_see_the_page(functional_app, page_url, login):
    browser = _browser(functional_app, login)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(page_url)
    assert "Registre des activités de traitement" not in browser.contents
    refused = browser.headers["status"][:3] in ("401", "403")
    assert refused or "require_login" in browser.url or "insufficient-privileges" in browser.url


def test_the_page_links_export_csv_and_pdf(functional_app, page_url):
    browser = _browser(functional_app, "namur-secretaire")
    browser.open(page_url)
    browser.getLink("Télécharger en CSV").click()
    assert browser.headers["content-type"].startswith("text/csv")
    assert "Responsable du traitement" in browser.contents
    browser.open(page_url)
    browser.getLink("Télécharger en PDF").click()
    assert browser.headers["content-type"] == "application/pdf"
    with pikepdf.open(io.BytesIO(browser.contents)) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"
    browser.raiseHttpErrors = False
    browser.open(
        page_url.replace("processing-register", "processing-register-export") + "?format=xls"
    )
    assert browser.headers["status"].startswith("400")
    assert "CSV ou en PDF" in browser.contents


def test_the_upgrade_maps_the_dpo_permission(portal):
    permission = v1014_data_subject.PERMISSION
    portal.manage_permission(permission, roles=[], acquire=False)
    dpo = {"username": "namur-dpo", "obj": portal["namur"]}
    assert not api.user.has_permission(permission, **dpo)
    v1014_data_subject.upgrade()
    assert api.user.has_permission(permission, **dpo)
    for login in ("namur-secretaire", "gembloux-dpo", "admin"):
        assert not api.user.has_permission(permission, username=login, obj=portal["namur"]), login
