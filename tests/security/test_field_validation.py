"""Bad input answers 400 with a reason, never 500 nor a silent no-op, and
nothing is half-saved: case files, acts, plans, projects, municipalities."""

from datetime import date
from imio.municipal.acts.content import IActSchema
from imio.municipal.dossiers.content import IDossierSchema
from imio.municipal.pic.content import IInvestmentPlanSchema
from imio.municipal.platform.validators import MunicipalValidationError
from plone import api
from plone.app.dexterity.behaviors.metadata import IBasic
from z3c.form.interfaces import IValidator
from zope.component import getMultiAdapter

import pytest
import transaction


DOSSIER = {
    "@type": "Dossier",
    "title": "Construction d'un car-port",
    "procedure": "pu",
    "responsible_service": "urbanisme",
    "applicants": [{"kind": "person", "name": "Anne Dupont", "niss": "85.07.30-033.28"}],
    "received_date": "2026-03-02",
}
ACT = {
    "@type": "Act",
    "title": "Règlement-taxe sur les secondes résidences",
    "kind": "deliberation",
    "body": "conseil",
    "matter": "tax_regulation",
    "responsible_service": "finances",
    "session_date": "2026-10-26",
}
PLAN = {
    "@type": "InvestmentPlan",
    "title": "PIC 2025-2027",
    "period": "2025-2027",
    "envelope": "1250000.5",
    "responsible_service": "finances",
}
NAMUR, GEMBLOUX = "92094", "92142"
PROJECT = {
    "@type": "SharedProject",
    "title": "Maison de l'emploi Namur-Gembloux",
    "lead_municipality": NAMUR,
    "partners": [GEMBLOUX],
    "budget_total": "300000",
    "shares": [
        {"ins_code": NAMUR, "percent": "50"},
        {"ins_code": GEMBLOUX, "percent": "50"},
    ],
}
MEGABYTE = "x" * 1_000_000
HTML_10MB = {"data": "<p>" + "y" * 10_000_000 + "</p>", "content-type": "text/html"}


def reason(response) -> str:
    assert response.status_code == 400, (response.status_code, response.text[:500])
    return response.json()["message"]


def count(functional_portal, *path) -> int:
    transaction.begin()  # see what the REST calls committed
    folder = functional_portal
    for name in path:
        folder = folder[name]
    return len(folder.objectIds())


@pytest.mark.parametrize(
    "change,expected",
    [
        ({"applicants": "x"}, "x"),
        ({"applicants": [1, 2]}, "1"),
        ({"applicants": [{"kind": "person", "name": MEGABYTE}]}, "300"),
        ({"applicants": [dict(DOSSIER["applicants"][0])] * 201}, "200"),
        ({"location_address": MEGABYTE}, "1000"),
        ({"received_date": "2030-01-02"}, "02/01/2030"),  # dates in Belgian format
        ({"received_date": "1800-01-01"}, "1977"),
        ({"received_date": 20260302}, "received_date"),
        ({"parcels": "92094A0123/00B000" * 3}, "92094A0123/00B000"),
        ({"missing_pieces": ["x"] * 201}, "200"),
        ({"reference": "2026/PU/0001"}, "référence"),
        ({"decision_deadline": "2026-05-01"}, "échéances"),
    ],
)
def test_bad_case_files_are_refused(api_as, functional_portal, change, expected):
    before = count(functional_portal, "namur", "dossiers")
    response = api_as("namur-agent-urbanisme").post("/namur/dossiers", json={**DOSSIER, **change})
    assert expected in reason(response)
    assert count(functional_portal, "namur", "dossiers") == before


def test_a_case_file_patch_changes_all_or_nothing(api_as):
    agent = api_as("namur-agent-urbanisme")
    url = agent.post("/namur/dossiers", json=DOSSIER).json()["@id"]
    response = agent.patch(url, json={"title": "Autre", "applicants": "x"})
    assert reason(response)
    assert agent.get(url).json()["title"] == DOSSIER["title"]
    for change in ({"reference": "2000/PU/1"}, {"received_date": "2999-01-01"}):
        assert reason(agent.patch(url, json=change))
    assert agent.get(url).json()["received_date"] == DOSSIER["received_date"]


