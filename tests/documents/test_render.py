"""Every document renders as ODT, PDF and DOCX on a demo object, in French."""

from imio.municipal.documents.formatting import format_date
from plone import api

import pytest


SECRETARY = "namur-secretaire"
ADOPTED_FEE = "reglement-redevance-sur-loccupation-du-domaine-public-par-les-terrasses"


def act_titled(portal, start):
    for act in portal["namur"]["actes"].objectValues():
        if act.Title().startswith(start):
            return act
    raise AssertionError(f"no demo act {start!r}")


@pytest.fixture
def adopted_act(portal):
    return act_titled(portal, "Règlement-redevance sur l'occupation du domaine public")


@pytest.fixture
def executory_deliberation(portal):
    return act_titled(portal, "Comptes annuels de l'exercice 2025")


@pytest.mark.parametrize("output_format", ["odt", "pdf", "docx"])
def test_deliberation_in_every_format(
    libreoffice, generate, adopted_act, output_format, pdf_text, zipped_text
):
    status, body, headers = generate(adopted_act, "deliberation", output_format, SECRETARY)
    assert status == 200, body
    if output_format == "pdf":
        assert body.startswith(b"%PDF")
        text = pdf_text(body)
    elif output_format == "odt":
        text = zipped_text(body, "content.xml")
    else:
        text = zipped_text(body, "word/document.xml")
    assert adopted_act.number in text
    assert format_date(adopted_act.session_date) in text
    if output_format == "pdf":
        # the decision text itself
        assert "Il est établi, pour les exercices 2027 à 2031, une redevance" in text
        assert "Article 4 : La présente délibération est transmise" in text


