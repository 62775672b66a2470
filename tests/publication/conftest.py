"""Fixtures of the publication tests: a local timestamp authority and an
executory act naming private persons (the canaries that must never leak)."""

from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import executory_act
from imio.municipal.publication.sections import current_version
from imio.municipal.testing import require_libreoffice
from plone.app.textfield.value import RichTextValue

import pytest
import transaction


SECRETARY = "namur-secretaire"
NISS = "85.07.30-033.28"
APPLICANT = "Gaëtane Vandermeulen"
APPLICANT_ADDRESS = "rue des Brasseurs 12, 5000 Namur"
MOTIVATION = (
    "<p>Vu la demande de Madame {name}, domiciliée {address} (NISS {niss}), "
    "joignable au 0475 12 34 56 ;</p>"
    "<p>Vu l'article L1133-1 du Code de la démocratie locale ;</p>"
    "<p>Considérant que la redevance s'élève à 1 234,56 € ;</p>"
)
DECISION = "<p>Article 1er. La demande de Madame {surname} est accordée.</p>"


@pytest.fixture
def no_timestamps(monkeypatch):
    monkeypatch.delenv("IMIO_MUNICIPAL_TSA_URL", raising=False)
    monkeypatch.delenv("IMIO_MUNICIPAL_TSA_ROOT", raising=False)


def make_act(portal, title="Règlement relatif aux terrasses", **fields):
    fields.setdefault("is_regulation", True)
    fields.setdefault("persons_concerned", f"{APPLICANT}, {APPLICANT_ADDRESS}")
    fields.setdefault(
        "motivation",
        RichTextValue(
            MOTIVATION.format(name=APPLICANT, address=APPLICANT_ADDRESS, niss=NISS),
            "text/html",
            "text/x-html-safe",
        ),
    )
    fields.setdefault(
        "decision",
        RichTextValue(
            DECISION.format(surname=APPLICANT.split()[-1]), "text/html", "text/x-html-safe"
        ),
    )
    fields.setdefault(
        "signatories",
        [
            {"function": "Le Directeur général", "name": "Laurent Vercruysse"},
            {"function": "Le Bourgmestre", "name": "Maxence Hérion"},
        ],
    )
    return executory_act(portal, title=title, **fields)


@pytest.fixture
def act(portal, integration):
    require_libreoffice(integration)
    return make_act(portal)


class Canaries:
    """What must never reach an anonymous visitor (and the user who publishes)."""

    SECRETARY = SECRETARY
    NISS = NISS
    APPLICANT = APPLICANT


@pytest.fixture
def canaries():
    return Canaries


@pytest.fixture
def act_factory():
    """``act_factory(portal, title=…)``: another executory act naming the applicant."""
    return make_act


@pytest.fixture
def published(functional, functional_portal, act_factory, timestamps):
    require_libreoffice(functional)
    act = act_factory(functional_portal)
    do_transition(act, SECRETARY, "publish")
    transaction.commit()
    return current_version(act)
