"""« À traiter »: what to do and why now, only what is the user's move."""

from DateTime import DateTime
from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_session
from imio.municipal.platform.worklist import counts_by_kind
from imio.municipal.platform.worklist import full_worklist
from imio.municipal.platform.worklist import worklist
from imio.municipal.platform.worklist_reasons import explain
from imio.municipal.sessions import agenda
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.i18n import translate

import pytest


AGENT = "namur-agent-urbanisme"
HEAD = "namur-chef-urbanisme"
SECRETARY = "namur-secretaire"


def items_of(portal, login, full=False):
    with api.env.adopt_user(username=login):
        user = api.user.get_current()
        found = (full_worklist if full else worklist)(portal["namur"], user)
    return {item.url: item for item in found}


def why(portal, item) -> str:
    obj = portal.unrestrictedTraverse(item.path)
    return translate(explain(item, obj, belgian_today()), target_language="fr")


def in_progress(portal, title="Rue Haute 3"):
    dossier = build_dossier(portal, title=title)
    do_transition(dossier, AGENT, "receive")
    do_transition(dossier, AGENT, "declare_complete")
    return dossier


def test_the_head_sees_a_file_to_propose_only_once_the_agent_sent_it(portal):
    dossier = in_progress(portal)
    url = dossier.absolute_url()
    assert url not in items_of(portal, HEAD)
    agent_item = items_of(portal, AGENT)[url]
    assert agent_item.reason == "handle"
    complete_since = belgian_today().strftime("%d/%m/%Y")
    assert why(portal, agent_item) == f"à instruire — complet depuis le {complete_since}"

    do_transition(dossier, AGENT, "submit")
    assert api.content.get_state(dossier) == "submitted"
    assert url not in items_of(portal, AGENT)  # the head's move now
    head_item = items_of(portal, HEAD)[url]
    assert head_item.reason == "validate"
    assert why(portal, head_item) == "à proposer — prêt depuis aujourd'hui"

    # Three days later, the list says how long it has been ready.
    dossier.workflow_history["municipal_dossier_workflow"][-1]["time"] = DateTime() - 3
    assert why(portal, items_of(portal, HEAD)[url]) == "à proposer — prêt depuis 3 jours"

    do_transition(dossier, HEAD, "propose")
    assert url not in items_of(portal, HEAD)
    assert items_of(portal, SECRETARY)[url].reason == "decide"


def test_only_the_agent_sends_to_the_head(portal):
    dossier = in_progress(portal)
    with pytest.raises(WorkflowException):
        do_transition(dossier, HEAD, "submit")
    assert api.content.get_state(dossier) == "in_progress"


def test_a_file_returned_by_the_head_says_who_and_why_to_the_agent(portal):
    dossier = in_progress(portal)
    do_transition(dossier, AGENT, "submit")
    with pytest.raises(WorkflowException, match="comment|commentaire"):
        do_transition(dossier, HEAD, "return_to_agent")
    assert api.content.get_state(dossier) == "submitted"

    do_transition(dossier, HEAD, "return_to_agent", "Pièces manquantes : plan signé")
    assert api.content.get_state(dossier) == "in_progress"
    head = api.user.get(username=HEAD).getProperty("fullname")
    item = items_of(portal, AGENT)[dossier.absolute_url()]
    assert why(portal, item) == f"renvoyé par {head} : Pièces manquantes : plan signé"
    assert dossier.absolute_url() not in items_of(portal, HEAD)


def test_files_waiting_for_the_applicant_or_decided_are_nobodys_to_do(portal):
    incomplete = build_dossier(portal, title="Incomplet", missing_pieces=["Plan signé"])
    do_transition(incomplete, AGENT, "receive")
    do_transition(incomplete, AGENT, "declare_incomplete")
    decided = in_progress(portal, "Décidé")
    do_transition(decided, AGENT, "submit")
    do_transition(decided, HEAD, "propose")
    do_transition(decided, SECRETARY, "decide")
    for login in (AGENT, HEAD, SECRETARY):
        listed = items_of(portal, login)
        assert incomplete.absolute_url() not in listed
        assert decided.absolute_url() not in listed


def test_an_act_on_an_agenda_says_the_session(portal):
    act = build_act(portal, title="Marché de fournitures", body="college", kind="college_decision")
    do_transition(act, "namur-chef-finances", "propose")
    do_transition(act, SECRETARY, "validate")
    item = items_of(portal, SECRETARY)[act.absolute_url()]
    assert why(portal, item) == "à inscrire à l'ordre du jour d'une séance"

    day = belgian_today() + timedelta(days=5)
    college = build_session(portal, body="college", session_date=day)
    with api.env.adopt_user(username=SECRETARY):
        agenda.propose(college, act)
    item = items_of(portal, SECRETARY)[act.absolute_url()]
    assert why(portal, item) == f"à décider — séance du {day.strftime('%d/%m/%Y')}"


def test_an_act_waiting_for_the_region_is_watched_not_to_do(portal):
    acts = api.content.find(
        portal_type="Act", review_state="transmitted", path="/plone/namur", unrestricted=True
    )
    waiting = [b for b in acts if b._unrestrictedGetObject().effective_regime() == "approval"]
    assert waiting, "the demo has an act under approval tutelle, transmitted"
    act = waiting[0]._unrestrictedGetObject()
    if act.tutelle_deadline is None or act.tutelle_deadline < belgian_today():
        act.tutelle_deadline = belgian_today() + timedelta(days=20)
        act.tutelle_outcome = None
        act.reindexObject()
    url = act.absolute_url()
    assert url not in items_of(portal, SECRETARY)
    item = items_of(portal, SECRETARY, full=True)[url]
    assert item.waiting
    deadline = act.tutelle_deadline.strftime("%d/%m/%Y")
    assert why(portal, item) == f"attend la Région (échéance de tutelle {deadline})"
    assert ("Act", "decide") not in counts_by_kind([item])

    # Once the deadline has passed, it is the secretariat's move.
    act.tutelle_deadline = belgian_today() - timedelta(days=1)
    act.reindexObject()
    item = items_of(portal, SECRETARY)[url]
    assert not item.waiting
    assert why(portal, item) == "à déclarer exécutoire"


def test_the_counts_from_the_queue_are_the_catalogs(portal):
    from imio.municipal.platform.worklist import DossierWorklist
    from imio.municipal.platform.worklist import ServiceRoutedWorklist

    dossier = in_progress(portal)
    do_transition(dossier, AGENT, "submit")
    provider = DossierWorklist()
    for login in (AGENT, HEAD, SECRETARY, "gembloux-agent-urbanisme"):
        with api.env.adopt_user(username=login):
            user = api.user.get_current()
            from_queue = provider.counts(portal["namur"], user)
            from_catalog = ServiceRoutedWorklist.counts(provider, portal["namur"], user)
        assert from_queue == from_catalog, login
    with api.env.adopt_user(username=HEAD):
        assert (
            provider.counts(portal["namur"], api.user.get_current())[("Dossier", "validate")] == 2
        )
