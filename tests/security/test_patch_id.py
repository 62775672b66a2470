"""REST: ``PATCH {"id": ...}`` is refused with a reason on every product type.

plone.restapi answered 204 and changed nothing (or renamed a municipality,
whose type has the short name behavior, past the move rules). Sending back
the current id, as a client does with what it read, still works.
"""

from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import build_investment
from imio.municipal.demo.builders import build_plan
from imio.municipal.demo.builders import build_project
from plone import api

import pytest
import transaction


ADMIN = "platform-admin"
KINDS = (
    "Municipality",
    "DossierFolder",
    "ActRegister",
    "InvestmentFolder",
    "PublicationFolder",
    "SharedProjectsFolder",
    "Dossier",
    "Act",
    "InvestmentPlan",
    "Investment",
    "SharedProject",
    "PublicVersion",
)


def product_object(portal, kind):
    namur = portal["namur"]
    structure = {
        "Municipality": namur,
        "DossierFolder": namur["dossiers"],
        "ActRegister": namur["actes"],
        "InvestmentFolder": namur["pic"],
        "PublicationFolder": namur["publications"],
        "SharedProjectsFolder": portal["shared-projects"],
    }
    if kind in structure:
        return structure[kind]
    if kind == "PublicVersion":
        catalog = api.portal.get_tool("portal_catalog")
        return catalog.unrestrictedSearchResults(portal_type=kind)[0]._unrestrictedGetObject()
    if kind == "Investment":
        return build_investment(build_plan(portal))
    builders = {
        "Dossier": build_dossier,
        "Act": build_act,
        "InvestmentPlan": build_plan,
        "SharedProject": build_project,
    }
    return builders[kind](portal)


@pytest.mark.parametrize("login", (ADMIN, "admin"))
@pytest.mark.parametrize("kind", KINDS)
def test_patch_of_the_id_is_refused_with_the_reason(functional_portal, api_as, kind, login):
    obj = product_object(functional_portal, kind)
    path = obj.absolute_url_path().removeprefix("/plone")
    parent, old_id = obj.__parent__, obj.getId()
    transaction.commit()
    response = api_as(login).patch(path, json={"id": "renamed"})
    assert response.status_code == 400, response.text
    assert "PATCH" in response.json()["message"] and "@move" in response.json()["message"]
    transaction.abort()
    assert old_id in parent.objectIds() and "renamed" not in parent.objectIds()


def test_patch_sending_back_the_same_id_still_works(functional_portal, api_as):
    act = build_act(functional_portal, title="Projet de convention")
    transaction.commit()
    response = api_as("namur-agent-finances").patch(
        act.absolute_url_path().removeprefix("/plone"),
        json={"id": act.getId(), "title": "Convention de partenariat"},
    )
    assert response.status_code == 204, response.text
    transaction.abort()
    assert act.Title() == "Convention de partenariat"
