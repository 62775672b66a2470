"""The tutelle expiry job's rules and e-mail (no Plone site needed)."""

from datetime import date
from imio.municipal.jobs import tutelle as tutelle_job
from imio.municipal.jobs.tutelle import ActItem
from imio.municipal.jobs.tutelle import EXPIRE
from imio.municipal.jobs.tutelle import expiry_comment
from imio.municipal.jobs.tutelle import expiry_status
from imio.municipal.jobs.tutelle import NO_DEADLINE
from imio.municipal.jobs.tutelle import NO_RECEIPT
from imio.municipal.jobs.tutelle import render_mail

import doctest
import pytest


RECEIVED = date(2026, 10, 2)
DEADLINE = date(2026, 11, 3)  # 2 October + 30, moved past 1 and 2 November (CDLD list)
TODAY = date(2026, 11, 28)


def item(number, title, deadline=DEADLINE, received=RECEIVED, transmitted=date(2026, 9, 30)):
    return ActItem(
        municipality="namur",
        url=f"https://plateforme.example.be/namur/actes/{title.lower()}",
        number=number,
        title=title,
        deadline=deadline,
        receipt_date=received,
        transmission_date=transmitted,
    )


@pytest.mark.parametrize(
    "regime, outcome, received, deadline, today, expected",
    [
        ("approval", None, RECEIVED, DEADLINE, date(2026, 11, 4), EXPIRE),
        # The last day still counts.
        ("approval", None, RECEIVED, DEADLINE, DEADLINE, None),
        ("approval", None, RECEIVED, DEADLINE, date(2026, 10, 20), None),
        # An outcome recorded: the secretariat decides what follows.
        ("approval", "approved", RECEIVED, DEADLINE, TODAY, None),
        ("approval", "not_approved", RECEIVED, DEADLINE, TODAY, None),
        ("approval", "executory_by_expiry", RECEIVED, DEADLINE, TODAY, None),
        # Other regimes: executory on transmission, or nothing transmitted.
        ("general", None, RECEIVED, DEADLINE, TODAY, None),
        ("none", None, None, None, TODAY, None),
        (None, None, None, None, TODAY, None),
        # No receipt date, no deadline: a warning, never executory.
        ("approval", None, None, None, TODAY, NO_RECEIPT),
        ("approval", None, None, DEADLINE, TODAY, NO_RECEIPT),
        ("approval", None, RECEIVED, None, TODAY, NO_DEADLINE),
    ],
)
def test_expiry_status(regime, outcome, received, deadline, today, expected):
    assert expiry_status(regime, outcome, received, deadline, today) == expected


def test_expiry_comment():
    assert expiry_comment(date(2026, 3, 4)) == (
        "Exécutoire : délai de tutelle expiré le 04/03/2026 sans décision de l'autorité."
    )


def test_mail_of_several_acts_with_warnings():
    executory = [item("2026/conseil/4", "Taxe"), item("2026/conseil/7", "Redevance")]
    unreceived = [item("2026/conseil/9", "Budget", deadline=None, received=None)]
    no_deadline = [item("2026/conseil/11", "Comptes", deadline=None)]
    subject, body = render_mail(
        "Namur", "Directeur général de Namur", TODAY, executory, unreceived, no_deadline
    )
    assert subject == "[Namur] Tutelle : 2 actes devenus exécutoires (délai expiré)"
    assert body.startswith("Bonjour Directeur général de Namur,\n\n")
    assert "CDLD art. L3132-1" in body
    assert "le 28/11/2026." in body
    assert "Actes devenus exécutoires (2)\n- 2026/conseil/4 — Taxe\n" in body
    assert "https://plateforme.example.be/namur/actes/redevance\n" in body
    assert "À vérifier : actes transmis sans date de réception enregistrée (1)\n" in body
    assert "- 2026/conseil/9 — Budget\n  transmis le 30/09/2026\n" in body
    assert "À vérifier : actes dont le délai de tutelle n'a pas pu être calculé (1)\n" in body
    assert "- 2026/conseil/11 — Comptes\n  reçu par l'autorité le 02/10/2026\n" in body
    assert body.endswith("merci de ne pas y répondre.\n")
    # The warnings come after the acts made executory.
    assert body.index("Redevance") < body.index("Budget") < body.index("Comptes")


def test_mail_without_warnings():
    _, body = render_mail("Gembloux", "Anne", TODAY, [item("2026/conseil/1", "Taxe")])
    assert "À vérifier" not in body


def test_an_act_without_number_shows_its_title():
    assert item("", "Taxe").label == "Taxe"
    assert item("2026/conseil/1", "Taxe").label == "2026/conseil/1 — Taxe"


def test_docstring_examples():
    result = doctest.testmod(tutelle_job)
    assert result.attempted > 0
    assert result.failed == 0
