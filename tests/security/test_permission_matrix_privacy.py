"""The permission matrix of the data-subject requests.

The same hand-written tables as the other product types (every role, every
state, platform admins included), compared with what Zope computes, then each
demo login (the DPOs included) checked on a real request in every state. A
request is the municipality's record of a person's GDPR request: its DPO and
secretariat alone see it, nobody deletes it by hand, not even a platform admin.
"""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.privacy import requests
from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile

import importlib.util
import pytest


def _load_matrix():
    path = Path(__file__).parent / "test_permission_matrix.py"
    spec = importlib.util.spec_from_file_location("permission_matrix_for_privacy", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


matrix = _load_matrix()
matrix.ROLES["D"] = ("DataProtectionOfficer",)
roles, row = matrix.roles, matrix.row
HANDLE = "imio.municipal: Handle data-subject request"
HANDLERS = "D S"
# Not even the platform admins: the municipality is the controller of the
# person's data, and a request is never deleted, copied or re-shared by hand.
NOBODY = {p: "" for p in (*matrix.ADMIN_ONLY, matrix.ADD_FOLDER, matrix.ADD_IMAGE)}


def request_row(edit):
    return row(
        HANDLERS,
        edit=edit,
        delete="",
        review=HANDLERS,
        copy="",
        revert="",
        **NOBODY,
        **{HANDLE: edit},
    )


EXPECTED_REQUEST = {
    "received": request_row(edit=HANDLERS),
    # Answered: kept as the record of the answer, changed by nobody.
    "answered": request_row(edit=""),
}

LOGINS = (*matrix.LOGINS, "namur-dpo", "gembloux-dpo")
# Local roles on the municipality reach the request (a DPO is also one of
# its staff, which opens nothing here); the DPO who recorded it is its Owner,
# which opens nothing more.
matrix.LOGIN_ROLES["request"] = matrix.LOGIN_ROLES["Municipality"] | {"namur-dpo": "St D O"}


@pytest.fixture
def subject_request(portal):
    with api.env.adopt_user(username="namur-dpo"):
        recorded = requests.record(
            portal["namur"],
            {
                "kind": "access",
                "requester": "Marie Dupont",
                "niss": "85073003328",
                "received_date": (belgian_today() - timedelta(days=2)).isoformat(),
            },
        )
        summary = api.content.create(
            container=recorded,
            type="File",
            id="resume",
            title="Résumé",
            file=NamedBlobFile(b"%PDF-1.7\n", filename="resume.pdf"),
        )
    return recorded, summary


def test_every_request_state_is_in_the_table(portal):
    tool = api.portal.get_tool("portal_workflow")
    (workflow_id,) = tool.getChainForPortalType("DataSubjectRequest")
    states = tool.getWorkflowById(workflow_id).states.objectIds()
    assert sorted(states) == sorted(EXPECTED_REQUEST)


def test_request_matrix(portal, subject_request):
    request, summary = subject_request
    found = {}
    for state, expected in EXPECTED_REQUEST.items():
        matrix.force_state(request, state)
        wrong = matrix.mismatches(request, expected)
        # The attached summary has no workflow: it follows its request.
        wrong |= {
            f"File: {key}": value
            for key, value in matrix.mismatches(
                summary, {p: expected[p] for p in matrix.FOLLOWED}
            ).items()
        }
        found[state] = wrong
        found[f"{state} owner"] = matrix.owner_undecided(portal, request, expected)
    assert found == {key: ({} if " " not in key else []) for key in found}


@pytest.mark.parametrize("login", LOGINS, ids=[login or "anonymous" for login in LOGINS])
def test_demo_logins_on_a_request_in_every_state(portal, subject_request, login):
    request, _summary = subject_request
    for state, table in EXPECTED_REQUEST.items():
        matrix.force_state(request, state)
        held = matrix.roles_of(login, request)
        assert held == matrix.expected_roles("request", login), (login, sorted(held))
        matrix.check_login(login, "request", request, table)
