"""The 1014 counter-loop step: a site with the previous case file workflow
gets ``receive_complements``, and a file whose pieces came in gets its
completeness deadline from their date."""

from datetime import date
from imio.municipal.core.calendar import legal_deadline
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.upgrades import v1014_counter_loop
from plone import api


AGENT = "namur-agent-urbanisme"


def test_the_upgrade_adds_the_transition_and_recomputes_deadlines(portal):
    workflow = api.portal.get_tool("portal_workflow")["municipal_dossier_workflow"]
    dossier = build_dossier(portal, missing_pieces=["Plan signé"])
    do_transition(dossier, AGENT, "receive")
    do_transition(dossier, AGENT, "declare_incomplete")
    # As before 1014: no way back from « incomplete » but declaring complete.
    workflow.states["incomplete"].transitions = tuple(
        t for t in workflow.states["incomplete"].transitions if t != "receive_complements"
    )
    workflow.transitions.deleteTransitions(["receive_complements"])
    # Deadlines stored by the previous rule (from the first receipt).
    dossier.complements_received_date = date(2026, 3, 2)
    dossier.completeness_deadline = legal_deadline(dossier.received_date, 20)

    v1014_counter_loop.upgrade(portal.portal_setup)

    assert "receive_complements" in workflow.transitions.objectIds()
    assert dossier.completeness_deadline == legal_deadline(date(2026, 3, 2), 20)
    with api.env.adopt_user(username=AGENT):
        offered = {t["id"] for t in workflow.getTransitionsFor(dossier)}
    assert "receive_complements" in offered
    do_transition(dossier, AGENT, "receive_complements")
    assert api.content.get_state(dossier) == "received"
