"""Shared projects: who starts them, who sees them, when they become active."""

from AccessControl import Unauthorized
from decimal import Decimal
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from imio.municipal.acts import approving as approving_acts
from imio.municipal.demo.builders import adopt_council_act
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_project
from imio.municipal.demo.builders import do_transition
from imio.municipal.platform.validators import MunicipalValidationError
from imio.municipal.testing import as_user
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.event import notify
from zope.i18n import translate
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


NAMUR, GEMBLOUX, ANDENNE = "92094", "92142", "92003"
LEAD = "namur-secretaire"
PARTNER = "gembloux-secretaire"


def can_view(user, obj):
    return as_user(user, lambda: api.user.has_permission("View", obj=obj))


def found(user, obj):
    """Whether the user's catalog search finds the project."""
    return as_user(
        user,
        lambda: (
            api.content.get_uuid(obj)
            in [b.UID for b in api.content.find(portal_type="SharedProject")]
        ),
    )


def attach(user, project, act):
    as_user(user, lambda: approving_acts.attach(project, act))


@pytest.fixture
def project(portal):
    return build_project(portal)


def test_the_lead_secretary_starts_a_project(project):
    assert api.content.get_state(project) == "draft"
    assert project.participants() == [NAMUR, GEMBLOUX]
    amounts = {row.ins_code: row.amount for row in project.share_amounts()}
    assert amounts == {NAMUR: Decimal("750000.00"), GEMBLOUX: Decimal("500000.00")}
    assert project.get_local_roles_for_userid("92142_secretaries") == ()  # computed, not stored
    brains = api.content.find(portal_type="SharedProject", participants=GEMBLOUX, unrestricted=True)
    assert project in [b._unrestrictedGetObject() for b in brains]


def test_an_agent_cannot_start_a_project(portal):
    with pytest.raises(Unauthorized):
        build_project(portal, user="namur-agent-travaux")


def test_the_lead_is_fixed_and_only_its_secretariat_starts(portal, project):
    from imio.municipal.projects.content import check_lead

    with api.env.adopt_user(username=PARTNER):
        with pytest.raises(MunicipalValidationError) as error:
            check_lead(portal["shared-projects"], NAMUR)
        assert "92094" in translate(error.value.message, target_language="fr")
        check_lead(portal["shared-projects"], GEMBLOUX)
    with api.env.adopt_user(username=LEAD):
        with pytest.raises(MunicipalValidationError):
            check_lead(project, GEMBLOUX)
        check_lead(project, NAMUR)


def test_draft_is_the_lead_municipality_s_only(project):
    assert can_view("namur-agent-urbanisme", project)
    assert not can_view(PARTNER, project)
    assert not can_view("gembloux-agent-travaux", project)
    assert not found(PARTNER, project)
    assert found("namur-college", project)


def test_proposed_partners_see_and_secretariat_attaches(portal, project):
    do_transition(project, LEAD, "propose")
    for user in (PARTNER, "gembloux-agent-travaux", "gembloux-college"):
        assert can_view(user, project), user
        assert found(user, project), user
    assert as_user(
        PARTNER,
        lambda: api.user.has_permission("imio.municipal: Attach approving act", obj=project),
    )
    assert not as_user(
        "gembloux-agent-travaux",
        lambda: api.user.has_permission("imio.municipal: Attach approving act", obj=project),
    )
    # Partners upload documents but do not change the agreement.
    assert as_user(PARTNER, lambda: api.user.has_permission("Add portal content", obj=project))
    assert not as_user(
        PARTNER, lambda: api.user.has_permission("Modify portal content", obj=project)
    )


def test_a_partner_removed_loses_access_at_once(portal, andenne, project):
    do_transition(project, LEAD, "propose")
    assert not can_view("andenne-secretaire", project)
    project.partners = [GEMBLOUX, ANDENNE]
    project.shares = [
        {"ins_code": NAMUR, "percent": Decimal("50")},
        {"ins_code": GEMBLOUX, "percent": Decimal("25")},
        {"ins_code": ANDENNE, "percent": Decimal("25")},
    ]
    notify(ObjectModifiedEvent(project))
    assert can_view("andenne-agent-finances", project)
    assert found("andenne-agent-finances", project)

    project.partners = [ANDENNE]
    project.shares = [
        {"ins_code": NAMUR, "percent": Decimal("50")},
        {"ins_code": ANDENNE, "percent": Decimal("50")},
    ]
    notify(ObjectModifiedEvent(project))
    assert not can_view(PARTNER, project)
    assert not can_view("gembloux-agent-finances", project)
    assert not found("gembloux-agent-finances", project)
    assert can_view("andenne-secretaire", project)


