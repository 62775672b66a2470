"""Fuzzing the product's REST endpoints: random and malformed bodies, as
every demo role. No answer is a 5xx or carries a traceback, and a refused
request changes nothing.

Bounded for CI: few examples, derandomized (the same cases on every run).
Set FUZZ_EXAMPLES to explore more locally.
"""

from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import build_investment
from imio.municipal.demo.builders import build_plan
from imio.municipal.demo.builders import build_project
from plone.dexterity.utils import iterSchemataForType

import json
import os
import pytest
import transaction


EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ROLES = (
    None,
    "namur-agent-urbanisme",
    "namur-agent-finances",
    "namur-chef-urbanisme",
    "namur-secretaire",
    "gembloux-secretaire",
    "admin",
)
CONTAINERS = {
    "Dossier": "/namur/dossiers",
    "Act": "/namur/actes",
    "InvestmentPlan": "/namur/pic",
    "Investment": None,  # in the plan built by the fixture
    "SharedProject": "/shared-projects",
    "Municipality": "",
}
TRANSITIONS = (
    "receive",
    "declare_complete",
    "propose",
    "validate",
    "adopt",
    "declare_executory",
    "publish",
    "transmit",
    "decide",
    "close",
    "withdraw",
    "send_back",
    "approve",
    "submit",
    "retract",
)
MALFORMED = (b"{", b"[1, 2]", b'"x"', b"null", b"42", b"\xff\xfe", b'{"@type": 1}', b"{}" * 3)

# 500s left to other changes, skipped meanwhile: (method, type or service, a
# field of the body), e.g. ("POST", "Act", "signatories"). Empty: every case
# found so far answers 400.
KNOWN: set[tuple[str, str, str]] = set()

json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(["", " ", "2026-02-30", "2026-10-26", "x" * 5000, "<script>", "../.."]),
)
json_values = st.recursive(
    json_leaves,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)


def field_names(portal_type):
    return sorted({name for schema in iterSchemataForType(portal_type) for name in schema})


def bodies(names):
    """A JSON object of some of the type's fields (and a stranger), or raw bytes."""
    fields = st.dictionaries(
        st.sampled_from([*names, "@type", "id", "UID"]), json_values, max_size=5
    )
    as_json = fields.map(lambda data: json.dumps(data).encode("utf-8"))
    return st.one_of(as_json, as_json, st.sampled_from(MALFORMED), st.binary(max_size=30))


@pytest.fixture
def objects(functional_portal):
    """One object of each type, by URL path."""
    plan = build_plan(functional_portal)
    found = {
        "Dossier": build_dossier(functional_portal),
        "Act": build_act(functional_portal),
        "InvestmentPlan": plan,
        "Investment": build_investment(plan),
        "SharedProject": build_project(functional_portal),
        "Municipality": functional_portal["namur"],
    }
    transaction.commit()
    site = functional_portal.absolute_url()
    return {name: obj.absolute_url()[len(site) :] for name, obj in found.items()}


@pytest.fixture
def fuzz(functional_portal, api_as):
    sessions = {role: api_as(role) for role in ROLES}
    catalog = functional_portal.portal_catalog

    def state():
        transaction.begin()
        return (catalog.getCounter(), len(catalog))

    def send(role, method, path, body=None, known=None):
        before = state()
        headers = {"Content-Type": "application/json"} if body is not None else {}
        response = sessions[role].request(method, path, data=body, headers=headers)
        if response.status_code >= 500 and KNOWN.intersection(known or ()):
            return response
        request = f"{role} {method} {path} {body!r:.300}"
        assert response.status_code < 500, (
            f"{request} -> {response.status_code} {response.text[:500]}"
        )
        assert "Traceback" not in response.text and '"traceback"' not in response.text, request
        if response.status_code >= 400:
            assert state() == before, f"{request} refused ({response.status_code}) but changed data"
        return response

    return send


def known_key(method, kind, body):
    """The KNOWN keys a request may match: one per field of its body."""
    try:
        data = json.loads(body)
    except (ValueError, TypeError):
        return []
    return [(method, kind, name) for name in data] if isinstance(data, dict) else []


