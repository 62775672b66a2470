"""Who may do what on a case file, state by state.

The table is written by hand from the business rules (who handles, proposes,
decides), not derived from the workflow definition: if the workflow drifts,
these tests say so. Users are demo users who get their roles via groups.
"""

from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import PLACEHOLDER_PDF
from imio.municipal.testing import as_user
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


AGENT = "namur-agent-urbanisme"  # agent of the responsible service
OTHER = "namur-agent-travaux"  # agent of another service
HEAD = "namur-chef-urbanisme"  # head of the responsible service
SECRETARY = "namur-secretaire"
COLLEGE = "namur-college"
GEMBLOUX = "gembloux-agent-urbanisme"  # agent of the other municipality
ANONYMOUS = None
USERS = (AGENT, OTHER, HEAD, SECRETARY, COLLEGE, GEMBLOUX, ANONYMOUS)

# How to bring a new draft into each state: (user, transition, comment).
PATHS = {
    "draft": [],
    "received": [(AGENT, "receive", "")],
    "incomplete": [(AGENT, "receive", ""), (AGENT, "declare_incomplete", "")],
    "in_progress": [(AGENT, "receive", ""), (AGENT, "declare_complete", "")],
    "submitted": [(AGENT, "receive", ""), (AGENT, "declare_complete", ""), (AGENT, "submit", "")],
    "proposed": [(AGENT, "receive", ""), (AGENT, "declare_complete", ""), (HEAD, "propose", "")],
    "decided": [
        (AGENT, "receive", ""),
        (AGENT, "declare_complete", ""),
        (HEAD, "propose", ""),
        (SECRETARY, "decide", ""),
    ],
    # Only a file from the permit platform is transmitted (see dossier_in).
    "transmitted": [
        (AGENT, "receive", ""),
        (AGENT, "declare_complete", ""),
        (HEAD, "propose", ""),
        (SECRETARY, "decide", ""),
        (SECRETARY, "transmit", ""),
    ],
    "closed": [
        (AGENT, "receive", ""),
        (AGENT, "declare_complete", ""),
        (HEAD, "propose", ""),
        (SECRETARY, "decide", ""),
        (AGENT, "close", ""),
    ],
    "withdrawn": [(AGENT, "receive", ""), (AGENT, "withdraw", "Retrait par le demandeur")],
    "inadmissible": [
        (AGENT, "receive", ""),
        (AGENT, "declare_inadmissible", "Demande hors délai"),
    ],
}

# state -> user -> (view, modify, {transitions offered})
# V = view, M = modify; the set lists the transitions the user is offered.
MATRIX = {
    "draft": {
        AGENT: ("V", "M", {"receive"}),
        OTHER: ("", "", set()),
        HEAD: ("V", "M", {"receive"}),
        SECRETARY: ("V", "", {"receive"}),
        COLLEGE: ("V", "", set()),
        GEMBLOUX: ("", "", set()),
        ANONYMOUS: ("", "", set()),
    },
    "received": {
        AGENT: (
            "V",
            "M",
            {"declare_incomplete", "declare_complete", "withdraw", "declare_inadmissible"},
        ),
        OTHER: ("", "", set()),
        HEAD: (
            "V",
            "M",
            {"declare_incomplete", "declare_complete", "withdraw", "declare_inadmissible"},
        ),
        SECRETARY: ("V", "", {"withdraw", "declare_inadmissible"}),
        COLLEGE: ("V", "", set()),
        GEMBLOUX: ("", "", set()),
        ANONYMOUS: ("", "", set()),
    },
    "incomplete": {
        AGENT: (
            "V",
            "M",
            {"receive_complements", "declare_complete", "withdraw", "declare_inadmissible"},
        ),
        OTHER: ("", "", set()),
        HEAD: (
            "V",
            "M",
            {"receive_complements", "declare_complete", "withdraw", "declare_inadmissible"},
        ),
        SECRETARY: ("V", "", {"withdraw", "declare_inadmissible"}),
        COLLEGE: ("V", "", set()),
        GEMBLOUX: ("", "", set()),
        ANONYMOUS: ("", "", set()),
    },
    "in_progress": {
        AGENT: ("V", "M", {"declare_incomplete", "submit", "withdraw"}),
        OTHER: ("", "", set()),
        HEAD: ("V", "M", {"declare_incomplete", "propose", "withdraw"}),
        SECRETARY: ("V", "", {"withdraw"}),
        COLLEGE: ("V", "", set()),
        GEMBLOUX: ("", "", set()),
        ANONYMOUS: ("", "", set()),
    },
    # The agent said the file is ready: the head proposes it or returns it.
    "submitted": {
        AGENT: ("V", "M", {"withdraw"}),
        OTHER: ("", "", set()),
        HEAD: ("V", "M", {"propose", "return_to_agent", "withdraw"}),
        SECRETARY: ("V", "", {"withdraw"}),
        COLLEGE: ("V", "", set()),
        GEMBLOUX: ("", "", set()),
        ANONYMOUS: ("", "", set()),
    },
    "proposed": {
        AGENT: ("V", "", {"withdraw"}),
        OTHER: ("", "", set()),
        HEAD: ("V", "", {"send_back", "withdraw"}),
        SECRETARY: ("V", "M", {"decide", "send_back", "withdraw"}),
        COLLEGE: ("V", "", set()),
        GEMBLOUX: ("", "", set()),
        ANONYMOUS: ("", "", set()),
    },
    "decided": {
        AGENT: ("V", "", {"close"}),
        OTHER: ("", "", set()),
        HEAD: ("V", "", {"close"}),
        # transmit is offered on every decided file, refused with the reason
        # on a file that did not come from the permit platform.
        SECRETARY: ("V", "M", {"transmit", "close"}),
        COLLEGE: ("V", "", set()),
        GEMBLOUX: ("", "", set()),
        ANONYMOUS: ("", "", set()),
    },
    # Nobody edits; close is offered, refused until the platform acknowledged
    # the decision (then the worker closes the file itself).
    "transmitted": {
        AGENT: ("V", "", {"close"}),
        OTHER: ("", "", set()),
        HEAD: ("V", "", {"close"}),
        SECRETARY: ("V", "", {"close"}),
        COLLEGE: ("V", "", set()),
        GEMBLOUX: ("", "", set()),
        ANONYMOUS: ("", "", set()),
    },
}
for final in ("closed", "withdrawn", "inadmissible"):
    MATRIX[final] = {
        AGENT: ("V", "", set()),
        OTHER: ("", "", set()),
        HEAD: ("V", "", set()),
        SECRETARY: ("V", "", set()),
        COLLEGE: ("V", "", set()),
        GEMBLOUX: ("", "", set()),
        ANONYMOUS: ("", "", set()),
    }


