"""Who may do what on a shared project, state by state (hand-written from the rules).

Namur leads, Gembloux is partner, Andenne takes no part. Demo users get
their roles through groups; nothing is shared by hand.
"""

from imio.municipal.acts import approving as approving_acts
from imio.municipal.demo.builders import adopt_council_act
from imio.municipal.demo.builders import build_project
from imio.municipal.demo.builders import do_transition
from imio.municipal.testing import as_user
from plone import api

import pytest


LEAD = "namur-secretaire"
LEAD_AGENT = "namur-agent-travaux"
PARTNER = "gembloux-secretaire"
PARTNER_AGENT = "gembloux-agent-travaux"
OUTSIDER = "andenne-secretaire"
ADMIN = "platform-admin"
ANONYMOUS = None
USERS = (LEAD, LEAD_AGENT, PARTNER, PARTNER_AGENT, OUTSIDER, ADMIN, ANONYMOUS)


def approve_all(project):
    portal = api.portal.get()
    as_user(LEAD, lambda: approving_acts.attach(project, adopt_council_act(portal)))
    gembloux_act = adopt_council_act(portal, municipality="gembloux")
    as_user(PARTNER, lambda: approving_acts.attach(project, gembloux_act))


PROPOSED = [(LEAD, "propose", "")]
ACTIVE = [*PROPOSED, approve_all, (LEAD, "activate", "")]
PATHS = {
    "draft": [],
    "proposed": PROPOSED,
    "active": ACTIVE,
    "closed": [*ACTIVE, (LEAD, "close", "")],
    "cancelled": [*PROPOSED, (LEAD, "cancel", "La région ne subsidie plus le projet.")],
}

# (view, modify the agreement, add documents, attach an approving act)
ALL = ("V", "M", "A", "T")
READ = ("V", "", "", "")
NOTHING = ("", "", "", "")


def table(**rights):
    """Everyone sees nothing but what is listed; platform admins may do
    everything but take no transition (the lead's secretariat runs the project)."""
    rows = dict.fromkeys(USERS, (NOTHING, set()))
    rows[ADMIN] = (ALL, set())
    rows.update(rights)
    return rows


READERS = {user: (READ, set()) for user in (LEAD, LEAD_AGENT, PARTNER, PARTNER_AGENT)}

# state -> user -> ((view, modify, add, attach), {transitions offered})
MATRIX = {
    "draft": table(
        **{LEAD: (ALL, {"propose", "cancel"}), LEAD_AGENT: (READ, set())},
    ),
    "proposed": table(
        **{
            **READERS,
            LEAD: (ALL, {"activate", "back_to_draft", "cancel"}),
            PARTNER: (("V", "", "A", "T"), set()),
        },
    ),
    "active": table(
        **{
            **READERS,
            LEAD: (("V", "M", "A", ""), {"close", "cancel"}),
            PARTNER: (("V", "", "A", ""), set()),
        },
    ),
    "closed": table(**READERS),
    "cancelled": table(**READERS),
}


def observed(project, user):
    def check():
        has = api.user.has_permission
        rights = (
            "V" if has("View", obj=project) else "",
            "M" if has("Modify portal content", obj=project) else "",
            "A" if has("plone.app.contenttypes: Add File", obj=project) else "",
            "T" if has("imio.municipal: Attach approving act", obj=project) else "",
        )
        workflow = api.portal.get_tool("portal_workflow")
        transitions = {t["id"] for t in workflow.getTransitionsFor(project)}
        found = api.content.get_uuid(project) in [
            b.UID for b in api.content.find(portal_type="SharedProject")
        ]
        return rights, transitions, found

    return as_user(user, check)


@pytest.fixture
def project_in(portal, andenne):
    def make(state):
        project = build_project(portal)
        for step in PATHS[state]:
            if callable(step):
                step(project)
            else:
                do_transition(project, *step)
        assert api.content.get_state(project) == state
        return project

    return make


@pytest.mark.parametrize("state", list(MATRIX))
def test_permission_matrix(project_in, state):
    project = project_in(state)
    for user in USERS:
        expected_rights, expected_transitions = MATRIX[state][user]
        rights, transitions, found = observed(project, user)
        assert rights == expected_rights, (state, user)
        assert transitions == expected_transitions, (state, user)
        # The catalog shows exactly what the user may view (anonymous: nothing).
        assert found == (expected_rights[0] == "V"), (state, user)
