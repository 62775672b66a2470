"""The address of a person linked to the act is masked in every way an act
writes it; another number in the street is not that person's address."""

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from imio.municipal.publication.core.masking import find_personal_data
from imio.municipal.publication.core.masking import MARKER
from imio.municipal.publication.core.masking import mask_html
from imio.municipal.publication.core.masking import Person

import pytest


PERSON = Person("Jean-Philippe Van den Berghe", "rue de Bruxelles 74, 5000 Namur")
KEY = "address:rue de bruxelles 74 5000 namur"


def _addresses(html: str, person: Person = PERSON) -> list:
    return [f for f in find_personal_data(html, [person]) if f.kind == "address"]


@pytest.mark.parametrize(
    "written",
    [
        "rue de Bruxelles 74",
        "Rue de Bruxelles 74",
        "RUE DE BRUXELLES 74",
        "rue de bruxelles 74",
        "rue de Bruxelles, 74",
        "rue de Bruxelles n° 74",
        "rue de Bruxelles, n° 74",
        "rue de Bruxelles n°74",
        "rue de Bruxelles n. 74",
        "rue de Bruxelles numéro 74",
        "74, rue de Bruxelles",
        "74 rue de Bruxelles",
        "n° 74, rue de Bruxelles",
        "n° 74 de la rue de Bruxelles",
        "au n° 74 de la rue de Bruxelles",
        "au 74 de la rue de Bruxelles",
        "au 74, rue de Bruxelles",
        "rue de Bruxelles 74 bte 3",
        "rue de Bruxelles 74, boîte 3",
        "rue de Bruxelles 74/3",
        "rue de Bruxelles 74 à 5000 Namur",
        "rue de Bruxelles 74, 5000 Namur",
        "rue de Bruxelles 74 - 5000 Namur",
        "rue de Bruxelles 74, B-5000 Namur",
    ],
)
def test_every_way_of_writing_the_address_is_masked(written):
    html = f"<p>Une terrasse est installée devant le {written}, du 1er avril au 30 septembre.</p>"
    [finding] = _addresses(html)
    assert finding.key == KEY and finding.certain
    public = mask_html(html, [PERSON]).html
    assert "74" not in public and "ruxelles" not in public.lower()
    assert MARKER in public


def test_the_demo_sentence_is_masked():
    html = (
        "<p>M. Van den Berghe est autorisé à installer une terrasse de 12 m² devant le "
        "n° 74 de la rue de Bruxelles, du 1er avril au 30 septembre.</p>"
    )
    public = mask_html(html, [PERSON]).html
    assert public == (
        f"<p>M. {MARKER} est autorisé à installer une terrasse de 12 m² devant le "
        f"{MARKER}, du 1er avril au 30 septembre.</p>"
    )


@pytest.mark.parametrize(
    "address, written",
    [
        ("avenue Reine Astrid 12, 5000 Namur", "av. Reine Astrid 12"),
        ("av. Reine Astrid 12", "12, avenue Reine Astrid"),
        ("boulevard d'Avroy 3, 4000 Liège", "bd d'Avroy 3"),
        ("Bd. d'Avroy 3", "3 boulevard d’Avroy"),
        ("chaussée de Louvain 510 bte 2, 5004 Bouge", "chée de Louvain, n° 510"),
        ("chée de Louvain 510", "Chaussée de Louvain 510"),
        ("place d'Armes 3, 5000 Namur", "pl. d'Armes 3"),
        ("pl. Saint-Aubain 3", "n° 3 de la place Saint-Aubain"),
        ("rue de l'Église 8", "8, rue de l’Eglise"),
        ("Rue Émile Cuvelier 12a", "rue Emile Cuvelier 12 A"),
        ("12, rue Godefroid, 5000 Namur", "rue Godefroid, 12"),
    ],
)
def test_abbreviations_accents_and_order(address, written):
    person = Person("Marie Dupont", address)
    html = f"<p>Le bien sis {written} est vendu.</p>"
    [finding] = _addresses(html, person)
    assert finding.ref == address
    assert mask_html(html, [person]).html == f"<p>Le bien sis {MARKER} est vendu.</p>"


