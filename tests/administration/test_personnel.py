"""The secretariat manages its own people: accounts, functions, log, isolation."""

from imio.municipal.administration import accounts
from imio.municipal.administration import log
from imio.municipal.administration import people
from imio.municipal.administration.refusals import PeopleInputRefused
from imio.municipal.administration.refusals import PeopleRefused
from plone import api
from zope.i18n import translate

import pytest


PERMISSION = "imio.municipal: Manage municipal people"


def authenticates(portal, login, password="demo"):
    return portal.acl_users.authenticate(login, password, portal.REQUEST) is not None


def test_only_the_secretariat_of_its_municipality_has_the_permission(portal):
    namur, gembloux = portal["namur"], portal["gembloux"]
    assert api.user.has_permission(PERMISSION, username="namur-secretaire", obj=namur)
    assert not api.user.has_permission(PERMISSION, username="namur-secretaire", obj=gembloux)
    for login in (
        "namur-agent-travaux",
        "namur-chef-travaux",
        "namur-college",
        "namur-directeur-financier",
    ):
        assert not api.user.has_permission(PERMISSION, username=login, obj=namur), login
    assert not api.user.has_permission(PERMISSION, username="namur-secretaire", obj=portal)


def test_the_list_shows_only_the_municipality_people_never_a_platform_account(portal):
    namur = portal["namur"]
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="a@x.be", username="platform-helper", password="x" * 12)
        api.user.grant_roles(username="platform-helper", roles=["Site Administrator"])
        api.group.add_user(groupname="92094_staff", username="platform-helper")
    with api.env.adopt_user(username="namur-secretaire"):
        logins = {row["login"] for row in people.people(namur)}
    assert {"namur-secretaire", "namur-agent-travaux", "namur-chef-travaux"} <= logins
    assert not any(login.startswith("gembloux-") for login in logins)
    assert "platform-helper" not in logins and "admin" not in logins


def test_create_user_sends_a_password_mail_and_is_logged(portal):
    namur = portal["namur"]
    mails = portal.MailHost.messages
    before = len(mails)
    with api.env.adopt_user(username="namur-secretaire"):
        accounts.create_user(
            namur, "jdupont", "Jean Dupont", "jean.dupont@namur.be", [("agent", "travaux")]
        )
    user = api.user.get(username="jdupont")
    groups = set(user.getGroups())
    assert {"92094_staff", "92094_travaux_editors"} <= groups
    assert len(mails) == before + 1
    mail = mails[-1].decode() if isinstance(mails[-1], bytes) else str(mails[-1])
    assert "jean.dupont@namur.be" in mail and "passwordreset/" in mail
    actions = [(e["who"], e["action"], e["target"]) for e in log.entries(namur)]
    assert ("namur-secretaire", "create", "jdupont") in actions
    assert ("namur-secretaire", "grant", "jdupont") in actions
    assert all(e["when"].endswith("+00:00") for e in log.entries(namur))


def test_disable_stops_login_and_groups_and_enable_gives_them_back(portal):
    namur = portal["namur"]
    assert authenticates(portal, "namur-agent-travaux")
    groups_before = set(api.user.get(username="namur-agent-travaux").getGroups())
    with api.env.adopt_user(username="namur-secretaire"):
        accounts.disable(namur, "namur-agent-travaux")
    user = api.user.get(username="namur-agent-travaux")
    assert not authenticates(portal, "namur-agent-travaux")
    assert not [g for g in user.getGroups() if g.startswith("92094_")]
    assert user.getProperty("email") == ""
    with api.env.adopt_user(username="namur-secretaire"):
        [row] = [r for r in people.people(namur) if r["login"] == "namur-agent-travaux"]
        assert row["disabled"]
        with pytest.raises(PeopleInputRefused):
            accounts.grant(namur, "namur-agent-travaux", "agent", "travaux")
        accounts.enable(namur, "namur-agent-travaux")
    user = api.user.get(username="namur-agent-travaux")
    assert set(user.getGroups()) == groups_before
    assert user.getProperty("email")
    assert not authenticates(portal, "namur-agent-travaux")  # a new password is to be chosen
    assert [e["action"] for e in log.entries(namur)][:2] == ["enable", "disable"]