def dossier_in(portal, state):
    obj = build_dossier(portal, title=f"Dossier {state}", missing_pieces=["Plan signé"])
    if state == "transmitted":
        make_platform_file(obj)
    for user, transition, comment in PATHS[state]:
        do_transition(obj, user, transition, comment)
    assert api.content.get_state(obj) == state
    return obj


def make_platform_file(obj):
    """As if transferred by the permit platform, with its decision and signed PDF."""
    obj.permit_notification_id = "NOTIF-TEST-1"
    obj.decision = "granted"
    with api.env.adopt_user(username=AGENT):  # a draft: the service adds annexes
        api.content.create(
            container=obj,
            type="File",
            title="Décision signée",
            annex_category="decision",
            file=NamedBlobFile(PLACEHOLDER_PDF, filename="d.pdf", contentType="application/pdf"),
        )


CASES = [(state, user) for state in MATRIX for user in USERS]


@pytest.mark.parametrize("state,user", CASES, ids=[f"{s}-{u or 'anonymous'}" for s, u in CASES])
def test_matrix(portal, state, user):
    obj = dossier_in(portal, state)
    view, modify, transitions = MATRIX[state][user]
    workflow = api.portal.get_tool("portal_workflow")

    def facts():
        return (
            bool(api.user.has_permission("View", obj=obj)),
            bool(api.user.has_permission("Modify portal content", obj=obj)),
            {t["id"] for t in workflow.getTransitionsFor(obj)},
            obj.UID() in [b.UID for b in api.content.find(portal_type="Dossier")],
        )

    can_view, can_modify, offered, found = as_user(user, facts)
    assert can_view is (view == "V")
    assert can_modify is (modify == "M")
    assert offered == transitions
    assert found is (view == "V")  # catalog search agrees with the permission


def test_changing_the_service_moves_the_access(portal):
    obj = build_dossier(portal)  # no assigned agent
    obj.responsible_service = "travaux"
    notify(ObjectModifiedEvent(obj))
    assert not as_user(AGENT, lambda: bool(api.user.has_permission("View", obj=obj)))
    assert as_user(OTHER, lambda: bool(api.user.has_permission("Modify portal content", obj=obj)))
    assert as_user(OTHER, lambda: obj.UID() in [b.UID for b in api.content.find(UID=obj.UID())])
    assert not as_user(AGENT, lambda: [b for b in api.content.find(UID=obj.UID())])


def test_the_assigned_agent_of_another_service_may_work_on_it(portal):
    obj = build_dossier(portal, assigned_agent=OTHER)
    assert as_user(OTHER, lambda: bool(api.user.has_permission("Modify portal content", obj=obj)))


def test_agents_of_a_service_may_add_case_files(portal):
    folder = portal["namur"]["dossiers"]
    for user, allowed in (
        (AGENT, True),
        (HEAD, True),
        (OTHER, True),
        (COLLEGE, False),
        (GEMBLOUX, False),
    ):
        assert (
            as_user(
                user,
                lambda: bool(api.user.has_permission("imio.municipal: Add Dossier", obj=folder)),
            )
            is allowed
        ), user
