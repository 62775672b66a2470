"""The permission matrix of the sessions: SessionFolder, Session and Mandate.

The same hand-written tables as the other product types (every role, every
state, platform admins included), compared with what Zope computes, then each
demo login checked on real objects in every state.
"""

from datetime import date
from imio.municipal.demo.sessions import build_mandate
from imio.municipal.demo.sessions import build_session
from pathlib import Path

import importlib.util
import pytest


def _load_matrix():
    path = Path(__file__).parent / "test_permission_matrix.py"
    spec = importlib.util.spec_from_file_location("permission_matrix_for_sessions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


matrix = _load_matrix()
matrix.ROLES["B"] = ("SessionMember",)
roles, row, folder_row = matrix.roles, matrix.row, matrix.folder_row
HOLD = "imio.municipal: Hold session"
MINUTES = "imio.municipal: Manage minutes"
ADD_SESSION = "imio.municipal: Add Session"
ADD_MANDATE = "imio.municipal: Add Mandate"

# The sessions folder is an internal folder: agents see it, the secretariat
# alone adds sessions and mandates; nobody holds a session on the folder.
EXPECTED_SESSION_FOLDER = matrix.INTERNAL_FOLDER | {
    ADD_SESSION: roles("A S"),
    ADD_MANDATE: roles("A S"),
    HOLD: roles("A"),
    MINUTES: roles("A"),
}


def session_row(see, work, delete="", minutes=""):
    # Once closed, a session is frozen for everyone, platform admins included;
    # once convened, it is part of the record and never deleted.
    return row(
        see,
        edit=work,
        delete=delete,
        review="A S",
        copy="A",
        **{HOLD: work, MINUTES: minutes, matrix.ADD_FILE: work, matrix.ADD_IMAGE: work},
    )


MEMBERS = "A S C B"
EXPECTED_SESSION = {
    "preparation": session_row("A S", work="A S", delete="A S"),
    "convened": session_row(MEMBERS, work="A S"),
    "in_session": session_row(MEMBERS, work="A S"),
    # The minutes are generated while closed; once approved they are frozen.
    "closed": session_row(MEMBERS, work="", minutes="A S"),
    "minutes_approved": session_row(MEMBERS, work=""),
}
# A mandate is kept by the secretariat; only platform admins delete one.
EXPECTED_MANDATE = {
    "recorded": row(
        "A S C St",
        edit="A S",
        add="A",
        review="A S",
        **{matrix.ADD_FILE: "A", matrix.ADD_IMAGE: "A"},
    ),
}
EXPECTED_CONTENT = {"Session": EXPECTED_SESSION, "Mandate": EXPECTED_MANDATE}

# The roles of the demo logins on the sessions folder, a session (created by
# the secretariat; namur-college sits in the college) and a mandate.
# Agents add nothing in the sessions folder: they hold only MunicipalStaff there.
matrix.LOGIN_ROLES["SessionFolder"] = matrix.LOGIN_ROLES["Municipality"]
matrix.LOGIN_ROLES["session"] = {
    "namur-agent-urbanisme": "St",
    "namur-chef-urbanisme": "St",
    "namur-agent-travaux": "St",
    "namur-agent-finances": "St",
    "namur-chef-finances": "St",
    "namur-secretaire": "St S O",
    "namur-college": "St C B",
}
matrix.LOGIN_ROLES["mandate"] = matrix.LOGIN_ROLES["session"] | {"namur-college": "St C"}


@pytest.fixture
def session_objects(portal):
    session = build_session(portal, session_date=date(2026, 3, 2), start_time="09:00")
    mandate = build_mandate(portal, person="Claire Fictive", office="conseiller")
    return {"Session": session, "Mandate": mandate}


def test_every_session_state_is_in_the_table(portal):
    tool = matrix.api.portal.get_tool("portal_workflow")
    for portal_type, table in EXPECTED_CONTENT.items():
        (workflow_id,) = tool.getChainForPortalType(portal_type)
        states = tool.getWorkflowById(workflow_id).states.objectIds()
        assert sorted(states) == sorted(table), portal_type


def test_session_folder_matrix(portal):
    folder = portal["namur"]["seances"]
    assert matrix.mismatches(folder, EXPECTED_SESSION_FOLDER) == {}
    assert matrix.owner_undecided(portal, folder, EXPECTED_SESSION_FOLDER) == []


@pytest.mark.parametrize("portal_type", sorted(EXPECTED_CONTENT))
def test_session_content_matrix(portal, session_objects, portal_type):
    obj = session_objects[portal_type]
    found = {}
    for state, expected in EXPECTED_CONTENT[portal_type].items():
        matrix.force_state(obj, state)
        found[state] = matrix.mismatches(obj, expected)
        found[f"{state} owner"] = matrix.owner_undecided(portal, obj, expected)
    assert found == {key: ({} if " " not in key else []) for key in found}


@pytest.mark.parametrize(
    "login", matrix.LOGINS, ids=[login or "anonymous" for login in matrix.LOGINS]
)
def test_demo_logins_on_sessions_in_every_state(portal, session_objects, login):
    folder = portal["namur"]["seances"]
    matrix.check_login(login, "SessionFolder", folder, EXPECTED_SESSION_FOLDER)
    cases = (
        ("session", session_objects["Session"], EXPECTED_SESSION),
        ("mandate", session_objects["Mandate"], EXPECTED_MANDATE),
    )
    for kind, obj, states in cases:
        for state, table in states.items():
            matrix.force_state(obj, state)
            matrix.check_login(login, kind, obj, table)
