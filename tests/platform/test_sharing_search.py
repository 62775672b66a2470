"""The sharing page of a case file searches its municipality's people only.

A platform admin delegating a role on a Namur case file is offered Namur's
staff and groups, not Gembloux's (who carry the same names in the demo);
a directeur général has no sharing page at all. Outside a municipality the
search is Plone's, over the whole platform.
"""

import pytest


REFUSED = (401, 403)


@pytest.fixture
def namur_case_file(api_as):
    found = api_as("namur-agent-urbanisme").get(
        "/@search", params={"portal_type": "Dossier", "path": "/plone/namur", "sort_on": "id"}
    )
    return found.json()["items"][0]["@id"].split("/plone", 1)[1]


def _found(response, kind):
    assert response.status_code == 200, response.text
    return {entry["id"] for entry in response.json()["entries"] if entry["type"] == kind}


def test_users_found_are_the_municipalitys(api_as, namur_case_file):
    # Claire Dubois is the urbanism agent of both demo municipalities.
    admin = api_as("platform-admin")
    found = _found(admin.get(f"{namur_case_file}/@sharing", params={"search": "Dubois"}), "user")
    assert "namur-agent-urbanisme" in found
    assert "gembloux-agent-urbanisme" not in found
    by_mail = admin.get(f"{namur_case_file}/@sharing", params={"search": "chef-travaux@demo"})
    assert _found(by_mail, "user") >= {"namur-chef-travaux"}
    assert "gembloux-chef-travaux" not in _found(by_mail, "user")


def test_groups_found_are_the_municipalitys(api_as, namur_case_file):
    admin = api_as("platform-admin")
    response = admin.get(f"{namur_case_file}/@sharing", params={"search": "urbanisme"})
    found = _found(response, "group")
    assert {"92094_urbanisme_editors", "92094_urbanisme_reviewers"} <= found
    # « Logged-in users » is always listed, searched or not
    others = {group for group in found - {"AuthenticatedUsers"} if not group.startswith("92094_")}
    assert not others


def test_nothing_found_outside_the_municipality(api_as, namur_case_file):
    admin = api_as("platform-admin")
    response = admin.get(f"{namur_case_file}/@sharing", params={"search": "Oosterlinck"})
    # Gembloux's directeur financier: a real user, not Namur's
    assert _found(response, "user") == set()
    assert admin.get("/@users/gembloux-directeur-financier").status_code == 200


def test_the_html_page_offers_namurs_people(api_as, namur_case_file):
    page = api_as("platform-admin").get(
        f"{namur_case_file}/@@sharing", params={"search_term": "Dubois"}
    )
    assert page.status_code == 200
    assert "Claire Dubois (Namur, agent urbanisme)" in page.text
    assert "Gembloux" not in page.text


@pytest.mark.parametrize("login", ["namur-secretaire", "gembloux-secretaire"])
def test_a_directeur_general_has_no_sharing_search(api_as, namur_case_file, login):
    response = api_as(login).get(f"{namur_case_file}/@sharing", params={"search": "Dubois"})
    assert response.status_code in REFUSED + (404,)
    assert "Dubois" not in response.text


def test_outside_a_municipality_the_search_is_the_platforms(api_as):
    found = _found(api_as("platform-admin").get("/@sharing", params={"search": "Dubois"}), "user")
    assert {"namur-agent-urbanisme", "gembloux-agent-urbanisme"} <= found


def _grant(session, path, principal, kind):
    return session.post(
        f"{path}/@sharing",
        json={"entries": [{"id": principal, "type": kind, "roles": {"Reader": True}}]},
    )


@pytest.mark.parametrize(
    "principal,kind",
    [
        ("gembloux-agent-urbanisme", "user"),
        ("92142_urbanisme_editors", "group"),
        ("AuthenticatedUsers", "group"),
        ("nobody-typed-by-hand", "user"),
    ],
)
def test_a_role_is_never_given_outside_the_municipality(api_as, namur_case_file, principal, kind):
    admin = api_as("platform-admin")
    response = _grant(admin, namur_case_file, principal, kind)
    assert response.status_code == 400, response.text
    assert "ne fait pas partie du personnel de la commune" in response.json()["message"]
    entries = admin.get(f"{namur_case_file}/@sharing").json()["entries"]
    held = {entry["id"]: entry["roles"] for entry in entries}
    assert not any((held.get(principal) or {}).values())


def test_a_role_is_given_to_the_municipalitys_own_people(api_as, namur_case_file):
    admin = api_as("platform-admin")
    response = _grant(admin, namur_case_file, "namur-chef-travaux", "user")
    assert response.status_code == 204, response.text
    entries = admin.get(f"{namur_case_file}/@sharing").json()["entries"]
    assert {e["id"]: e["roles"] for e in entries}["namur-chef-travaux"]["Reader"] is True


def test_the_html_form_refuses_a_stranger_and_saves_nothing(api_as, namur_case_file):
    admin = api_as("platform-admin")
    page = admin.get(f"{namur_case_file}/@@sharing")
    token = page.text.split('name="_authenticator" value="', 1)[1].split('"', 1)[0]
    response = admin.post(
        f"{namur_case_file}/@@sharing",
        data={
            "form.submitted": "1",
            "form.button.Save": "Enregistrer",
            "_authenticator": token,
            "entries.id:records": "gembloux-agent-urbanisme",
            "entries.type:records": "user",
            "entries.role_Reader:records": "True",
        },
    )
    assert response.status_code == 400
    assert "ne fait pas partie du personnel de la commune" in response.text
    entries = admin.get(f"{namur_case_file}/@sharing").json()["entries"]
    assert "gembloux-agent-urbanisme" not in {e["id"] for e in entries}
