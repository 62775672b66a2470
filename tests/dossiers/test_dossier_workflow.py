"""Transitions: what they set, what they refuse and why, who is told."""

from datetime import date
from email import message_from_bytes
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.dossiers.workflow import today
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException

import pytest
import transaction


AGENT, HEAD, SECRETARY = "namur-agent-urbanisme", "namur-chef-urbanisme", "namur-secretaire"


def mails(portal):
    return [message_from_bytes(m) if isinstance(m, bytes) else m for m in portal.MailHost.messages]


def test_receipt_defaults_to_today(portal):
    obj = build_dossier(portal)
    do_transition(obj, AGENT, "receive")
    assert obj.received_date == today()
    assert obj.reference.startswith(f"{today().year}/pu/")


def test_incomplete_needs_the_list_of_missing_pieces(portal):
    obj = build_dossier(portal)
    do_transition(obj, AGENT, "receive")
    with pytest.raises(WorkflowException, match="missing pieces|pièces manquantes"):
        do_transition(obj, AGENT, "declare_incomplete")
    assert api.content.get_state(obj) == "received"
    assert transaction.get().isDoomed()  # nothing of the attempt can be saved
    transaction.abort()


def test_incomplete_starts_the_180_day_limit(portal):
    obj = build_dossier(portal, missing_pieces=["Plan d'implantation"])
    do_transition(obj, AGENT, "receive")
    do_transition(obj, AGENT, "declare_incomplete")
    assert obj.incompleteness_date == today()
    assert obj.completion_limit is not None
    assert (obj.completion_limit - today()).days >= 180


@pytest.mark.parametrize("transition", ["withdraw", "declare_inadmissible"])
def test_ending_a_file_needs_a_comment(portal, transition):
    obj = build_dossier(portal)
    do_transition(obj, AGENT, "receive")
    with pytest.raises(WorkflowException, match="comment|commentaire"):
        do_transition(obj, AGENT, transition, comment="  ")
    transaction.abort()


def test_send_back_needs_a_comment_and_keeps_it_in_the_history(portal):
    obj = build_dossier(portal, received_date=date(2026, 3, 2))
    for user, name in ((AGENT, "receive"), (AGENT, "declare_complete"), (HEAD, "propose")):
        do_transition(obj, user, name)
    do_transition(obj, SECRETARY, "send_back", comment="Motiver l'avis du CCATM.")
    assert api.content.get_state(obj) == "in_progress"
    last = obj.workflow_history["municipal_dossier_workflow"][-1]
    assert (last["action"], last["comments"], last["actor"]) == (
        "send_back",
        "Motiver l'avis du CCATM.",
        SECRETARY,
    )


def test_the_people_who_act_next_get_an_email(portal):
    portal.MailHost.reset()
    obj = build_dossier(portal, received_date=date(2026, 3, 2), assigned_agent=AGENT)
    do_transition(obj, AGENT, "receive")
    do_transition(obj, AGENT, "declare_complete")
    portal.MailHost.reset()
    do_transition(obj, HEAD, "propose")
    sent = mails(portal)
    assert [m["To"] for m in sent] == ["namur-secretaire@demo.imio.be"]
    assert obj.reference in sent[0]["Subject"]
    body = sent[0].get_payload(decode=True).decode("utf-8")
    assert obj.absolute_url() in body
    # In the reader's language (demo users: French), not the request's.
    assert "est passé à l'état « Proposé »" in body

    portal.MailHost.reset()
    do_transition(obj, SECRETARY, "send_back", comment="Compléter la motivation.")
    sent = mails(portal)
    assert [m["To"] for m in sent] == ["namur-agent-urbanisme@demo.imio.be"]
    assert "Compléter la motivation." in sent[0].get_payload(decode=True).decode("utf-8")


def test_without_assigned_agent_the_service_agents_are_told(portal):
    obj = build_dossier(portal)
    portal.MailHost.reset()
    do_transition(obj, AGENT, "receive")
    assert [m["To"] for m in mails(portal)] == ["namur-agent-urbanisme@demo.imio.be"]


def test_workflow_definition_matches_the_state_module(portal):
    from imio.municipal.dossiers.states import COMMENT_REQUIRED
    from imio.municipal.dossiers.states import STATES

    workflow = api.portal.get_tool("portal_workflow")["municipal_dossier_workflow"]
    assert set(workflow.states.objectIds()) == set(STATES)
    assert COMMENT_REQUIRED <= set(workflow.transitions.objectIds())
    for transition in workflow.transitions.objectValues():
        # Every transition goes through the form that asks for the comment.
        assert "@@dossier-transition?transition=" in transition.actbox_url


def decided(portal, **fields):
    obj = build_dossier(portal, **fields)
    do_transition(obj, AGENT, "receive")
    do_transition(obj, AGENT, "declare_complete")
    do_transition(obj, HEAD, "propose")
    do_transition(obj, SECRETARY, "decide")
    return obj


def test_deciding_records_the_decision_date(portal):
    obj = decided(portal)
    assert obj.decision_date == today()
    kept = decided(portal, title="Décidé le 3 mars", decision_date=date(2026, 3, 3))
    assert kept.decision_date == date(2026, 3, 3)


def test_a_file_not_from_the_platform_is_not_transmitted_it_closes(portal):
    obj = decided(portal, decision="granted")
    with pytest.raises(WorkflowException, match="ne vient pas de la plateforme des permis"):
        do_transition(obj, SECRETARY, "transmit")
    assert api.content.get_state(obj) == "decided"
    assert transaction.get().isDoomed()
    transaction.abort()
    obj = decided(portal, title="Autre dossier")
    do_transition(obj, AGENT, "close")
    assert api.content.get_state(obj) == "closed"


def test_the_transmitted_title_is_not_the_acts(portal):
    """State titles are translated by msgid in the plone domain: the act's
    « Transmitted » means « Transmis à la tutelle », not the dossier's."""
    workflows = api.portal.get_tool("portal_workflow")
    dossier = workflows["municipal_dossier_workflow"].states["transmitted"].title
    act = workflows["municipal_act_workflow"].states["transmitted"].title
    assert dossier == "Transmitted to the permit platform" != act
