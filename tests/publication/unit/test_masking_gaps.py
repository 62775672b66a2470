"""Masking: identifier layouts, births, address variants, company seats,
headings in capitals and the municipality's public contact points."""

# ruff: noqa: E501 - each corpus sentence stays on one line

from imio.municipal.publication.core.masking import MARKER
from imio.municipal.publication.core.masking import mask_html
from imio.municipal.publication.core.masking import mask_text
from imio.municipal.publication.core.masking import Person
from stdnum.be import nn

import pytest


# 30/07/1985 (born before 2000) and 03/02/2001 (check digits on "2" + number)
NISS_1985 = "85073003328"
NISS_2001 = "01020300467"
DUPONT = Person("Jean Dupont", "rue de Bruxelles 74, 5000 Namur")
MARTIN = Person("Anne Martin")


def test_the_identifiers_are_valid_national_numbers():
    assert nn.get_birth_date(NISS_1985).year == 1985
    assert nn.get_birth_date(NISS_2001).year == 2001


def layouts(digits):
    d = digits
    return {
        "dots": f"{d[:2]}.{d[2:4]}.{d[4:6]}-{d[6:9]}.{d[9:]}",
        "dots-only": f"{d[:2]}.{d[2:4]}.{d[4:6]}.{d[6:9]}.{d[9:]}",
        "dashes": f"{d[:2]}-{d[2:4]}-{d[4:6]}-{d[6:9]}-{d[9:]}",
        "dashes-short": f"{d[:6]}-{d[6:9]}-{d[9:]}",
        "spaces": f"{d[:2]} {d[2:4]} {d[4:6]} {d[6:9]} {d[9:]}",
        "none": d,
        "mixed": f"{d[:2]}.{d[2:4]}.{d[4:6]} {d[6:9]}-{d[9:]}",
        "mixed-dash": f"{d[:2]}-{d[2:4]}.{d[4:6]}-{d[6:9]} {d[9:]}",
    }


@pytest.mark.parametrize("digits", [NISS_1985, NISS_2001], ids=["1985", "2001"])
@pytest.mark.parametrize("layout", list(layouts(NISS_1985)))
def test_national_number_masked_in_every_layout(digits, layout):
    written = layouts(digits)[layout]
    result = mask_text(f"Registre national : {written}, reçu le 12/04/2026.")
    assert result.html == f"Registre national : {MARKER}, reçu le 12/04/2026."
    assert [(f.kind, f.certain) for f in result.masked] == [("niss", True)]


@pytest.mark.parametrize(
    "sentence, masked",
    [
        ("M. Jean Dupont, né le 12/04/1996 à Namur, sollicite", ["12/04/1996", "Namur"]),
        ("Mme Anne Martin, née le 12 avril 1996, sollicite", ["12 avril 1996"]),
        ("Mme Anne Martin, née le 1er mai 2001 à La Louvière", ["1er mai 2001", "La Louvière"]),
        ("Anne Martin (date de naissance : 03.02.2001) demande", ["03.02.2001"]),
        ("Jean Dupont, né à Saint-Servais le 12-04-1996", ["Saint-Servais", "12-04-1996"]),
        ("Anne Martin, lieu de naissance : Braine-l'Alleud", ["Braine-l'Alleud"]),
        ("Jean Dupont (° 12/04/1996) est désigné", ["12/04/1996"]),
    ],
)
def test_date_and_place_of_birth_masked(sentence, masked):
    result = mask_html(f"<p>{sentence}</p>", persons=[DUPONT, MARTIN])
    births = [f.text for f in result.masked if f.kind == "birth"]
    assert births == masked
    for text in masked:
        assert text not in result.html
    assert "naissance" in result.html or " né" in result.html or "°" in result.html


def test_other_dates_are_not_masked():
    html = "<p>Vu la demande du 12/04/2026 ; la séance du 3 mars 2026 ; au n° 74.</p>"
    assert mask_html(html).html == html


@pytest.mark.parametrize(
    "sentence",
    [
        "Les travaux ont lieu devant le n° 74 de la rue de Bruxelles.",
        "Le conteneur est placé au 74, rue de Bruxelles.",
        "Le conteneur est placé au n°74, Rue de Bruxelles.",
        "Le conteneur est placé au numéro 74 de la rue de Bruxelles.",
        "Le conteneur est placé rue de Bruxelles, n° 74.",
    ],
)
def test_address_variants_of_a_linked_person_masked(sentence):
    result = mask_text(sentence, persons=[DUPONT])
    assert "74" not in result.html and "Bruxelles" not in result.html
    assert [f.kind for f in result.masked] == ["address"]
    assert result.undecided == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "Le marché est attribué à la SRL Dupont Construct, rue de Fer 25 à 5000 Namur, pour 12.000 €.",
        "Le marché est attribué à Dupont Construct SRL, rue de Fer 25, 5000 Namur.",
        "Le marché est attribué à la SA Bati-Plus (BCE 0403.170.701), rue de Fer 25 à 5000 Namur.",
        "Le marché est attribué à la SRL Dupont Construct, dont le siège social est situé rue de Fer 25 à 5000 Namur.",
        "Le marché est attribué à l'ASBL Les Amis du Parc, ayant son siège à la rue de Fer 25, 5000 Namur.",
    ],
)
def test_company_registered_seat_is_not_a_suspect(sentence):
    result = mask_text(sentence)
    assert result.html == sentence
    assert result.undecided == ()


def test_private_address_after_a_company_elsewhere_is_still_a_suspect():
    result = mask_text("La SRL Dupont Construct interviendra. M. X habite rue de Fer 25.")
    assert [f.kind for f in result.undecided] == ["suspect-address"]


@pytest.mark.parametrize(
    "html",
    [
        "<p>Présents : M. Jean Dupont, Mme Anne Martin, DÉCIDE :</p>",
        "<p>Entendu M. Jean Dupont et Mme Anne Martin ARRÊTE : Article 1er</p>",
        "<p>Sur proposition de M. Jean Dupont et Mme Anne Martin,\nDÉCIDE à l'unanimité</p>",
        "<p>Vu l'avis de Mme Anne Martin, PAR CES MOTIFS, le Collège</p>",
    ],
)
def test_headings_in_capitals_are_not_names(html):
    result = mask_html(html)
    for heading in ("DÉCIDE", "ARRÊTE", "PAR CES MOTIFS"):
        assert heading not in " ".join(f.text for f in result.undecided)
        assert heading in result.html or heading not in html


CONTACTS = ("urbanisme@namur.be", "081/24.60.00", "+32 81 24 63 00")


@pytest.mark.parametrize(
    "written",
    ["urbanisme@namur.be", "URBANISME@namur.be", "081 24 60 00", "081/246.000", "081/24.63.00"],
)
def test_public_contact_points_are_not_masked(written):
    text = f"Renseignements : service de l'urbanisme, {written}."
    result = mask_text(text, contacts=CONTACTS)
    assert result.html == text
    assert result.masked == ()


def test_private_contacts_beside_public_ones_are_masked():
    text = "Contact : urbanisme@namur.be ou jean.dupont@gmail.com, 0475/12.34.56."
    result = mask_html(f"<p>{text}</p>", contacts=CONTACTS)
    assert result.html == f"<p>Contact : urbanisme@namur.be ou {MARKER}, {MARKER}.</p>"