@pytest.mark.parametrize(
    "login,path,payload,service",
    [
        ("namur-agent-travaux", "dossiers", DOSSIER, "urbanisme"),
        ("namur-agent-travaux", "actes", ACT, "finances"),
        ("namur-agent-urbanisme", "pic", PLAN, "finances"),
    ],
)
def test_work_goes_to_one_of_its_authors_services(
    api_as, functional_portal, login, path, payload, service
):
    before = count(functional_portal, "namur", path)
    response = api_as(login).post(
        f"/namur/{path}", json={**payload, "responsible_service": service}
    )
    # services are named by their title (« Finances »), never their id
    assert f"« {service.capitalize()} »" in reason(response)
    assert count(functional_portal, "namur", path) == before
    # The secretariat routes work to any service.
    response = api_as("namur-secretaire").post(f"/namur/{path}", json=payload)
    assert response.status_code == 201, response.text


def test_an_agent_does_not_hand_a_file_to_another_service(api_as):
    agent = api_as("namur-agent-urbanisme")
    url = agent.post("/namur/dossiers", json=DOSSIER).json()["@id"]
    assert "« Travaux »" in reason(agent.patch(url, json={"responsible_service": "travaux"}))
    assert agent.get(url).json()["responsible_service"]["token"] == "urbanisme"
    # Sending the same service back is fine.
    assert agent.patch(url, json={"responsible_service": "urbanisme"}).status_code == 204


@pytest.mark.parametrize(
    "change,expected",
    [
        ({"signatories": "x"}, "x"),
        ({"signatories": [{"name": "A", "function": "B"}, 7]}, "7"),
        ({"session_date": "1800-01-01"}, "1977"),
        ({"session_date": "2999-01-01"}, "01/01/2999"),
        ({"decision": HTML_10MB}, "200000"),
        ({"decision": 12}, "12"),
        ({"legal_basis": MEGABYTE}, "10000"),
        ({"number": "2026/conseil/0001"}, "adoption"),
        ({"tutelle_regime": "none"}, "regime_override"),
    ],
)
def test_bad_acts_are_refused(api_as, functional_portal, change, expected):
    before = count(functional_portal, "namur", "actes")
    response = api_as("namur-secretaire").post("/namur/actes", json={**ACT, **change})
    assert expected in reason(response)
    assert count(functional_portal, "namur", "actes") == before


@pytest.mark.parametrize("login", ("namur-secretaire", "admin", "platform-admin"))
def test_number_and_regime_are_never_typed(api_as, login):
    url = api_as("namur-agent-finances").post("/namur/actes", json=ACT).json()["@id"]
    session = api_as(login)
    assert "adoption" in reason(session.patch(url, json={"number": "2026/conseil/0001"}))
    assert "regime_override" in reason(session.patch(url, json={"tutelle_regime": "none"}))
    body = session.get(url).json()
    assert body["number"] is None and body["tutelle_regime"] == "approval"
    # What was read may be sent back as it is.
    response = session.patch(url, json={"number": None, "tutelle_regime": "approval"})
    assert response.status_code == 204, response.text


@pytest.mark.parametrize(
    "change,expected",
    [
        ({"envelope": "abc"}, "abc"),
        ({"envelope": [1, 2]}, "[1, 2]"),
        ({"subsidy_rate": {"x": 1}}, "x"),
        ({"responsible_service": ["finances"]}, "finances"),
    ],
)
def test_bad_plans_are_refused(api_as, functional_portal, change, expected):
    before = count(functional_portal, "namur", "pic")
    response = api_as("namur-agent-finances").post("/namur/pic", json={**PLAN, **change})
    assert expected in reason(response)
    assert count(functional_portal, "namur", "pic") == before


