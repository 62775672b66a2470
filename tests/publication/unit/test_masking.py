"""Masking personal data: a corpus of French deliberation excerpts with the
exact public HTML expected, and properties every case keeps."""

# ruff: noqa: E501 - each corpus excerpt and its expected HTML stay on one line

from dataclasses import dataclass
from imio.municipal.publication.core.masking import Decision
from imio.municipal.publication.core.masking import find_personal_data
from imio.municipal.publication.core.masking import MARKER
from imio.municipal.publication.core.masking import mask_html
from imio.municipal.publication.core.masking import mask_text
from imio.municipal.publication.core.masking import Person

import pytest


VDB = Person("Jean-Pierre Van den Berghe", "rue de Fer 25, 5000 Namur")
DUPONT = Person("Marie Dupont", "Chaussée de Louvain 510 bte 2, 5004 Bouge")
URSEL = Person("Luc d'Ursel")
LAMBERT = Person("Claire Lambert-Dubois", "place d'Armes 3, 5000 Namur")
OFFICIALS = ("Maxence Hérion", "Annick Wauthier", "Laurence Dethier")


@dataclass(frozen=True)
class Case:
    name: str
    html: str
    expected: str
    persons: tuple = ()
    officials: tuple = ()
    undecided: tuple = ()  # keys of the suspects awaiting a decision