def test_activation_says_whose_approval_is_missing(portal, project):
    do_transition(project, LEAD, "propose")
    namur_act = adopt_council_act(portal)
    attach(LEAD, project, namur_act)
    with pytest.raises(WorkflowException) as error:
        do_transition(project, LEAD, "activate")
    assert "Gembloux (92142)" in str(error.value)
    assert "Namur" not in str(error.value)
    assert api.content.get_state(project) == "proposed"


def test_an_act_not_yet_adopted_does_not_count(portal, project):
    do_transition(project, LEAD, "propose")
    attach(LEAD, project, adopt_council_act(portal))
    draft = build_act(portal, municipality="gembloux", title="Convention piste cyclable")
    # a draft is refused as an approving act, with its reason
    with pytest.raises(MunicipalValidationError):
        attach(PARTNER, project, draft)
    assert project.missing_approvals() == [GEMBLOUX]
    with pytest.raises(WorkflowException):
        do_transition(project, LEAD, "activate")


def test_every_adopted_act_activates(portal, project):
    do_transition(project, LEAD, "propose")
    attach(LEAD, project, adopt_council_act(portal))
    attach(PARTNER, project, adopt_council_act(portal, municipality="gembloux"))
    assert project.missing_approvals() == []
    do_transition(project, LEAD, "activate")
    assert api.content.get_state(project) == "active"
    # Approvals are complete: nobody attaches any more.
    assert not as_user(
        PARTNER,
        lambda: api.user.has_permission("imio.municipal: Attach approving act", obj=project),
    )


def test_an_annulled_act_stops_the_activation(portal, project):
    do_transition(project, LEAD, "propose")
    attach(LEAD, project, adopt_council_act(portal))
    gembloux_act = adopt_council_act(portal, municipality="gembloux")
    attach(PARTNER, project, gembloux_act)
    gembloux_act.tutelle_outcome = "annulled"
    assert project.missing_approvals() == [GEMBLOUX]


def test_a_secretariat_attaches_only_its_own_council_s_act(portal, project):
    do_transition(project, LEAD, "propose")
    namur_act = adopt_council_act(portal)
    with pytest.raises(MunicipalValidationError) as error:
        attach(PARTNER, project, namur_act)  # not even visible to Gembloux
    assert "votre conseil" in translate(error.value.message, target_language="fr")
    with pytest.raises(MunicipalValidationError) as error:
        attach("namur-agent-finances", project, namur_act)  # visible, not theirs to attach
    assert "92094" in translate(error.value.message, target_language="fr")
    college = build_act(portal, municipality="gembloux", title="Décision", body="college")
    with pytest.raises(MunicipalValidationError):
        attach(PARTNER, project, college)
    assert project.approving_acts == []


def test_a_new_act_replaces_the_earlier_one(portal, project):
    do_transition(project, LEAD, "propose")
    first = adopt_council_act(portal, municipality="gembloux", title="Convention v1")
    second = adopt_council_act(portal, municipality="gembloux", title="Convention v2")
    attach(PARTNER, project, first)
    attach(PARTNER, project, second)
    assert project.approving_act_objects() == {GEMBLOUX: second}


def test_a_non_participant_sees_nothing(portal, andenne, project):
    do_transition(project, LEAD, "propose")
    for user in ("andenne-secretaire", "andenne-agent-travaux", None):
        assert not can_view(user, project)
        if user:
            assert not found(user, project)


@pytest.mark.parametrize("transition", ["back_to_draft", "cancel"])
def test_sending_back_or_cancelling_needs_a_comment(project, transition):
    do_transition(project, LEAD, "propose")
    with pytest.raises(WorkflowException) as error:
        do_transition(project, LEAD, transition)
    assert "comment" in str(error.value).lower() or "commentaire" in str(error.value)
    do_transition(project, LEAD, transition, comment="Le budget doit être revu.")


def test_partners_are_told_when_the_project_is_proposed(portal, project):
    mailhost = portal.MailHost
    mailhost.reset()
    do_transition(project, LEAD, "propose")
    messages = [message_from_bytes(m) for m in mailhost.messages]
    assert [m["To"] for m in messages] == ["gembloux-secretaire@demo.imio.be"]
    subject = str(make_header(decode_header(messages[0]["Subject"])))
    assert subject.startswith("[Namur] Projet partagé")


def test_folders_inside_follow_the_project(portal, andenne, project):
    do_transition(project, LEAD, "propose")
    with api.env.adopt_user(username=PARTNER):
        folder = api.content.create(container=project, type="Folder", title="Plans")
    assert api.portal.get_tool("portal_workflow").getChainFor(folder) == ()
    assert can_view("namur-agent-travaux", folder)
    assert not can_view("andenne-secretaire", folder)
    elsewhere = api.portal.get_tool("portal_workflow").getChainFor("Folder")
    assert elsewhere  # outside projects a Folder keeps the site's workflow
