"""A municipality's staff (logins and full names) is listed to its own staff
and the administrators, not to visitors nor to another municipality."""

from imio.municipal.platform.vocabularies import LIST_STAFF
from imio.municipal.upgrades.v1010_staff_vocabulary import upgrade

import pytest


STAFF = "imio.municipal.vocabularies.MunicipalStaff"


def terms(session, path):
    return session.get(f"{path}/@vocabularies/{STAFF}")


@pytest.mark.parametrize("path", ["/namur", "/namur/dossiers", "/namur/publications"])
def test_visitors_and_other_municipalities_do_not_list_the_staff(api_as, path):
    anonymous = terms(api_as(), path)
    assert anonymous.status_code == 401
    assert "namur-agent-urbanisme" not in anonymous.text
    for login in ("gembloux-secretaire", "gembloux-agent-urbanisme"):
        other = terms(api_as(login), path)
        assert other.status_code in (401, 403), other.text
        assert "namur-agent-urbanisme" not in other.text


@pytest.mark.parametrize("login", ["namur-agent-urbanisme", "namur-secretaire", "admin"])
def test_staff_and_administrators_list_it(api_as, login):
    response = terms(api_as(login), "/namur/dossiers")
    assert response.status_code == 200, response.text
    tokens = [item["token"] for item in response.json()["items"]]
    assert "namur-agent-urbanisme" in tokens
    assert not [token for token in tokens if token.startswith("gembloux-")]


def test_the_upgrade_sets_the_permission(portal):
    portal.manage_permission(LIST_STAFF, roles=["Anonymous"], acquire=True)
    upgrade(None)
    roles = {p["name"] for p in portal.rolesOfPermission(LIST_STAFF) if p["selected"]}
    assert roles == {"Manager", "Site Administrator", "MunicipalStaff"}