def test_bad_investments_are_refused(api_as):
    agent = api_as("namur-agent-finances")
    plan = agent.post("/namur/pic", json=PLAN).json()["@id"]
    investment = {"@type": "Investment", "title": "Égouttage", "estimate_incl_vat": "500000"}
    for change, expected in (
        ({"estimate_incl_vat": "1,2,3"}, "1,2,3"),
        ({"location": MEGABYTE}, "300"),
        ({"subsidy": "1"}, "subside"),
    ):
        assert expected in reason(agent.post(plan, json={**investment, **change}))
    assert agent.get(plan).json()["items_total"] == 0


@pytest.mark.parametrize(
    "change,expected",
    [
        ({"shares": "x"}, "x"),
        ({"shares": [1]}, "1"),
        ({"milestones": [{"title": "Signature", "due": "3000-01-01", "done": False}]}, "3000"),
        ({"milestones": [{"title": MEGABYTE, "due": None, "done": False}]}, "300"),
        ({"objectives": MEGABYTE}, "10000"),
        ({"budget_total": "beaucoup"}, "beaucoup"),
    ],
)
def test_bad_projects_are_refused(api_as, functional_portal, change, expected):
    before = count(functional_portal, "shared-projects")
    response = api_as("namur-secretaire").post("/shared-projects", json={**PROJECT, **change})
    assert expected in reason(response)
    assert count(functional_portal, "shared-projects") == before


@pytest.mark.parametrize("login", ("namur-secretaire", "admin"))
def test_bad_municipality_input_is_refused(api_as, login):
    session = api_as(login)
    before = session.get("/namur").json()
    for change, expected in (
        ({"address": MEGABYTE}, "1000"),
        ({"services": "x"}, "x"),
        ({"services": [{"id": "urbanisme", "title": MEGABYTE}]}, "300"),
    ):
        assert expected in reason(session.patch("/namur", json=change))
    after = session.get("/namur").json()
    assert after["address"] == before["address"] and after["services"] == before["services"]


def test_refusals_speak_french(api_as):
    response = api_as("namur-secretaire").post("/namur/actes", json={**ACT, "number": "1"})
    assert "adoption" in reason(response)
    assert "attribué" in reason(response), reason(response)


def form_validator(context, field):
    """The validator z3c.form runs for ``field`` in a form on ``context``."""
    request = context.REQUEST
    return getMultiAdapter((context, request, None, field, None), IValidator)


@pytest.mark.parametrize(
    "path,schema",
    [("dossiers", IDossierSchema), ("actes", IActSchema), ("pic", IInvestmentPlanSchema)],
)
def test_the_add_forms_route_work_to_ones_own_services(portal, path, schema):
    validator = form_validator(portal["namur"][path], schema["responsible_service"])
    with api.env.adopt_user("namur-agent-travaux"):
        with pytest.raises(MunicipalValidationError) as refused:
            validator.validate("urbanisme")
        assert "Travaux" in str(refused.value.message.mapping["allowed"])
        validator.validate("travaux")
    with api.env.adopt_user("namur-secretaire"):
        validator.validate("urbanisme")


def test_the_add_form_takes_no_answer_of_the_authority(portal):
    validator = form_validator(portal["namur"]["actes"], IActSchema["tutelle_receipt_date"])
    with api.env.adopt_user("namur-secretaire"):
        with pytest.raises(MunicipalValidationError):
            validator.validate(date(2026, 10, 28))
        validator.validate(None)


@pytest.mark.parametrize(
    "path,payload,login",
    [
        ("/namur/dossiers", DOSSIER, "namur-agent-urbanisme"),
        ("/namur/actes", ACT, "namur-secretaire"),
        ("/namur/pic", PLAN, "namur-agent-finances"),
        ("/shared-projects", PROJECT, "namur-secretaire"),
    ],
)
def test_titles_and_descriptions_are_bounded(api_as, path, payload, login):
    session = api_as(login)
    assert "title" in reason(session.post(path, json={**payload, "title": MEGABYTE}))
    assert "description" in reason(session.post(path, json={**payload, "description": MEGABYTE}))


def test_the_forms_bound_titles(portal):
    validator = form_validator(portal["namur"]["dossiers"], IBasic["title"])
    with pytest.raises(MunicipalValidationError):
        validator.validate("x" * 301)
    validator.validate("x" * 300)
