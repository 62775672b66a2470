"""Onboarding a municipality: created whole with its groups and its DG, or
refused with French reasons and nothing created."""

from email import message_from_bytes
from imio.municipal.administration import onboarding
from imio.municipal.administration.onboarding_command import onboard_lines
from imio.municipal.administration.onboarding_rules import OnboardingRequest
from imio.municipal.platform import naming
from plone import api
from zope.i18n import translate

import pytest


EUPEN = {
    "ins_code": "63023",
    "bce_number": "0207.344.329",
    "template": "restreint",
    "dg_login": "eupen-dg",
    "dg_fullname": "Anna Schmitz",
    "dg_email": "dg@eupen.be",
}
HEADER = "ins_code;bce_number;dg_login;dg_fullname;dg_email;template\n"


def request(**changes):
    return OnboardingRequest.from_mapping({**EUPEN, **changes})


def mails(portal):
    return [message_from_bytes(m) if isinstance(m, bytes) else m for m in portal.MailHost.messages]


def french(refused):
    return [translate(m, target_language="fr") for m in refused.messages]


def test_onboarding_creates_the_municipality_its_services_groups_and_dg(portal):
    sent = len(portal.MailHost.messages)
    municipality = onboarding.onboard(portal, request())
    assert municipality.getId() == "eupen"
    assert municipality.Title() == "Eupen"
    assert [s["id"] for s in municipality.services] == [
        "secretariat",
        "population",
        "urbanisme",
        "travaux",
        "finances",
    ]
    for folder in ("dossiers", "actes"):
        assert folder in municipality.objectIds()
    assert api.group.get(groupname="63023_urbanisme_editors") is not None
    dg = api.user.get(username="eupen-dg")
    assert dg.getProperty("fullname") == "Anna Schmitz"
    assert naming.secretaries_group("63023") in [g.getId() for g in api.group.get_groups(user=dg)]
    assert "MunicipalSecretary" in api.user.get_roles(user=dg, obj=municipality)
    # the password link, to his address, and nobody typed a password
    new = mails(portal)[sent:]
    assert len(new) == 1
    assert new[0]["To"].endswith("dg@eupen.be") or "dg@eupen.be" in new[0]["To"]
    assert "passwordreset" in new[0].get_payload(decode=True).decode()


def test_the_form_list_leaves_out_onboarded_municipalities(portal):
    available = {entry.ins_code for entry in onboarding.available_municipalities()}
    assert len(available) == 261 - 2
    assert "92094" not in available  # Namur, of the demo
    assert "63023" in available


def test_every_problem_is_given_in_french_and_nothing_is_created(portal):
    with pytest.raises(onboarding.OnboardingRefused) as refused:
        onboarding.onboard(
            portal, request(ins_code="92094", dg_login="namur-secretaire", dg_email="x")
        )
    texts = french(refused.value)
    assert "x n'est pas une adresse e-mail." in texts
    assert any(t.startswith("Namur est déjà sur la plateforme") for t in texts)
    assert "L'identifiant « namur-secretaire » est déjà utilisé sur la plateforme." in texts
    assert api.user.get(username="eupen-dg") is None


def test_a_failure_midway_leaves_nothing_behind(portal, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("mail server down")

    monkeypatch.setattr(portal.portal_registration.__class__, "registeredNotify", broken)
    with pytest.raises(RuntimeError):
        onboarding.onboard(portal, request())
    assert "eupen" not in portal.objectIds()
    assert api.user.get(username="eupen-dg") is None
    assert api.group.get(groupname="63023_staff") is None


def test_without_a_sender_address_nothing_is_created(portal):
    api.portal.set_registry_record("plone.email_from_address", "")
    with pytest.raises(onboarding.OnboardingRefused) as refused:
        onboarding.onboard(portal, request())
    assert [r.code for r in refused.value.reasons] == ["no_sender"]
    assert "eupen" not in portal.objectIds()


def test_a_municipality_whose_name_is_taken_gets_its_ins_code_in_its_id(portal):
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=portal, type="Document", id="eupen", title="Eupen")
    assert onboarding.onboard(portal, request()).getId() == "eupen-63023"


def test_a_municipality_named_like_a_reserved_id_gets_its_ins_code_in_its_id(portal):
    # "manage" is Zope's management screen: onboarding Manage failed
    manage = onboarding.onboard(portal, request(ins_code="55086", dg_login="manage-dg"))
    assert manage.getId() == "manage-55086"
    assert manage.title == "Manage"


def test_onboarding_a_file_twice_changes_nothing_the_second_time(portal):
    text = (
        HEADER
        + "63023;0207.344.329;eupen-dg;Anna Schmitz;dg@eupen.be;restreint\n"
        + "21004;0207.344.329;brux-dg;X Y;dg@bxl.be;standard\n"
        + "91030;0216.689.981;namur-secretaire;Paul Collin;dg@ciney.be;standard\n"
        + "91030;0216.689.981;ciney-dg;Paul Collin;dg@ciney.be;standard\n"
    )
    first = onboard_lines(portal, text, notify=False)
    assert first["created"] == ["63023"]
    assert first["present"] == []
    refused = dict(first["refused"])
    assert sorted(refused) == [3, 4, 5]
    assert refused[3] == ["21004 n'est pas le code INS d'une commune wallonne."]
    assert refused[4] == ["L'identifiant « namur-secretaire » est déjà utilisé sur la plateforme."]
    assert refused[5] == ["La commune 91030 est déjà à la ligne 4."]
    # the refused line of Ciney left nothing
    assert api.group.get(groupname="91030_staff") is None
    before = (sorted(portal.objectIds()), sorted(g.getId() for g in api.group.get_groups()))
    users = len(api.user.get_users())
    second = onboard_lines(portal, text, notify=False)
    assert second["created"] == []
    assert second["present"] == ["63023"]
    assert (sorted(portal.objectIds()), sorted(g.getId() for g in api.group.get_groups())) == before
    assert len(api.user.get_users()) == users


def test_a_dry_run_checks_and_creates_nothing(portal):
    text = HEADER + "63023;0207.344.329;eupen-dg;Anna Schmitz;dg@eupen.be;restreint\n"
    summary = onboard_lines(portal, text, dry_run=True)
    assert summary["created"] == ["63023"]
    assert "eupen" not in portal.objectIds()
    assert api.user.get(username="eupen-dg") is None
