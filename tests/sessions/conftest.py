"""A small fictitious composition of Namur's college and council, and helpers."""

from datetime import date
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_mandate
from imio.municipal.interfaces import IImioMunicipalLayer
from plone import api
from plone.protect.authenticator import createToken
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import pytest


SECRETARY = "namur-secretaire"

COLLEGE = [
    ("Alice Fictive", "bourgmestre", None),
    ("Bruno Imaginaire", "echevin", 1),
    ("Chloé Exemple", "echevin", 2),
    ("David Modèle", "president_cpas", None),
]
COUNCILLORS = [f"Conseiller Fictif {n}" for n in range(1, 8)]


def set_aside_demo_mandates(portal, city="namur"):
    """The tests compose small assemblies of their own."""
    folder = portal[city]["seances"]
    demo = [obj.getId() for obj in folder.objectValues() if obj.portal_type == "Mandate"]
    with api.env.adopt_roles(["Manager"]):
        folder.manage_delObjects(demo)


@pytest.fixture
def members(portal):
    """{person: mandate UID}: 4 college members who also sit in the council,
    7 more councillors (a council of 11: quorum 6) and the directeur général.
    The demo's own composition of Namur is set aside first."""
    set_aside_demo_mandates(portal)
    uids = {}
    for person, function, rank in COLLEGE:
        mandate = build_mandate(portal, person=person, office=function, rank=rank)
        uids[person] = mandate.UID()
    for person in COUNCILLORS:
        uids[person] = build_mandate(portal, person=person, office="conseiller").UID()
    uids["DG"] = build_mandate(portal, person="Directeur Fictif", office="directeur_general").UID()
    ended = build_mandate(
        portal, person="Ancien Conseiller", office="conseiller", end=date(2025, 1, 31)
    )
    uids["ended"] = ended.UID()
    return uids


@pytest.fixture
def request_(integration):
    """The test request, with the product's browser layer (the session's page)."""
    request = integration["request"]
    alsoProvides(request, IImioMunicipalLayer)
    return request


@pytest.fixture
def validated_act(portal):
    """A builder of validated acts: ``validated_act("Title", body="conseil")``."""

    def build(title, body="college", municipality="namur"):
        fields = {"kind": "college_decision"} if body == "college" else {}
        act = build_act(portal, municipality=municipality, title=title, body=body, **fields)
        do_transition(act, f"{municipality}-chef-finances", "propose")
        do_transition(act, f"{municipality}-secretaire", "validate")
        return act

    return build


@pytest.fixture
def as_secretary():
    """Run a session function as the secretariat."""

    def run(function, *args, **kwargs):
        with api.env.adopt_user(username=SECRETARY):
            return function(*args, **kwargs)

    return run


def post(session, request, user=SECRETARY, token=True, **form):
    """The session's page as the browser posts its forms: (view, html)."""
    with api.env.adopt_user(username=user):
        request.method = "POST"
        request.form.clear()
        request.form.update(form)
        if token:
            request.form["_authenticator"] = createToken()
        view = getMultiAdapter((session, request), name="view")
        html = view()
        return view, html


def render(session, request, user=SECRETARY):
    with api.env.adopt_user(username=user):
        request.method = "GET"
        request.form.clear()
        return getMultiAdapter((session, request), name="view")()