@pytest.mark.parametrize("portal_type", sorted(CONTAINERS))
def test_create(fuzz, objects, portal_type):
    names = field_names(portal_type)
    container = CONTAINERS[portal_type]
    if container is None:
        container = objects["InvestmentPlan"]

    @FUZZ
    @given(role=st.sampled_from(ROLES), body=bodies(names), keep_type=st.booleans())
    def create(role, body, keep_type):
        if keep_type:
            try:
                data = json.loads(body)
            except ValueError:
                data = None
            if isinstance(data, dict):
                data["@type"] = portal_type
                body = json.dumps(data).encode("utf-8")
        fuzz(role, "POST", container or "/", body, known_key("POST", portal_type, body))

    create()


@pytest.mark.parametrize("portal_type", sorted(CONTAINERS))
def test_patch(fuzz, objects, portal_type):
    names = field_names(portal_type)

    @FUZZ
    @given(role=st.sampled_from(ROLES), body=bodies(names))
    def patch(role, body):
        fuzz(role, "PATCH", objects[portal_type], body, known_key("PATCH", portal_type, body))

    patch()


@pytest.mark.parametrize("portal_type", ["Dossier", "Act", "InvestmentPlan", "SharedProject"])
def test_workflow(fuzz, objects, portal_type):
    @FUZZ
    @given(
        role=st.sampled_from(ROLES),
        transition=st.sampled_from(TRANSITIONS) | st.text(max_size=12),
        body=bodies(["comment", "effective", "expires", "include_children"]),
    )
    def transition(role, transition, body):
        path = f"{objects[portal_type]}/@workflow/{transition}"
        fuzz(role, "POST", path, body, known_key("POST", "@workflow", body))

    transition()


SERVICES = (
    ("GET", "SharedProject", "@approving-act"),
    ("POST", "SharedProject", "@approving-act"),
    ("GET", "Act", "@publication"),
    ("POST", "Act", "@publication"),
    ("GET", "Dossier", "@documents"),
    ("GET", "Act", "@documents"),
    ("POST", "Act", "@store-deliberation"),
)


@pytest.mark.parametrize("method,portal_type,service", SERVICES)
def test_product_services(fuzz, objects, method, portal_type, service):
    @FUZZ
    @given(
        role=st.sampled_from(ROLES),
        body=bodies(["act", "uid", "choices", "decisions", "url", "persons", "format"]),
    )
    def call(role, body):
        path = f"{objects[portal_type]}/{service}"
        if method == "GET":
            body = None
        fuzz(role, method, path, body, known_key(method, service, body))

    call()


@pytest.mark.parametrize(
    "role,method,portal_type,body",
    [
        # Found by this file (more examples): each was a 500.
        ("namur-agent-urbanisme", "POST", "Act", {"body": [], "@type": "Act"}),
        ("namur-agent-urbanisme", "POST", "Dossier", {"assigned_agent": [], "@type": "Dossier"}),
        ("namur-agent-finances", "POST", "InvestmentPlan", {"@type": 1}),
        ("admin", "POST", "Municipality", {"ins_code": [], "@type": "Municipality"}),
        ("admin", "POST", "Municipality", {"ins_code": {"token": {}}, "@type": "Municipality"}),
        ("namur-agent-finances", "PATCH", "InvestmentPlan", {"period": []}),
        ("admin", "PATCH", "Municipality", {"etutelle_transport": []}),
        ("admin", "PATCH", "SharedProject", {"approving_acts": {}}),
        ("namur-agent-finances", "POST", "Investment", {"category": {}, "@type": "Investment"}),
        ("admin", "PATCH", "Municipality", {"etutelle_transport": {}}),
        ("namur-agent-finances", "PATCH", "InvestmentPlan", {"approving_act": {}}),
        (
            "namur-agent-finances",
            "POST",
            "Investment",
            {"eligible_amount": {}, "@type": "Investment"},
        ),
        ("namur-agent-finances", "PATCH", "Investment", {"eligible_amount": "beaucoup"}),
        ("namur-secretaire", "PATCH", "SharedProject", {"budget_total": "NaN"}),
        ("namur-secretaire", "PATCH", "SharedProject", {"milestones": False}),
        ("namur-agent-urbanisme", "POST", "Act", {"signatories": [None], "@type": "Act"}),
        ("namur-agent-urbanisme", "POST", "Dossier", {"applicants": False, "@type": "Dossier"}),
    ],
)
def test_found_cases(fuzz, objects, role, method, portal_type, body):
    path = objects[portal_type] if method == "PATCH" else CONTAINERS[portal_type]
    if portal_type == "Investment" and method == "POST":
        path = objects["InvestmentPlan"]
    response = fuzz(role, method, path or "/", json.dumps(body).encode("utf-8"))
    assert response.status_code == 400, response.text
