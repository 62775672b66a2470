"""REST @personnel: the same tools, 400/403 with reasons, login really refused."""

from imio.municipal.upgrades import v1014_admin
from plone import api

import transaction


PERMISSION = "imio.municipal: Manage municipal people"


def test_get_lists_people_for_the_secretariat_only(functional_portal, api_as):
    secretary = api_as("namur-secretaire")
    answer = secretary.get("/namur/@personnel")
    assert answer.status_code == 200
    logins = {row["login"] for row in answer.json()["people"]}
    assert "namur-agent-travaux" in logins and not any(x.startswith("gembloux") for x in logins)
    assert secretary.get("/gembloux/@personnel").status_code in (401, 403)
    assert api_as("namur-agent-travaux").get("/namur/@personnel").status_code in (401, 403)


def test_bad_input_is_a_400_with_a_french_reason_and_changes_nothing(functional_portal, api_as):
    secretary = api_as("namur-secretaire")
    secretary.headers["Accept-Language"] = "fr"
    bad = secretary.post(
        "/namur/@personnel",
        json={"login": "ok.login", "fullname": "Ok", "email": "pas-une-adresse"},
    )
    assert bad.status_code == 400
    assert "adresse" in bad.json()["error"]["message"].lower()
    half = secretary.patch(
        "/namur/@personnel",
        json={
            "login": "namur-agent-travaux",
            "grant": [{"function": "dpo"}, {"function": "maire"}],
        },
    )
    assert half.status_code == 400
    transaction.begin()
    assert "92094_dpo" not in api.user.get(username="namur-agent-travaux").getGroups()
    other = secretary.patch(
        "/namur/@personnel", json={"login": "gembloux-secretaire", "disabled": True}
    )
    assert other.status_code == 403 and other.json()["error"]["message"]


def test_a_disabled_user_can_no_longer_log_in_over_rest(functional_portal, api_as):
    agent = api_as("namur-agent-travaux")
    assert agent.get("/namur/@personnel").status_code in (401, 403)
    assert agent.get("/@users/namur-agent-travaux").status_code == 200
    secretary = api_as("namur-secretaire")
    done = secretary.patch(
        "/namur/@personnel", json={"login": "namur-agent-travaux", "disabled": True}
    )
    assert done.status_code == 200, done.text
    assert api_as("namur-agent-travaux").get("/@users/namur-agent-travaux").status_code == 401
    log = secretary.get("/namur/@personnel").json()["log"]
    assert (log[0]["who"], log[0]["action"], log[0]["target"]) == (
        "namur-secretaire",
        "disable",
        "namur-agent-travaux",
    )


def test_import_over_rest_reports_refused_lines_and_imports_nothing(functional_portal, api_as):
    secretary = api_as("namur-secretaire")
    secretary.headers["Accept-Language"] = "fr"
    csv = (
        "login;name;email;service;function\n"
        "rest.one;Rest One;r1@namur.be;travaux;agent\n"
        "x;;;;maire\n"
    )
    real = secretary.post("/namur/@personnel-import", json={"csv": csv, "dry_run": False})
    assert real.status_code == 400
    assert [row["line"] for row in real.json()["refused"]] == [3]
    assert real.json()["created"] == []
    transaction.begin()
    assert api.user.get(username="rest.one") is None


def test_upgrade_maps_the_permission_on_existing_municipalities(portal):
    namur = portal["namur"]
    namur.manage_permission(PERMISSION, [], acquire=False)
    assert not api.user.has_permission(PERMISSION, username="namur-secretaire", obj=namur)
    v1014_admin.upgrade(None)
    assert api.user.has_permission(PERMISSION, username="namur-secretaire", obj=namur)
    assert not api.user.has_permission(PERMISSION, username="namur-agent-travaux", obj=namur)
