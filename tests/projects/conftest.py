"""A third municipality, for partners that come and go."""

from imio.municipal.demo.site import add_demo_municipality
from plone import api

import pytest
import transaction


ANDENNE = {
    "id": "andenne",
    "title": "Andenne",
    "description": "Ville d'Andenne.",
    "ins_code": "92003",
    "bce_number": "0207.332.253",
}


def _add_andenne(portal):
    with api.env.adopt_roles(["Manager"]):
        add_demo_municipality(portal, dict(ANDENNE))
    return portal["andenne"]


@pytest.fixture
def andenne(portal):
    return _add_andenne(portal)


@pytest.fixture
def andenne_committed(functional_portal):
    transaction.begin()  # see what the REST calls before committed
    municipality = _add_andenne(functional_portal)
    transaction.commit()
    return municipality
