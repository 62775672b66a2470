"""Creating and editing municipalities over REST: 201, or 400 with a reason."""

from plone import api

import pytest
import transaction


VALID = {
    "@type": "Municipality",
    "id": "ciney",
    "title": "Ciney",
    "ins_code": "91030",
    "bce_number": "0207.344.329",
    "services": [{"id": "urbanisme", "title": "Urbanisme"}],
}


def refusal(response) -> str:
    """The reason plone.restapi gives for a 400 (French: the site's language)."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["type"] == "BadRequest"
    return body["message"]


def portal_ids(functional_portal):
    transaction.begin()
    return functional_portal.objectIds()


def test_platform_admin_creates_a_municipality_with_its_groups(api_as, functional_portal):
    response = api_as("platform-admin").post("/", json=VALID)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["ins_code"] == "91030"
    assert body["services"] == [
        {"id": "urbanisme", "title": "Urbanisme", "email": None, "phone": None}
    ]
    assert "ciney" in portal_ids(functional_portal)
    assert api.group.get(groupname="91030_urbanisme_editors") is not None
    assert sorted(functional_portal["ciney"].objectIds()) == [
        "actes",
        "dossiers",
        "pic",
        "publications",
        "seances",
    ]


def test_secretary_cannot_create_a_municipality(api_as, functional_portal):
    response = api_as("namur-secretaire").post("/", json=VALID)
    assert response.status_code in (401, 403)
    assert "ciney" not in portal_ids(functional_portal)


@pytest.mark.parametrize(
    "change,field,reason",
    [
        # Antwerpen: not Walloon
        ({"ins_code": "11002"}, "ins_code", "11002 n'est pas le code INS d'une commune wallonne"),
        ({"ins_code": "99999"}, "ins_code", "99999 n'est pas le code INS d'une commune wallonne"),
        # Namur's
        ({"ins_code": "92094"}, "ins_code", "INS 92094 existe déjà sur la plateforme"),
        ({"bce_number": "0216.689.982"}, "bce_number", "n'est pas un numéro d'entreprise BCE"),
        (
            {"services": [{"id": "travaux", "title": "A"}, {"id": "travaux", "title": "B"}]},
            "services",
            "travaux » est utilisé deux fois",
        ),
        ({"services": [{"id": "Travaux Publics", "title": "A"}]}, "services", "minuscules"),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_saved(
    api_as, functional_portal, change, field, reason
):
    response = api_as("platform-admin").post("/", json={**VALID, **change})
    message = refusal(response)
    assert reason in message
    assert f"'field': '{field}'" in message
    assert "ciney" not in portal_ids(functional_portal)
    assert api.group.get(groupname="91030_staff") is None


def test_ins_code_cannot_be_patched(api_as, functional_portal):
    response = api_as("platform-admin").patch("/namur", json={"ins_code": "92142", "title": "X"})
    assert "ne peut plus être modifié" in refusal(response)
    transaction.begin()
    assert functional_portal["namur"].ins_code == "92094"
    assert functional_portal["namur"].title == "Namur"  # nothing half-saved


def test_duplicate_services_cannot_be_patched(api_as, functional_portal):
    services = [{"id": "travaux", "title": "A"}, {"id": "travaux", "title": "B"}]
    response = api_as("namur-secretaire").patch("/namur", json={"services": services})
    assert "utilisé deux fois" in refusal(response)
    transaction.begin()
    assert len(functional_portal["namur"].services) == 4


def test_secretary_adds_a_service_and_its_groups_appear(api_as, functional_portal):
    transaction.begin()
    services = list(functional_portal["namur"].services) + [{"id": "culture", "title": "Culture"}]
    response = api_as("namur-secretaire").patch("/namur", json={"services": services})
    assert response.status_code == 204, response.text
    transaction.begin()
    assert api.group.get(groupname="92094_culture_reviewers") is not None


def test_other_municipality_cannot_patch(api_as, functional_portal):
    response = api_as("gembloux-secretaire").patch("/namur", json={"title": "Pwned"})
    assert response.status_code == 401
    transaction.begin()
    assert functional_portal["namur"].title == "Namur"
