"""The 1013 worklist step: a site with the previous case file workflow gets
the "send to my head of service" step, and its files in progress offer it."""

from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.upgrades import v1013_worklist
from plone import api


def test_the_upgrade_adds_the_step_to_the_head_of_service(portal):
    workflow = api.portal.get_tool("portal_workflow")["municipal_dossier_workflow"]
    dossier = build_dossier(portal)
    do_transition(dossier, "namur-agent-urbanisme", "receive")
    do_transition(dossier, "namur-agent-urbanisme", "declare_complete")
    # As before 1013: no submitted state, no transitions to or from it.
    workflow.states["in_progress"].transitions = tuple(
        t for t in workflow.states["in_progress"].transitions if t != "submit"
    )
    workflow.states.deleteStates(["submitted"])
    workflow.transitions.deleteTransitions(["submit", "return_to_agent"])
    dashboard = api.portal.get_tool("portal_actions").user.dashboard
    dashboard.visible = True

    v1013_worklist.upgrade(portal.portal_setup)

    assert "submitted" in workflow.states.objectIds()
    assert dashboard.visible is False
    do_transition(dossier, "namur-agent-urbanisme", "submit")
    assert api.content.get_state(dossier) == "submitted"
    with api.env.adopt_user(username="namur-chef-urbanisme"):
        offered = {t["id"] for t in workflow.getTransitionsFor(dossier)}
    assert offered == {"propose", "return_to_agent", "withdraw"}
