"""Who may do what on an act, state by state (hand-written from the rules).

Acts of the finances service; demo users get their roles through groups.
The act is never visible to anonymous users, in any state (publishing
creates a separate public version).
"""

from datetime import date
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import store_deliberation
from imio.municipal.testing import as_user
from plone import api
from plone.app.textfield.value import RichTextValue

import pytest


AGENT = "namur-agent-finances"  # agent of the responsible service
OTHER = "namur-agent-urbanisme"  # agent of another service
HEAD = "namur-chef-finances"
SECRETARY = "namur-secretaire"
COLLEGE = "namur-college"
GEMBLOUX = "gembloux-agent-finances"
ANONYMOUS = None
USERS = (AGENT, OTHER, HEAD, SECRETARY, COLLEGE, GEMBLOUX, ANONYMOUS)

VALIDATED = [(HEAD, "propose", ""), (SECRETARY, "validate", "")]
ADOPTED = [*VALIDATED, (SECRETARY, "adopt", "")]
PATHS = {
    "draft": [],
    "proposed": [(HEAD, "propose", "")],
    "validated": VALIDATED,
    "postponed": [*VALIDATED, (SECRETARY, "postpone", "Dossier incomplet")],
    "refused": [*VALIDATED, (SECRETARY, "refuse", "Rejeté en séance")],
    "adopted": ADOPTED,
    "transmitted": [*ADOPTED, "pdf", (SECRETARY, "transmit", "")],
    "executory": [
        *ADOPTED,
        "pdf",
        (SECRETARY, "transmit", ""),
        "approve",
        (SECRETARY, "declare_executory", ""),
    ],
    "published": [
        *ADOPTED,
        "pdf",
        (SECRETARY, "transmit", ""),
        "approve",
        (SECRETARY, "declare_executory", ""),
        "text",
        (SECRETARY, "publish", ""),
    ],
    "annulled": [
        *ADOPTED,
        "pdf",
        (SECRETARY, "transmit", ""),
        "annul",
        (SECRETARY, "annul", "Annulé"),
    ],
}

NOBODY = {user: ("", "", "", set()) for user in USERS}


def readers(**rights):
    """The service, the secretariat and the college see it; others don't."""
    table = dict(NOBODY)
    for user in (AGENT, HEAD, SECRETARY, COLLEGE):
        table[user] = ("V", "", "", set())
    table.update(rights)
    return table


# state -> user -> (view, modify, edit the act's content, {transitions offered})
MATRIX = {
    "draft": readers(
        **{
            AGENT: ("V", "M", "C", set()),
            HEAD: ("V", "M", "C", {"propose"}),
            # The secretariat proposes the acts it writes itself.
            SECRETARY: ("V", "M", "C", {"propose"}),
        }
    ),
    "proposed": readers(
        **{
            HEAD: ("V", "M", "C", {"send_back"}),
            SECRETARY: ("V", "M", "C", {"validate", "send_back"}),
        }
    ),
    "validated": readers(
        **{
            # The head of service may still recall the proposal before the session.
            HEAD: ("V", "", "", {"send_back"}),
            SECRETARY: ("V", "M", "C", {"adopt", "refuse", "postpone", "send_back"}),
        }
    ),
    "postponed": readers(**{SECRETARY: ("V", "M", "C", {"resume"})}),
    "refused": readers(),
    "adopted": readers(**{SECRETARY: ("V", "M", "", {"transmit"})}),
    "transmitted": readers(**{SECRETARY: ("V", "M", "", set())}),
    "executory": readers(**{SECRETARY: ("V", "M", "", {"publish"})}),
    # Published: the act itself stays internal (its public version is another object).
    "published": readers(**{SECRETARY: ("V", "M", "", {"publish_erratum"})}),
    "annulled": readers(),
}


def act_in(portal, state):
    act = build_act(
        portal, title=f"Taxe {state}", matter="tax_regulation", session_date=date(2026, 10, 26)
    )
    for step in PATHS[state]:
        if step == "pdf":
            store_deliberation(act)
        elif step == "approve":
            act.tutelle_outcome = "approved"
        elif step == "text":
            # The public PDF is the deliberation: it needs the decision's text.
            act.decision = RichTextValue(
                "<p>La taxe est établie.</p>", "text/html", "text/x-html-safe"
            )
        elif step == "annul":
            act.tutelle_outcome = "annulled"
        else:
            do_transition(act, *step)
    assert api.content.get_state(act) == state
    return act


CASES = [(state, user) for state in MATRIX for user in USERS]


@pytest.mark.parametrize("state,user", CASES, ids=[f"{s}-{u or 'anonymous'}" for s, u in CASES])
def test_matrix(portal, state, user):
    act = act_in(portal, state)
    view, modify, content, transitions = MATRIX[state][user]
    workflow = api.portal.get_tool("portal_workflow")

    def facts():
        return (
            bool(api.user.has_permission("View", obj=act)),
            bool(api.user.has_permission("Modify portal content", obj=act)),
            bool(api.user.has_permission("imio.municipal: Edit act content", obj=act)),
            {t["id"] for t in workflow.getTransitionsFor(act)},
            act.UID() in [b.UID for b in api.content.find(portal_type="Act")],
        )

    can_view, can_modify, can_edit_content, offered, found = as_user(user, facts)
    assert can_view is (view == "V")
    assert can_modify is (modify == "M")
    assert can_edit_content is (content == "C")
    assert offered == transitions
    assert found is (view == "V")


def test_only_the_secretariat_may_override_the_regime(portal):
    act = build_act(portal)
    for user, allowed in ((SECRETARY, True), (AGENT, False), (HEAD, False), (COLLEGE, False)):
        assert (
            as_user(
                user,
                lambda: bool(
                    api.user.has_permission("imio.municipal: Override tutelle regime", obj=act)
                ),
            )
            is allowed
        ), user
