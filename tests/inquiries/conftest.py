"""Fixtures of the public inquiries: a Namur permit case file under
examination, with a publishable (masked) plan and a confidential piece."""

from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile

import importlib.util
import pytest


def _load_counter_helpers():
    path = Path(__file__).parents[1] / "counter" / "counter_helpers.py"
    spec = importlib.util.spec_from_file_location("inquiry_counter_helpers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


helpers = _load_counter_helpers()
AGENT = "namur-agent-urbanisme"
PLAN_TEXT = b"%PDF-1.4 plan masque"


def examined_dossier(portal, user=AGENT):
    dossier = build_dossier(
        portal,
        title="Immeuble de quatre logements",
        location_address="Rue de Fer 12\n5000 Namur",
    )
    do_transition(dossier, user, "receive")
    do_transition(dossier, user, "declare_complete")
    with api.env.adopt_user(username=user):
        api.content.create(
            container=dossier,
            type="File",
            id="plan-masque",
            title="Plan d'implantation (masqué)",
            file=NamedBlobFile(data=PLAN_TEXT, contentType="application/pdf", filename="plan.pdf"),
            annex_category="plan",
            publishable=True,
        )
        api.content.create(
            container=dossier,
            type="File",
            id="carte-identite",
            title="Carte d'identité du demandeur",
            file=NamedBlobFile(
                data=b"%PDF-1.4 id", contentType="application/pdf", filename="id.pdf"
            ),
            annex_category="other",
            confidential=True,
        )
    return dossier


@pytest.fixture
def dossier(portal):
    return examined_dossier(portal)


@pytest.fixture
def marie(portal):
    return helpers.make_citizen(helpers.MARIE)


@pytest.fixture
def luc(portal):
    return helpers.make_citizen(helpers.LUC)