@pytest.mark.parametrize(
    "written",
    [
        "rue de Bruxelles 76",
        "76, rue de Bruxelles",
        "n° 174 de la rue de Bruxelles",
        "rue de Bruxelles 74A",
        "rue de Bruxelles 7",
        "avenue de Bruxelles 74",
    ],
)
def test_another_number_or_street_is_not_the_person_s_address(written):
    """It is no longer the linked person's address: at most a suspect."""
    html = f"<p>Le chantier se situe {written}.</p>"
    assert _addresses(html) == []
    assert {f.kind for f in find_personal_data(html, [PERSON])} <= {"suspect-address"}


def test_the_street_without_a_number_is_not_masked():
    """A street alone names a public place (the terrace of the title), not
    where the person lives: it stays public."""
    html = "<p>Autorisation d'occupation du domaine public — terrasse rue de Bruxelles.</p>"
    assert find_personal_data(html, [PERSON]) == []
    assert mask_html(html, [PERSON]).html == html


def test_a_number_of_something_else_near_the_street_is_not_masked():
    html = "<p>Une terrasse de 74 m² rue de Bruxelles, l'article 74 de la loi.</p>"
    assert _addresses(html) == []


# Random renderings of one address, as acts write it.
# (street, spellings of its type, name, article before it: "n° 3 de la rue")
STREETS = st.sampled_from(
    [
        (
            "avenue Reine Astrid",
            ["avenue", "Avenue", "AVENUE", "av.", "Av."],
            "Reine Astrid",
            "de l'",
        ),
        (
            "boulevard de la Sauvenière",
            ["boulevard", "Boulevard", "bd", "Bd."],
            "de la Sauvenière",
            "du ",
        ),
        ("chaussée de Marche", ["chaussée", "Chaussée", "chée", "chaussee"], "de Marche", "de la "),
        ("place d'Armes", ["place", "Place", "pl."], "d'Armes", "de la "),
        ("rue de Bruxelles", ["rue", "Rue", "RUE"], "de Bruxelles", "de la "),
    ]
)


@st.composite
def renderings(draw):
    street, types, name, article = draw(STREETS)
    number = draw(st.integers(min_value=1, max_value=999))
    written_type = draw(st.sampled_from(types))
    written_name = draw(
        st.sampled_from(
            [name, name.upper(), name.lower(), name.replace("è", "e"), name.replace("'", "’")]
        )
    )
    written_street = f"{written_type} {written_name}"
    prefix = draw(st.sampled_from(["", "n° ", "n°", "n. ", "numéro "]))
    box = draw(st.sampled_from(["", " bte 2", ", boîte 2", "/2"]))
    city = draw(st.sampled_from(["", " à 5000 Namur", ", 5000 Namur", " 5000 Namur"]))
    if draw(st.booleans()):
        comma = draw(st.sampled_from([" ", ", "]))
        written = f"{written_street}{comma}{prefix}{number}{box}{city}"
    else:
        link = draw(st.sampled_from([" ", ", ", f" {article}"]))
        written = f"{prefix}{number}{link}{written_street}{box}{city}"
    return Person("Marie Dupont", f"{street} {number}, 5000 Namur"), written, number


@settings(max_examples=300, deadline=None)
@given(renderings(), st.sampled_from(["domiciliée ", "devant le ", "au ", "sis "]))
def test_property_any_rendering_of_the_address_is_masked(rendering, before):
    person, written, number = rendering
    html = f"<p>Mme Marie Dupont, {before}{written}, a introduit une demande.</p>"
    result = mask_html(html, [person])
    assert str(number) not in result.html, (written, result.html)
    assert [f.ref for f in result.masked if f.kind == "address"] == [person.address]