def reason(refusal) -> str:
    return translate(refusal.value.reason(), target_language="fr")


def test_the_secretariat_cannot_touch_another_municipality_a_platform_account_or_a_shared_user(
    portal,
):
    namur = portal["namur"]
    api.group.add_user(groupname="92142_staff", username="namur-chef-travaux")
    with api.env.adopt_user(username="namur-secretaire"):
        with pytest.raises(PeopleRefused) as other:
            accounts.disable(namur, "gembloux-secretaire")
        with pytest.raises(PeopleRefused) as platform:
            accounts.grant(namur, "admin", "college")
        with pytest.raises(PeopleRefused) as shared:
            accounts.disable(namur, "namur-chef-travaux")
        with pytest.raises(PeopleRefused) as yourself:
            accounts.disable(namur, "namur-secretaire")
        with pytest.raises(PeopleInputRefused) as taken:
            accounts.create_user(namur, "gembloux-secretaire", "X", "x@namur.be")
    assert "n'est pas" in reason(other) or "gembloux-secretaire" in reason(other)
    assert other.value.status == platform.value.status == shared.value.status == 403
    assert "platform" in platform.value.reason().default
    assert "another municipality" in shared.value.reason().default
    assert "own account" in yourself.value.reason().default
    assert "already used" in taken.value.reason().default
    assert authenticates(portal, "gembloux-secretaire")
    assert log.entries(namur) == []


def test_functions_given_and_withdrawn_are_group_memberships(portal):
    namur = portal["namur"]
    with api.env.adopt_user(username="namur-secretaire"):
        accounts.grant(namur, "namur-agent-travaux", "dpo")
        accounts.grant(namur, "namur-agent-travaux", "head", "travaux")
        assert "92094_dpo" in api.user.get(username="namur-agent-travaux").getGroups()
        accounts.revoke(namur, "namur-agent-travaux", "dpo")
        with pytest.raises(PeopleInputRefused):
            accounts.revoke(namur, "namur-agent-travaux", "dpo")
        with pytest.raises(PeopleInputRefused):
            accounts.grant(namur, "namur-agent-travaux", "agent", "piscine")
    groups = api.user.get(username="namur-agent-travaux").getGroups()
    assert "92094_travaux_reviewers" in groups and "92094_dpo" not in groups


def test_services_added_and_renamed_by_the_secretariat_get_their_groups(portal):
    namur = portal["namur"]
    rows = [dict(r) for r in namur.services]
    rows[0]["title"] = "Nouveau titre"
    rows.append({"id": "piscine", "title": "Piscine"})
    with api.env.adopt_user(username="namur-secretaire"):
        people.save_services(namur, rows)
        with pytest.raises(PeopleInputRefused):
            people.save_services(namur, rows + [{"id": "Bad Id", "title": "X"}])
    assert namur.service_titles["piscine"] == "Piscine"
    assert namur.services[0]["title"] == "Nouveau titre"
    assert api.group.get(groupname="92094_piscine_editors") is not None
    assert log.entries(namur)[0]["action"] == "services"


CSV = (
    "login;name;email;service;function\n"
    "newone;New One;new.one@namur.be;travaux;agent\n"
    "newtwo;New Two;new.two@namur.be;;collège\n"
)


def test_import_dry_run_then_all_or_nothing(portal):
    namur = portal["namur"]
    with api.env.adopt_user(username="namur-secretaire"):
        dry = people.import_users(namur, CSV, dry_run=True)
        assert [r["login"] for r in dry["rows"]] == ["newone", "newtwo"] and not dry["created"]
        assert api.user.get(username="newone") is None
        bad = CSV + "gembloux-secretaire;G;g@x.be;;dpo\n"
        refused = people.import_users(namur, bad, dry_run=False)
        assert [r["line"] for r in refused["refused"]] == [4]
        assert translate(refused["refused"][0]["reason"], target_language="fr") != ""
        assert api.user.get(username="newone") is None and not refused["created"]
        done = people.import_users(namur, CSV, dry_run=False)
    assert done["created"] == ["newone", "newtwo"]
    assert "92094_college" in api.user.get(username="newtwo").getGroups()