CASES = [
    Case(
        "permit-applicant",
        "<p>Vu la demande de permis d'urbanisme introduite par M. Jean-Pierre Van den Berghe, domicilié rue de Fer 25 à 5000 Namur ;</p>",
        "<p>Vu la demande de permis d'urbanisme introduite par M. [donnée masquée – RGPD], domicilié [donnée masquée – RGPD] ;</p>",
        persons=(VDB,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "permit-surname-later",
        "<p>Considérant que M. Van den Berghe sollicite la régularisation d'une véranda ;</p><p>Que le demandeur, M. VAN DEN BERGHE, a produit les plans ;</p>",
        "<p>Considérant que M. [donnée masquée – RGPD] sollicite la régularisation d'une véranda ;</p><p>Que le demandeur, M. [donnée masquée – RGPD], a produit les plans ;</p>",
        persons=(VDB,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "permit-address-number-first",
        "<p>Le bien est sis 25, rue de Fer, cadastré section A n° 123b.</p>",
        "<p>Le bien est sis [donnée masquée – RGPD], cadastré section A n° 123b.</p>",
        persons=(VDB,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "permit-address-box-city",
        "<p>Adresse du demandeur : Rue de Fer 25 bte 3 à 5000 Namur.</p>",
        "<p>Adresse du demandeur : [donnée masquée – RGPD].</p>",
        persons=(VDB,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "upper-surname-first",
        "<p>Considérant la réclamation de DUPONT Marie, introduite le 3 février 2026 ;</p>",
        "<p>Considérant la réclamation de [donnée masquée – RGPD], introduite le 3 février 2026 ;</p>",
        persons=(DUPONT,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "particle-apostrophe",
        "<p>Vu le recours de M. Luc d'Ursel ; considérant que M. d'Ursel invoque l'article D.IV.33 du CoDT ;</p>",
        "<p>Vu le recours de M. [donnée masquée – RGPD] ; considérant que M. [donnée masquée – RGPD] invoque l'article D.IV.33 du CoDT ;</p>",
        persons=(URSEL,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "hyphenated-surname",
        "<p>Mme Claire Lambert-Dubois, domiciliée place d'Armes, 3 à 5000 Namur, est autorisée à occuper le domaine public.</p>",
        "<p>Mme [donnée masquée – RGPD], domiciliée [donnée masquée – RGPD], est autorisée à occuper le domaine public.</p>",
        persons=(LAMBERT,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "initials",
        "<p>Le permis est délivré à J.-P. Van den Berghe aux conditions suivantes :</p>",
        "<p>Le permis est délivré à J.-P. [donnée masquée – RGPD] aux conditions suivantes :</p>",
        persons=(VDB,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "niss-dotted",
        "<p>Mme Marie Dupont (NISS 85.07.30-033.28) est désignée en qualité d'employée d'administration.</p>",
        "<p>Mme [donnée masquée – RGPD] (NISS [donnée masquée – RGPD]) est désignée en qualité d'employée d'administration.</p>",
        persons=(DUPONT,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "niss-compact-and-spaced",
        "<p>Numéros de registre national : 85073003328 et 920214 158 10.</p>",
        "<p>Numéros de registre national : [donnée masquée – RGPD] et [donnée masquée – RGPD].</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "bis-number",
        "<p>L'intéressé, inscrit sous le numéro BIS 85.47.30-033.17, a introduit une demande d'aide.</p>",
        "<p>L'intéressé, inscrit sous le numéro BIS [donnée masquée – RGPD], a introduit une demande d'aide.</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "iban-spaces",
        "<p>La prime de 250,00 € est versée sur le compte BE71 0961 2345 6769 du bénéficiaire.</p>",
        "<p>La prime de 250,00 € est versée sur le compte [donnée masquée – RGPD] du bénéficiaire.</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "niss-mistyped",
        "<p>Le demandeur (NISS 85.07.30-033.29) sollicite une prime.</p>",
        "<p>Le demandeur (NISS [donnée masquée – RGPD]) sollicite une prime.</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=("suspect-niss:85073003329",),
    ),
    Case(
        "iban-lowercase",
        "<p>Versement sur le compte be71 0961 2345 6769.</p>",
        "<p>Versement sur le compte [donnée masquée – RGPD].</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "iban-mistyped",
        "<p>La prime est versée sur le compte BE71 0961 2345 6768 du bénéficiaire.</p>",
        "<p>La prime est versée sur le compte [donnée masquée – RGPD] du bénéficiaire.</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=("suspect-iban:BE71096123456768",),
    ),
    Case(
        "iban-foreign-compact",
        "<p>Remboursement sur le compte FR1420041010050500013M02606 (titulaire étranger).</p>",
        "<p>Remboursement sur le compte [donnée masquée – RGPD] (titulaire étranger).</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "email-and-mailto",
        '<p>Contact : <a href="mailto:marie.dupont@skynet.be">marie.dupont@skynet.be</a></p>',
        "<p>Contact : <a>[donnée masquée – RGPD]</a></p>",
        persons=(DUPONT,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "phones",
        "<p>Joignable au +32 81 24 60 00, au 081/24.60.00, au 0475 12 34 56 ou au 0032 475 12 34 56.</p>",
        "<p>Joignable au [donnée masquée – RGPD], au [donnée masquée – RGPD], au [donnée masquée – RGPD] ou au [donnée masquée – RGPD].</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "officials-header",
        "<p>Présents : M. Maxence Hérion, Bourgmestre-Président ; Mme Annick Wauthier, Échevine ; Mme Laurence Dethier, Directrice générale.</p>",
        "<p>Présents : M. Maxence Hérion, Bourgmestre-Président ; Mme Annick Wauthier, Échevine ; Mme Laurence Dethier, Directrice générale.</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "officials-by-function",
        "<p>Sur proposition de l'Échevin des Travaux, M. Luc Gobiet, et de Mme Charlotte Mathelart, Présidente du CPAS ;</p>",
        "<p>Sur proposition de l'Échevin des Travaux, M. Luc Gobiet, et de Mme Charlotte Mathelart, Présidente du CPAS ;</p>",
        persons=(),
        officials=(),
        undecided=(),
    ),
    Case(
        "official-surname-alone",
        "<p>Le Bourgmestre, M. Maxence Hérion, ouvre la séance. M. Hérion donne la parole au public.</p>",
        "<p>Le Bourgmestre, M. Maxence Hérion, ouvre la séance. M. Hérion donne la parole au public.</p>",
        persons=(),
        officials=(),
        undecided=(),
    ),
    Case(
        "tax-regulation",
        "<p>Vu les articles L1122-30 et L1133-1 du Code de la démocratie locale ; il est établi, pour les exercices 2026 à 2031, une taxe de 1 234,56 € par an sur les terrasses (réf. FIN/2026/0012).</p>",
        "<p>Vu les articles L1122-30 et L1133-1 du Code de la démocratie locale ; il est établi, pour les exercices 2026 à 2031, une taxe de 1 234,56 € par an sur les terrasses (réf. FIN/2026/0012).</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "terrace-fee-company",
        "<p>La redevance de 12,50 € par m² est due par la SRL Brasserie du Théâtre (BCE BE 0207.373.429), exploitante de la terrasse.</p>",
        "<p>La redevance de 12,50 € par m² est due par la SRL Brasserie du Théâtre (BCE BE 0207.373.429), exploitante de la terrasse.</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "subsidy-asbl",
        "<p>Une subvention de 5 000,00 € est octroyée à l'ASBL « Les Amis du Parc », représentée par son président, pour l'organisation de la fête du quartier le 21.06.2026.</p>",
        "<p>Une subvention de 5 000,00 € est octroyée à l'ASBL « Les Amis du Parc », représentée par son président, pour l'organisation de la fête du quartier le 21.06.2026.</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "company-with-person-surname",
        "<p>Le marché est attribué à la SRL Dupont Construct, dont Mme Marie Dupont est gérante.</p>",
        "<p>Le marché est attribué à la SRL Dupont Construct, dont Mme [donnée masquée – RGPD] est gérante.</p>",
        persons=(DUPONT,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "expropriation",
        "<p>Considérant que la parcelle appartient à M. Jean-Pierre Van den Berghe et à Mme Marie Dupont, domiciliée Chaussée de Louvain n° 510 bte 2 à 5004 Bouge ;</p>",
        "<p>Considérant que la parcelle appartient à M. [donnée masquée – RGPD] et à Mme [donnée masquée – RGPD], domiciliée [donnée masquée – RGPD] ;</p>",
        persons=(
            VDB,
            DUPONT,
        ),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "staff-appointment-suspect",
        "<p>Mme Sophie Martin est nommée à titre définitif en qualité d'employée d'administration D6 ; Mme Martin prête serment le 1er avril 2026.</p>",
        "<p>Mme [donnée masquée – RGPD] est nommée à titre définitif en qualité d'employée d'administration D6 ; Mme [donnée masquée – RGPD] prête serment le 1er avril 2026.</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=("suspect-name:sophie martin",),
    ),
    Case(
        "suspect-surname-alone",
        "<p>Monsieur Thomas Renard sollicite une prime. Considérant que Renard a fourni les pièces ;</p>",
        "<p>Monsieur [donnée masquée – RGPD] sollicite une prime. Considérant que [donnée masquée – RGPD] a fourni les pièces ;</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=("suspect-name:thomas renard",),
    ),
    Case(
        "suspect-address",
        "<p>Les travaux de voirie débuteront devant l'immeuble sis avenue Reine Astrid 12, 5000 Namur.</p>",
        "<p>Les travaux de voirie débuteront devant l'immeuble sis [donnée masquée – RGPD].</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=("suspect-address:avenue reine astrid 12 5000 namur",),
    ),
    Case(
        "street-without-number",
        "<p>Des travaux d'égouttage sont prévus rue de Fer et rue des Carmes en 2026.</p>",
        "<p>Des travaux d'égouttage sont prévus rue de Fer et rue des Carmes en 2026.</p>",
        persons=(VDB,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "manual-mark",
        '<p>Considérant que <span class="donnee-personnelle">la situation médicale de l\'agent</span> justifie un aménagement ;</p>',
        "<p>Considérant que [donnée masquée – RGPD] justifie un aménagement ;</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "name-split-by-inline-tag",
        "<p>Le demandeur, M. <strong>Jean-Pierre</strong> Van den Berghe, a été entendu.</p>",
        "<p>Le demandeur, M. <strong>[donnée masquée – RGPD]</strong>, a été entendu.</p>",
        persons=(VDB,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "title-attribute",
        '<p><abbr title="Marie Dupont">M. D.</abbr> et <img src="plan.png" alt="Plan de Marie Dupont"></p>',
        '<p><abbr title="[donnée masquée – RGPD]">M. D.</abbr> et <img src="plan.png" alt="Plan de [donnée masquée – RGPD]"></p>',
        persons=(DUPONT,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "comment-dropped",
        "<p>Décision conforme.<!-- dossier de Marie Dupont --></p>",
        "<p>Décision conforme.</p>",
        persons=(DUPONT,),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "list-and-table",
        "<ul><li>M. Jean-Pierre Van den Berghe : 0475/12.34.56</li></ul><table><tr><td>Demandeur</td><td>Marie Dupont</td></tr></table>",
        "<ul><li>M. [donnée masquée – RGPD] : [donnée masquée – RGPD]</li></ul><table><tr><td>Demandeur</td><td>[donnée masquée – RGPD]</td></tr></table>",
        persons=(
            VDB,
            DUPONT,
        ),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "reference-and-date-untouched",
        "<p>Dossier URB/2026/0042 du 05/02/2026 : permis refusé en vertu de l'article R.IV.1-1.</p>",
        "<p>Dossier URB/2026/0042 du 05/02/2026 : permis refusé en vertu de l'article R.IV.1-1.</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=(),
    ),
    Case(
        "mme-alone",
        "<p>Mme Martin conteste la taxe.</p>",
        "<p>Mme [donnée masquée – RGPD] conteste la taxe.</p>",
        persons=(),
        officials=OFFICIALS,
        undecided=("suspect-name:martin",),
    ),
]

# What must never reach the public version (beyond the exact outputs above).
SECRETS = (
    "Jean-Pierre", "Van den Berghe", "VAN DEN BERGHE", "Marie Dupont", "DUPONT Marie",
    "d'Ursel", "Lambert-Dubois", "rue de Fer 25", "25, rue de Fer", "Rue de Fer 25",
    "Louvain 510", "Armes 3", "Armes, 3", "85.07.30-033.28", "85073003328", "920214 158 10",
    "85.47.30-033.17", "BE71 0961 2345 6769", "FR1420041010050500013M02606", "skynet",
    "24 60 00", "24.60.00", "12 34 56", "12.34.56", "Sophie", "Martin", "Renard",
    "Reine Astrid 12", "situation médicale",
)  # fmt: skip
# What stays: officials, companies, company numbers, articles, amounts, dates, references.
PUBLIC = (
    "Maxence Hérion", "Annick Wauthier", "Laurence Dethier", "Luc Gobiet", "Charlotte Mathelart",
    "M. Hérion", "Bourgmestre", "Échevine", "Directrice générale", "Présidente du CPAS",
    "L1122-30", "L1133-1", "D.IV.33", "R.IV.1-1", "1 234,56 €", "12,50 €", "5 000,00 €",
    "250,00 €", "SRL Brasserie du Théâtre", "BE 0207.373.429", "ASBL « Les Amis du Parc »",
    "SRL Dupont Construct", "FIN/2026/0012", "URB/2026/0042", "05/02/2026", "21.06.2026",
    "3 février 2026", "rue de Fer et rue des Carmes",
)  # fmt: skip


def _mask(case: Case, decisions=None):
    return mask_html(case.html, case.persons, case.officials, decisions or {})


def test_corpus_is_large_enough():
    assert len(CASES) >= 30
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_exact_output(case):
    result = _mask(case)
    assert result.html == case.expected
    assert tuple(f.key for f in result.undecided) == case.undecided
    assert not result.released


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_no_personal_item_survives(case):
    html = _mask(case).html
    for secret in SECRETS:
        assert secret not in html, secret


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_public_items_untouched(case):
    html = _mask(case).html
    for public in PUBLIC:
        if public in case.html:
            assert public in html, public


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_idempotent(case):
    once = _mask(case).html
    assert mask_html(once, case.persons, case.officials).html == once


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_every_finding_is_accounted_for(case):
    found = find_personal_data(case.html, case.persons, case.officials)
    result = _mask(case)
    assert {f.key for f in found} == {f.key for f in result.masked + result.undecided}
    assert all(not f.certain for f in result.undecided)
    assert (MARKER in result.html) == bool(found)


def _case(name: str) -> Case:
    return next(case for case in CASES if case.name == name)


def test_suspect_masked_by_decision():
    case = _case("staff-appointment-suspect")
    result = _mask(case, {"suspect-name:sophie martin": Decision("mask")})
    assert result.html == case.expected
    assert not result.undecided
    assert [f.key for f in result.masked] == ["suspect-name:sophie martin"]


def test_suspect_released_with_reason():
    case = _case("staff-appointment-suspect")
    decisions = {"suspect-name:sophie martin": Decision("release", "nomination publique")}
    result = _mask(case, decisions)
    assert result.html == case.html
    assert not result.undecided and not result.masked
    assert [f.text for f in result.released] == ["Sophie Martin"]


def test_one_decision_covers_the_surname_alone():
    case = _case("suspect-surname-alone")
    found = find_personal_data(case.html)
    assert [(f.text, f.key) for f in found] == [("Thomas Renard", "suspect-name:thomas renard")]
    decisions = {"suspect-name:thomas renard": Decision("release", "lauréat du concours")}
    assert _mask(case, decisions).html == case.html


def test_suspect_address_released():
    case = _case("suspect-address")
    key = "suspect-address:avenue reine astrid 12 5000 namur"
    result = _mask(case, {key: Decision("release", "adresse du chantier public")})
    assert result.html == case.html
    assert [f.kind for f in result.released] == ["suspect-address"]


def test_a_certain_finding_is_masked_even_when_released():
    case = _case("permit-applicant")
    decisions = {"person:jean-pierre van den berghe": Decision("release", "accord écrit")}
    result = _mask(case, decisions)
    assert result.html == case.expected
    assert not result.released
    assert {f.kind for f in result.masked} == {"person", "address"}


def test_a_manual_mark_is_masked_even_when_released():
    case = _case("manual-mark")
    key = "manual:la situation medicale de l'agent"
    result = _mask(case, {key: Decision("release", "information déjà publique")})
    assert result.html == case.expected


@pytest.mark.parametrize(
    "text, kind",
    [
        ("NISS 85.07.30-033.28", "niss"),
        ("écrire à jean@dupont.be", "email"),
        ("joignable au 0475 12 34 56", "phone"),
        ("M. Jean Dupont", "person"),
        ("domicilié rue de Fer 25", "address"),
    ],
)
def test_no_release_publishes_certain_personal_data(text, kind):
    person = Person("Jean Dupont", "rue de Fer 25, 5000 Namur")
    [finding] = [f for f in find_personal_data(f"<p>{text}</p>", [person]) if f.kind == kind]
    assert not finding.releasable
    decisions = {finding.key: Decision("release", "accord écrit")}
    result = mask_html(f"<p>{text}</p>", [person], decisions=decisions)
    assert finding.text not in result.html and MARKER in result.html
    assert not result.released


def test_an_iban_may_be_released_it_may_be_the_municipality_s():
    text = "<p>Versée au compte BE71 0961 2345 6769 de la Ville.</p>"
    [finding] = find_personal_data(text)
    assert finding.kind == "iban" and finding.certain and finding.releasable
    result = mask_html(text, decisions={finding.key: Decision("release", "compte de la Ville")})
    assert result.html == text


def test_undecided_suspects_are_masked_anyway():
    result = mask_html("<p>Mme Martin et M. Paul Hubert ont réclamé.</p>")
    assert result.html == f"<p>Mme {MARKER} et M. {MARKER} ont réclamé.</p>"
    assert [f.key for f in result.undecided] == ["suspect-name:martin", "suspect-name:paul hubert"]


@pytest.mark.parametrize("reason", ["", "   "])
def test_release_without_reason_is_refused(reason):
    with pytest.raises(ValueError, match="reason"):
        Decision("release", reason)


def test_unknown_action_is_refused():
    with pytest.raises(ValueError):
        Decision("hide", "because")


def test_mask_decision_needs_no_reason():
    assert Decision("mask").reason == ""


def test_mask_text_plain():
    result = mask_text(
        "Permis d'urbanisme — M. Van den Berghe <véranda>, rue de Fer 25",
        persons=[VDB],
    )
    assert result.html == f"Permis d'urbanisme — M. {MARKER} <véranda>, {MARKER}"
    assert {f.kind for f in result.masked} == {"person", "address"}


def test_mask_text_suspects_and_officials():
    result = mask_text(
        "Mme Annick Wauthier, Échevine, répond à Mme Claire Noël.", officials=OFFICIALS
    )
    assert result.html == f"Mme Annick Wauthier, Échevine, répond à Mme {MARKER}."
    assert [f.key for f in result.undecided] == ["suspect-name:claire noel"]


def test_finding_kinds_and_certainty():
    html = (
        "<p>M. Jean-Pierre Van den Berghe, jp@example.be, BE71 0961 2345 6769, "
        "<span class='donnee-personnelle'>x</span>, Mme Claire Noël, rue Haute 4.</p>"
    )
    found = {(f.kind, f.certain) for f in find_personal_data(html, [VDB])}
    assert found == {
        ("manual", True),
        ("person", True),
        ("email", True),
        ("iban", True),
        ("suspect-name", False),
        ("suspect-address", False),
    }


def test_empty_and_markup_only():
    assert mask_html("").html == ""
    assert mask_html("<p><br></p>").html == "<p><br></p>"
    assert mask_text("").html == ""


def test_markup_is_preserved():
    html = (
        '<p class="x">Voir <a href="https://www.namur.be/taxes">le règlement</a> &amp; annexes.</p>'
    )
    assert mask_html(html).html == html