def test_deliberation_reads_like_an_official_document(
    libreoffice, generate, executory_deliberation, pdf_text
):
    act = executory_deliberation
    status, body, _headers = generate(act, "deliberation", "pdf", SECRETARY)
    assert status == 200, body
    text = pdf_text(body)
    for expected in (
        "PROVINCE DE NAMUR",
        "COMMUNE DE NAMUR",
        "DÉLIBÉRATION DU CONSEIL COMMUNAL",
        f"Séance du {format_date(act.session_date)}",
        f"Délibération n° {act.number}",
        f"Objet : {act.Title()}",
        "LE CONSEIL COMMUNAL,",
        "Vu ",
        "Considérant ",
        "DÉCIDE :",
        "Article 1er",
        f"Ainsi délibéré en séance du {format_date(act.session_date)}.",
        "Par le Conseil,",
        "Le Directeur général,",
        "Philippe Dethier",
        "Le Bourgmestre,",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("output_format", ["odt", "pdf", "docx"])
def test_register_extract(libreoffice, generate, adopted_act, output_format, pdf_text):
    status, body, _headers = generate(adopted_act, "register_extract", output_format, SECRETARY)
    assert status == 200, body
    if output_format == "pdf":
        text = pdf_text(body)
        assert "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAL" in text
        assert "POUR EXTRAIT CONFORME" in text
        assert adopted_act.number in text


@pytest.mark.parametrize("output_format", ["odt", "pdf", "docx"])
def test_transmission_letter(libreoffice, generate, adopted_act, output_format, pdf_text):
    status, body, _headers = generate(adopted_act, "transmission_letter", output_format, SECRETARY)
    assert status == 200, body
    if output_format == "pdf":
        text = pdf_text(body)
        assert "Objet : transmission à l'autorité de tutelle" in text
        assert "aux articles L3131-1, L3132-1 et L3113-1" in text
        assert "Pièces jointes" in text
        assert "(extrait conforme)" in text
        assert "Service public de Wallonie Intérieur et Action sociale" in text
        assert "tutelle spéciale d'approbation" in text
        assert adopted_act.number in text


def dossier_in(portal, state):
    from plone import api

    for dossier in portal["namur"]["dossiers"].objectValues():
        if api.content.get_state(dossier) == state:
            return dossier
    raise AssertionError(f"no demo case file in {state}")


@pytest.mark.parametrize("output_format", ["odt", "pdf", "docx"])
def test_acknowledgement_of_a_complete_file(libreoffice, generate, portal, output_format, pdf_text):
    dossier = dossier_in(portal, "in_progress")
    status, body, _headers = generate(
        dossier, "acknowledgement", output_format, "namur-agent-urbanisme"
    )
    assert status == 200, body
    if output_format == "pdf":
        text = pdf_text(body)
        assert dossier.reference in text
        assert "est complet" in text
        assert format_date(dossier.decision_deadline) in text
        assert "incomplet" not in text


def test_acknowledgement_of_an_incomplete_file(libreoffice, generate, portal, pdf_text):
    dossier = dossier_in(portal, "incomplete")
    status, body, _headers = generate(dossier, "acknowledgement", "pdf", "namur-agent-urbanisme")
    assert status == 200, body
    text = pdf_text(body)
    assert "est incomplet" in text
    assert "180 jours" in text
    assert format_date(dossier.completion_limit) in text
    for piece in dossier.missing_pieces:
        assert piece in text


@pytest.mark.parametrize("output_format", ["odt", "pdf", "docx"])
def test_dossier_summary(libreoffice, generate, portal, output_format, pdf_text):
    dossier = dossier_in(portal, "in_progress")
    status, body, _headers = generate(dossier, "dossier_summary", output_format, "namur-secretaire")
    assert status == 200, body
    if output_format == "pdf":
        text = pdf_text(body)
        assert "FICHE DU DOSSIER" in text
        assert f"Réf. {dossier.reference}" in text
        assert dossier.applicant_names()[0] in text
        assert "Historique" in text


@pytest.mark.parametrize("output_format", ["odt", "pdf", "docx"])
def test_pic_summary(libreoffice, generate, portal, output_format, pdf_text):
    plan = next(iter(portal["namur"]["pic"].objectValues()))
    status, body, _headers = generate(plan, "pic_summary", output_format, "namur-agent-finances")
    assert status == 200, body
    if output_format == "pdf":
        text = pdf_text(body)
        assert "PLAN D'INVESTISSEMENT COMMUNAL 2025-2027" in text
        assert "Égouttage et réfection de la rue des Carmes" in text
        assert "4 213 578,00 €" in text
        assert "Total" in text


@pytest.mark.parametrize(
    "start,expected",
    [
        (
            "Marché de travaux — rénovation de l'éclairage public du quartier de Bomel",
            ("DÉLIBÉRATION DU COLLÈGE COMMUNAL", "LE COLLÈGE COMMUNAL,", "Par le Collège,"),
        ),
        (
            "Arrêté du bourgmestre — immeuble menaçant ruine",
            (
                "ARRÊTÉ DU BOURGMESTRE",
                "Arrêté n°",
                "LE BOURGMESTRE,",
                "ARRÊTE :",
                "Fait à Namur, le",
            ),
        ),
    ],
)
def test_college_decisions_and_mayor_orders(
    libreoffice, generate, portal, start, expected, pdf_text
):
    act = act_titled(portal, start)
    status, body, _headers = generate(act, "deliberation", "pdf", SECRETARY)
    assert status == 200, body
    text = pdf_text(body)
    for line in expected:
        assert line in text, line
    assert act.number in text


def test_gembloux_documents_are_gembloux(libreoffice, generate, portal, pdf_text):
    act = next(
        act
        for act in portal["gembloux"]["actes"].objectValues()
        if act.number and act.body == "conseil"
    )
    status, body, _headers = generate(act, "register_extract", "pdf", "gembloux-secretaire")
    assert status == 200, body
    text = pdf_text(body)
    assert "COMMUNE DE GEMBLOUX" in text
    assert "PROVINCE DE NAMUR" in text
    assert "La Directrice générale" in text
    assert "Gembloux, le " in text


def test_the_transmission_letter_lists_the_justificatory_pieces(
    libreoffice, generate, adopted_act, pdf_text
):
    from plone.namedfile.file import NamedBlobFile

    with api.env.adopt_user(username=SECRETARY):
        api.content.create(
            container=adopted_act,
            type="File",
            id="avis-directeur-financier.pdf",
            title="Avis de légalité du directeur financier",
            file=NamedBlobFile(b"%PDF-1.4", filename="avis.pdf"),
            justificatory=True,
        )
    status, body, _headers = generate(adopted_act, "transmission_letter", "pdf", SECRETARY)
    assert status == 200, body
    text = pdf_text(body)
    assert "– Avis de légalité du directeur financier" in text
    assert "aucune autre pièce justificative" not in text
