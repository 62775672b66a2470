"""Municipality: sub-folders, groups kept in sync, INS code fixed."""

from imio.municipal.platform.municipality import check_ins_code
from imio.municipal.platform.validators import MunicipalValidationError
from plone import api
from Products.statusmessages.interfaces import IStatusMessage
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


SERVICES = [
    {"id": "urbanisme", "title": "Urbanisme"},
    {"id": "environnement", "title": "Environnement"},
]


@pytest.fixture
def ciney(portal):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=portal,
            type="Municipality",
            id="ciney",
            title="Ciney",
            ins_code="91030",
            bce_number="0207.344.329",
            services=list(SERVICES),
        )


def group_ids(prefix):
    return sorted(
        g for g in api.portal.get_tool("portal_groups").getGroupIds() if g.startswith(prefix)
    )


def test_subfolders_with_french_titles(ciney):
    assert [(o.getId(), o.portal_type, o.Title()) for o in ciney.objectValues()] == [
        ("dossiers", "DossierFolder", "Dossiers"),
        ("actes", "ActRegister", "Actes"),
        ("pic", "InvestmentFolder", "Plans d'investissement (PIC)"),
        ("publications", "PublicationFolder", "Publications"),
        ("seances", "SessionFolder", "Séances"),
    ]


def test_groups_are_created(ciney):
    assert group_ids("91030_") == [
        "91030_college",
        "91030_dpo",
        "91030_environnement_editors",
        "91030_environnement_reviewers",
        "91030_financial_director",
        "91030_secretaries",
        "91030_staff",
        "91030_urbanisme_editors",
        "91030_urbanisme_reviewers",
    ]


def test_function_groups_are_nested_in_staff(ciney):
    staff = api.group.get(groupname="91030_staff")
    assert set(staff.getGroupMemberIds()) == set(group_ids("91030_")) - {"91030_staff"}


def test_local_roles_on_the_municipality(ciney):
    assert ciney.get_local_roles_for_userid("91030_staff") == ("MunicipalStaff",)
    assert ciney.get_local_roles_for_userid("91030_college") == ("MunicipalCollege",)
    # The product's own roles: Plone's generic ones carry permissions no
    # workflow maps (tests/security/test_permission_matrix.py).
    assert ciney["dossiers"].get_local_roles_for_userid("91030_urbanisme_editors") == (
        "MunicipalCreator",
    )
    assert ciney.get_local_roles_for_userid("91030_secretaries") == ("MunicipalSecretary",)
    assert ciney.get_local_roles_for_userid("91030_dpo") == ("DataProtectionOfficer",)


def test_a_new_service_gets_its_groups(ciney):
    ciney.services = SERVICES + [{"id": "travaux", "title": "Travaux"}]
    notify(ObjectModifiedEvent(ciney))
    assert "91030_travaux_editors" in group_ids("91030_")
    assert "91030_travaux_reviewers" in group_ids("91030_")


def test_an_empty_removed_service_loses_its_groups(ciney):
    ciney.services = SERVICES[:1]
    notify(ObjectModifiedEvent(ciney))
    assert "91030_environnement_editors" not in group_ids("91030_")
    assert "91030_urbanisme_editors" in group_ids("91030_")


def test_a_removed_service_with_members_keeps_its_groups_and_says_so(ciney, portal):
    api.user.create(email="agent@ciney.be", username="ciney-agent", password="secret-password-1")
    api.group.add_user(groupname="91030_environnement_editors", username="ciney-agent")
    ciney.services = SERVICES[:1]
    notify(ObjectModifiedEvent(ciney))
    remaining = group_ids("91030_environnement")
    assert remaining == ["91030_environnement_editors"]  # the empty reviewers group went
    shown = IStatusMessage(portal.REQUEST).show()
    assert any("91030_environnement_editors" in str(m.message) for m in shown)


def test_renaming_the_municipality_updates_group_titles(ciney):
    ciney.title = "Ville de Ciney"
    notify(ObjectModifiedEvent(ciney))
    assert api.group.get(groupname="91030_college").getProperty("title") == (
        "Ville de Ciney : collège communal"
    )


def test_ins_code_cannot_change(ciney):
    with pytest.raises(MunicipalValidationError) as error:
        check_ins_code(ciney, "92094")
    assert error.value.doc().mapping == {"current": "91030"}
    check_ins_code(ciney, "91030")  # unchanged is fine


def test_ins_code_already_used_is_refused(portal):
    with pytest.raises(MunicipalValidationError) as error:
        check_ins_code(portal, "92094")
    assert error.value.doc().mapping["path"] == "/plone/namur"
