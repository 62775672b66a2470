"""Onboarding over the web and from the console: platform admins only."""

from imio.municipal.administration import onboarding_command
from plone import api
from plone.testing.zope import Browser
from urllib.parse import urlencode
from zope.component.hooks import setSite

import argparse
import io
import pytest
import re
import transaction


EUPEN = {
    "ins_code": "63023",
    "bce_number": "0207.344.329",
    "template": "restreint",
    "dg_login": "eupen-dg",
    "dg_fullname": "Anna Schmitz",
    "dg_email": "dg@eupen.be",
}


def browser_as(app, login):
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


def fresh(portal):
    transaction.begin()
    return portal


def submit_form(browser, portal, values):
    url = portal.absolute_url() + "/@@onboard-municipality"
    browser.open(url)
    token = re.search(r'data-token="([^"]+)" id="protect-script"', browser.contents).group(1)
    data = {"_authenticator": token, "form.buttons.onboard": "Accueillir"}
    for name, value in values.items():
        data[f"form.widgets.{name}"] = value
    for name in ("ins_code", "template"):
        data[f"form.widgets.{name}:list"] = data.pop(f"form.widgets.{name}")
        data[f"form.widgets.{name}-empty-marker"] = "1"
    browser.post(url, urlencode(data))
    return browser.contents


def test_a_platform_admin_onboards_with_the_form(functional_app, functional_portal):
    browser = browser_as(functional_app, "platform-admin")
    browser.open(functional_portal.absolute_url() + "/@@onboard-municipality")
    assert browser.headers["status"].startswith("200")
    assert "Accueillir une commune" in browser.contents
    assert "La Calamine / Kelmis (63040)" in browser.contents
    assert ">Namur (92094)<" not in browser.contents  # already on the platform
    submit_form(browser, functional_portal, EUPEN)
    assert browser.url.endswith("/eupen"), browser.url
    assert "Eupen est sur la plateforme" in browser.contents
    portal = fresh(functional_portal)
    assert portal["eupen"].ins_code == "63023"
    assert api.user.get(username="eupen-dg") is not None


def test_the_form_refuses_with_french_reasons(functional_app, functional_portal):
    browser = browser_as(functional_app, "platform-admin")
    contents = submit_form(
        browser, functional_portal, {**EUPEN, "dg_login": "namur-secretaire", "dg_email": "x@y"}
    )
    assert "x@y n&#x27;est pas une adresse e-mail." in contents or "x@y n'est pas" in contents
    assert "namur-secretaire » est déjà utilisé" in contents
    assert "eupen" not in fresh(functional_portal).objectIds()


@pytest.mark.parametrize("login", ["namur-secretaire", "namur-agent-urbanisme"])
def test_a_dg_and_an_agent_cannot_onboard(functional_app, functional_portal, api_as, login):
    browser = browser_as(functional_app, login)
    browser.open(functional_portal.absolute_url() + "/@@onboard-municipality")
    assert "Accueillir une commune" not in browser.contents
    # signed in but not allowed: Plone sends to its « insufficient privileges » page
    assert browser.url.endswith("/insufficient-privileges")
    response = api_as(login).post("/@onboard-municipality", json=EUPEN)
    assert response.status_code in (401, 403)
    assert api_as(login).get("/@onboard-municipality").status_code in (401, 403)
    assert "eupen" not in fresh(functional_portal).objectIds()


def test_rest_onboards_and_refuses_with_reasons(api_as, functional_portal):
    admin = api_as("platform-admin")
    listing = admin.get("/@onboard-municipality").json()
    assert {"ins_code": "63040", "name_fr": "La Calamine", "name_de": "Kelmis"} in listing[
        "municipalities"
    ]
    assert "standard" in listing["templates"]
    bad = admin.post("/@onboard-municipality", json={**EUPEN, "ins_code": "21004", "dg_email": ""})
    assert bad.status_code == 400
    error = bad.json()["error"]
    assert error["type"] == "BadRequest"
    assert "21004 n'est pas le code INS d'une commune wallonne." in error["messages"]
    assert "Le champ « adresse e-mail du directeur général » manque." in error["messages"]
    assert admin.post("/@onboard-municipality", data="nope").status_code == 400
    created = admin.post("/@onboard-municipality", json=EUPEN)
    assert created.status_code == 201, created.text
    assert created.json()["id"] == "eupen"
    again = admin.post("/@onboard-municipality", json=EUPEN)
    assert again.status_code == 400
    assert any("déjà sur la plateforme" in m for m in again.json()["error"]["messages"])


def test_the_command_onboards_a_file_and_a_second_run_changes_nothing(
    functional_app, functional_portal, tmp_path
):
    path = tmp_path / "communes.csv"
    path.write_text(
        "ins_code;bce_number;dg_login;dg_fullname;dg_email;template\n"
        "63023;0207.344.329;eupen-dg;Anna Schmitz;dg@eupen.be;restreint\n"
        "63040;0207.344.329;kelmis-dg;Jan Lux;dg@kelmis.be;standard\n"
        "63061;0207.344.329;raeren-dg;Eva Kohl;pas-une-adresse;standard\n",
        encoding="utf-8",
    )

    def run(*extra):
        out, bar = io.StringIO(), io.StringIO()
        options = argparse.Namespace(
            file=path.open(encoding="utf-8-sig"),
            site=functional_portal.getId(),
            url=None,
            dry_run="--dry-run" in extra,
        )
        try:
            status = onboarding_command.run(functional_app, options, out=out, bar=bar)
        finally:
            options.file.close()
            setSite(functional_portal)
        return status, out.getvalue(), bar.getvalue()

    status, out, bar = run("--dry-run")
    assert status == 1
    assert "Communes à créer : 2 ; déjà sur la plateforme : 0 ; lignes refusées : 1" in out
    assert "eupen" not in fresh(functional_portal).objectIds()

    status, out, bar = run()
    assert status == 1
    assert "Ligne 4 refusée : pas-une-adresse n'est pas une adresse e-mail." in out
    assert "Communes créées : 2 ; déjà sur la plateforme : 0 ; lignes refusées : 1" in out
    assert "[###############---------------] 1/2 63023" in bar
    portal = fresh(functional_portal)
    assert {"eupen", "la-calamine"} <= set(portal.objectIds())
    assert api.group.get(groupname="63061_staff") is None
    before = (sorted(portal.objectIds()), len(api.user.get_users()), len(api.group.get_groups()))

    status, out, bar = run()
    assert "Communes créées : 0 ; déjà sur la plateforme : 2 ; lignes refusées : 1" in out
    portal = fresh(functional_portal)
    after = (sorted(portal.objectIds()), len(api.user.get_users()), len(api.group.get_groups()))
    assert after == before
