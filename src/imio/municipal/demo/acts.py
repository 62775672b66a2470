"""About twenty realistic acts for the demo, in every state up to executory.

Namur has most of them, Gembloux a few. Dates are relative to the day the demo
is built (:func:`imio.municipal.dossiers.deadlines.belgian_today`): sessions lie in the
past, and the acts awaiting the tutelle have one deadline comfortable, one due
within the week and one overdue, whenever the demo is installed.

Every act is written by its service's agent (the secretary for the
secretariat's acts) and moved on by the right people through the workflow, so
that numbers are given at adoption, gapless per body and year of the session.
The names of the signatories are fictitious.
"""

from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from imio.municipal import logger
from imio.municipal.acts import tutelle
from imio.municipal.acts import tutelle_deadlines
from imio.municipal.core import calendar
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import slug
from imio.municipal.exchange.hooks import transmitted_before_the_platform
from plone import api
from plone.app.textfield.value import RichTextValue
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent


# Fictitious signatories, by municipality.
SIGNATORIES = {
    "namur": (
        {"name": "Philippe Dethier", "function": "Le Directeur général"},
        {"name": "Olivier Jacquemart", "function": "Le Bourgmestre"},
    ),
    "gembloux": (
        {"name": "Véronique Stassart", "function": "La Directrice générale"},
        {"name": "Thierry Goffin", "function": "Le Bourgmestre"},
    ),
}
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

# The target states, and the transitions that lead to them from the draft.
PATHS = {
    "draft": (),
    "proposed": ("propose",),
    "validated": ("propose", "validate"),
    "postponed": ("propose", "validate", "postpone"),
    "refused": ("propose", "validate", "refuse"),
    "adopted": ("propose", "validate", "adopt"),
    "transmitted": ("propose", "validate", "adopt", "transmit"),
    "executory": ("propose", "validate", "adopt", "declare_executory"),
    "annulled": ("propose", "validate", "adopt", "transmit", "annul"),
}


@dataclass
class ActSpec:
    city: str
    service: str
    title: str
    kind: str
    body: str
    matter: str
    state: str
    description: str = ""
    # Days before today; the session is moved back to a working day.
    session_days_ago: int | None = None
    # "Vu ...;" and "Considérant ...;" paragraphs; {session}, {advice},
    # {college} are replaced by dates in words.
    motivation: tuple[str, ...] = ()
    decision: tuple[str, ...] = ()
    legal_basis: str = ""
    # (present, for, against, abstention); ("unanimity", present) for a unanimous vote.
    votes: tuple = ()
    is_regulation: bool = False
    persons_concerned: str = ""
    published_days_after_session: int | None = None
    # Tutelle: transmission and receipt in days before today; "soon" asks for a
    # receipt whose deadline falls within the week.
    transmitted_days_ago: int | None = None
    received_days_ago: int | str | None = None
    outcome: str | None = None
    outcome_days_ago: int | None = None
    comment: str = ""
    related_dossier: str | None = None


def _in_words(day: date) -> str:
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def _working_day_on_or_before(day: date) -> date:
    """Sessions, transmissions and receipts happen on working days."""
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _days_ago(today: date, days: int) -> date:
    return _working_day_on_or_before(today - timedelta(days=days))


def _html(paragraphs) -> RichTextValue:
    html = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return RichTextValue(html, "text/html", "text/x-html-safe")


def _articles(texts) -> RichTextValue:
    paragraphs = []
    for index, text in enumerate(texts, start=1):
        label = "Article 1er" if index == 1 else f"Article {index}"
        paragraphs.append(f"<strong>{label}</strong> : {text}")
    return _html(paragraphs)


ACTS = [
    # --- Namur: finances --------------------------------------------------------
    ActSpec(
        city="namur",
        service="finances",
        title="Règlement-taxe sur les secondes résidences — exercices 2026 à 2031",
        description="Taxe annuelle de 640 € par seconde résidence; kots d'étudiants exclus.",
        kind="regulation",
        body="conseil",
        matter="tax_regulation",
        state="transmitted",
        session_days_ago=40,
        transmitted_days_ago=33,
        received_days_ago="soon",
        is_regulation=True,
        motivation=(
            "Vu la Constitution, notamment les articles 41, 162 et 170, § 4;",
            "Vu le décret du 14 décembre 2000 et la loi du 24 juin 2000 portant assentiment "
            "à la Charte européenne de l'autonomie locale, notamment son article 9.1;",
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-30, L1124-40, L1133-1 et L1133-2, L3131-1 et L3321-1 à L3321-12;",
            "Vu la loi du 24 décembre 1996 relative à l'établissement et au recouvrement "
            "des taxes provinciales et communales;",
            "Vu la circulaire budgétaire relative à l'élaboration des budgets des communes "
            "de la Région wallonne pour l'année 2026;",
            "Vu la communication du dossier au directeur financier faite le {college} "
            "conformément à l'article L1124-40, § 1er, 3°, du Code précité, et son avis "
            "favorable rendu le {advice};",
            "Considérant que la Ville doit se doter des moyens nécessaires à l'exercice de "
            "ses missions de service public et à l'équilibre de ses finances;",
            "Considérant que les seconds résidents bénéficient des équipements et services "
            "communaux sans contribuer à leur financement par l'impôt des personnes "
            "physiques;",
            "Considérant que les logements d'étudiants (kots) font l'objet d'une taxe "
            "distincte et sont dès lors exclus du champ du présent règlement;",
            "Sur proposition du collège communal;",
        ),
        decision=(
            "Il est établi, pour les exercices 2026 à 2031, une taxe communale annuelle "
            "sur les secondes résidences situées sur le territoire de la Ville de Namur.",
            "Par seconde résidence, on entend tout logement privé dont la personne qui "
            "peut l'occuper n'est pas inscrite, pour ce logement, au registre de la "
            "population ou au registre des étrangers.",
            "La taxe est due par la personne qui dispose de la seconde résidence au "
            "1er janvier de l'exercice d'imposition. Son montant est fixé à 640 € par "
            "seconde résidence.",
            "La taxe est perçue par voie de rôle. Le recouvrement et les réclamations "
            "suivent les articles L3321-1 à L3321-12 du Code de la démocratie locale et de "
            "la décentralisation.",
            "La présente délibération est transmise au Gouvernement wallon dans le cadre "
            "de la tutelle spéciale d'approbation, et publiée conformément aux articles "
            "L1133-1 et L1133-2 du même Code.",
        ),
        legal_basis=(
            "Constitution, art. 41, 162 et 170, § 4\n"
            "CDLD, art. L1122-30, L1133-1, L1133-2, L3131-1 et L3321-1 à L3321-12\n"
            "Loi du 24 décembre 1996 relative à l'établissement et au recouvrement des "
            "taxes provinciales et communales"
        ),
        votes=(41, 29, 9, 3),
    ),
    ActSpec(
        city="namur",
        service="finances",
        title="Modification budgétaire n° 1 de l'exercice 2026",
        description="Services ordinaire et extraordinaire.",
        kind="deliberation",
        body="conseil",
        matter="budget_amendment",
        state="transmitted",
        session_days_ago=75,
        transmitted_days_ago=68,
        received_days_ago=62,
        motivation=(
            "Vu la Constitution, notamment les articles 41 et 162;",
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-23, L1122-26, L1122-30 et L3131-1, ainsi que la Première "
            "partie, Livre III;",
            "Vu l'arrêté du Gouvernement wallon du 5 juillet 2007 portant le règlement "
            "général de la comptabilité communale;",
            "Vu le projet de modification budgétaire établi par le collège communal en "
            "séance du {college};",
            "Vu l'avis favorable du directeur financier rendu le {advice};",
            "Considérant que les crédits inscrits au budget initial doivent être adaptés "
            "aux recettes et dépenses effectivement constatées, notamment l'indexation des "
            "traitements et la hausse du coût de l'énergie;",
            "Considérant qu'en application de l'article L1122-23, § 2, du Code précité, "
            "le collège veille à la communication de la présente modification budgétaire "
            "aux organisations syndicales représentatives;",
        ),
        decision=(
            "La modification budgétaire n° 1 de l'exercice 2026 est arrêtée comme suit : "
            "service ordinaire, recettes 248 612 430,17 €, dépenses 247 905 118,62 €, "
            "boni de l'exercice 707 311,55 €; service extraordinaire, recettes "
            "61 208 900,00 €, dépenses 61 208 900,00 €.",
            "La présente délibération est transmise aux autorités de tutelle, au service "
            "des Finances et au directeur financier.",
        ),
        legal_basis=(
            "CDLD, art. L1122-23, L1122-26, L1122-30 et L3131-1\n"
            "AGW du 5 juillet 2007 portant le règlement général de la comptabilité communale"
        ),
        votes=(43, 28, 12, 3),
    ),
    ActSpec(
        city="namur",
        service="finances",
        title="Comptes annuels de l'exercice 2025",
        description="Compte budgétaire, compte de résultats et bilan au 31 décembre 2025.",
        kind="deliberation",
        body="conseil",
        matter="accounts",
        state="executory",
        session_days_ago=160,
        transmitted_days_ago=153,
        received_days_ago=150,
        outcome="approved",
        outcome_days_ago=126,
        motivation=(
            "Vu la Constitution, notamment les articles 41 et 162;",
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-23, L1122-26, L1122-30, L1312-1 et L3131-1;",
            "Vu l'arrêté du Gouvernement wallon du 5 juillet 2007 portant le règlement "
            "général de la comptabilité communale, notamment ses articles 66 et 74;",
            "Vu les comptes établis par le collège communal en séance du {college};",
            "Considérant que, conformément à l'article 74 du règlement précité, le collège "
            "certifie que tous les actes relevant de sa compétence ont été correctement "
            "portés aux comptes;",
            "Considérant qu'en application de l'article L1122-23, § 2, du Code précité, "
            "les comptes sont communiqués aux organisations syndicales représentatives;",
        ),
        decision=(
            "Les comptes annuels de l'exercice 2025 sont arrêtés : compte budgétaire, "
            "résultat budgétaire ordinaire 3 418 205,36 €; compte de résultats, boni de "
            "l'exercice 1 962 447,08 €; bilan, total 812 304 776,90 €.",
            "La présente délibération est transmise au Gouvernement wallon pour "
            "approbation et au directeur financier.",
        ),
        legal_basis="CDLD, art. L1122-23, L1312-1 et L3131-1\nRGCC, art. 66 et 74",
        votes=(44, 31, 0, 13),
    ),
    ActSpec(
        city="namur",
        service="finances",
        title="Règlement-redevance sur l'occupation du domaine public par les terrasses "
        "— exercices 2027 à 2031",
        description="Terrasses du secteur horeca, par mètre carré et par an.",
        kind="regulation",
        body="conseil",
        matter="fee_regulation",
        state="adopted",
        session_days_ago=5,
        is_regulation=True,
        motivation=(
            "Vu la Constitution, notamment les articles 41, 162 et 173;",
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-30, L1124-40, L1133-1, L1133-2 et L3131-1;",
            "Vu la circulaire budgétaire relative à l'élaboration des budgets des communes "
            "de la Région wallonne;",
            "Vu l'avis favorable du directeur financier rendu le {advice};",
            "Considérant que l'occupation privative du domaine public procure un avantage "
            "particulier à son bénéficiaire et entraîne des frais d'entretien et de "
            "contrôle pour la Ville;",
            "Considérant que le montant de la redevance doit rester proportionné au service "
            "rendu et à l'avantage retiré;",
        ),
        decision=(
            "Il est établi, pour les exercices 2027 à 2031, une redevance pour l'occupation "
            "du domaine public par des terrasses, tables et chaises.",
            "La redevance est fixée à 18 € par mètre carré et par an pour une terrasse "
            "ouverte et à 30 € pour une terrasse couverte.",
            "La redevance est due par le titulaire de l'autorisation et payable au comptant.",
            "La présente délibération est transmise au Gouvernement wallon dans le cadre "
            "de la tutelle spéciale d'approbation.",
        ),
        legal_basis="CDLD, art. L1122-30, L1133-1, L1133-2 et L3131-1",
        votes=(40, 30, 6, 4),
    ),
    ActSpec(
        city="namur",
        service="finances",
        title="Prise de participation au capital de l'intercommunale BEP Expansion économique",
        description="Souscription de 120 parts pour l'extension du parc d'activités.",
        kind="deliberation",
        body="conseil",
        matter="intercommunale",
        state="transmitted",
        session_days_ago=12,
        transmitted_days_ago=8,
        received_days_ago=5,
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-30, L1512-3 et suivants, L1523-1 et suivants et L3131-1;",
            "Vu les statuts de l'intercommunale;",
            "Vu l'avis favorable du directeur financier rendu le {advice};",
            "Considérant que l'extension du parc d'activités économiques de Rhisnes répond "
            "aux besoins des entreprises namuroises et à la création d'emplois;",
            "Considérant que les crédits nécessaires sont inscrits au service "
            "extraordinaire du budget de l'exercice;",
        ),
        decision=(
            "La Ville souscrit 120 parts du capital de l'intercommunale, pour un montant "
            "de 300 000 €, libéré en trois tranches annuelles.",
            "Le collège communal est chargé de l'exécution de la présente délibération, "
            "après son approbation par l'autorité de tutelle.",
        ),
        legal_basis="CDLD, art. L1122-30, L1512-3, L1523-1 et L3131-1",
        votes=("unanimity", 42),
    ),
    ActSpec(
        city="namur",
        service="finances",
        title="Octroi d'un subside à l'ASBL « Les Amis du Théâtre de Namur » pour l'année 2027",
        kind="deliberation",
        body="conseil",
        matter="other",
        state="draft",
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-30 et L3331-1 à L3331-8 relatifs à l'octroi et au contrôle "
            "des subventions;",
            "Considérant que l'ASBL organise des représentations et des ateliers ouverts "
            "aux écoles namuroises;",
        ),
        decision=(
            "Un subside de 15 000 € est octroyé à l'ASBL pour l'année 2027.",
            "L'ASBL justifie l'emploi du subside par ses comptes et un rapport "
            "d'activités, au plus tard le 30 juin 2028.",
        ),
        legal_basis="CDLD, art. L1122-30 et L3331-1 à L3331-8",
    ),
    ActSpec(
        city="namur",
        service="finances",
        title="Octroi d'un subside extraordinaire à l'ASBL « Namur Sports Événements »",
        kind="deliberation",
        body="conseil",
        matter="other",
        state="refused",
        session_days_ago=26,
        comment="Le conseil communal a rejeté le point : 12 voix pour, 24 contre, 3 abstentions.",
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-30 et L3331-1 à L3331-8;",
            "Considérant la demande de l'ASBL du {college} en vue de l'organisation d'un "
            "tournoi international;",
        ),
        decision=(
            "Un subside extraordinaire de 45 000 € est octroyé à l'ASBL.",
            "L'ASBL justifie l'emploi du subside dans les six mois de l'événement.",
        ),
        legal_basis="CDLD, art. L1122-30 et L3331-1 à L3331-8",
        votes=(39, 12, 24, 3),
    ),
    # --- Namur: secretariat ---------------------------------------------------------
    ActSpec(
        city="namur",
        service="secretariat",
        title="Approbation du procès-verbal de la séance précédente du conseil communal",
        kind="deliberation",
        body="conseil",
        matter="other",
        state="validated",
        session_days_ago=5,
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-16, L1122-30 et L1132-1;",
            "Vu le règlement d'ordre intérieur du conseil communal, notamment ses "
            "dispositions relatives au procès-verbal des séances;",
            "Considérant qu'aucune observation n'a été formulée sur le projet de "
            "procès-verbal mis à la disposition des conseillers;",
        ),
        decision=(
            "Le procès-verbal de la séance du conseil communal du {previous_session} est approuvé.",
        ),
        legal_basis="CDLD, art. L1122-16 et L1132-1",
        votes=("unanimity", 41),
    ),
    ActSpec(
        city="namur",
        service="secretariat",
        title="Cadre du personnel communal : création de deux emplois de gradué spécifique",
        description="Service de l'Urbanisme et service des Travaux.",
        kind="deliberation",
        body="conseil",
        matter="staff_provisions",
        state="postponed",
        session_days_ago=26,
        comment="Point reporté à la demande du collège : le protocole du comité de "
        "négociation syndicale n'est pas encore signé.",
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-30, L1212-1 et L3131-1;",
            "Vu la loi du 19 décembre 1974 organisant les relations entre les autorités "
            "publiques et les syndicats des agents relevant de ces autorités;",
            "Vu le statut administratif du personnel communal;",
            "Considérant l'augmentation du nombre de demandes de permis et le volume des "
            "chantiers de voirie programmés;",
        ),
        decision=(
            "Le cadre du personnel communal est modifié par la création de deux emplois "
            "de gradué spécifique (niveau B1).",
            "La présente délibération est transmise au Gouvernement wallon dans le cadre "
            "de la tutelle spéciale d'approbation.",
        ),
        legal_basis="CDLD, art. L1212-1 et L3131-1\nLoi du 19 décembre 1974",
    ),
    ActSpec(
        city="namur",
        service="secretariat",
        title="Nomination à titre définitif d'un agent technique en chef au service des Travaux",
        kind="college_decision",
        body="college",
        matter="staff_individual",
        state="executory",
        session_days_ago=54,
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment son "
            "article L1213-1;",
            "Vu la délibération du conseil communal déléguant au collège communal la "
            "nomination des membres du personnel, à l'exception des grades légaux;",
            "Vu le statut administratif du personnel communal;",
            "Considérant que l'intéressé a accompli son stage avec un rapport d'évaluation "
            "favorable;",
        ),
        decision=(
            "Monsieur Gilles Marchand est nommé à titre définitif en qualité d'agent "
            "technique en chef (niveau D9) au service des Travaux, à dater du 1er du mois "
            "qui suit la présente décision.",
            "Une expédition de la présente décision est remise à l'intéressé.",
        ),
        legal_basis="CDLD, art. L1213-1\nStatut administratif du personnel communal",
    ),
    # --- Namur: travaux -------------------------------------------------------------
    ActSpec(
        city="namur",
        service="travaux",
        title="Marché de travaux — réfection de la rue Saint-Nicolas : approbation des "
        "conditions et du mode de passation",
        description="Procédure ouverte; estimation 412 000 € HTVA.",
        kind="deliberation",
        body="conseil",
        matter="other",
        state="executory",
        session_days_ago=47,
        related_dossier="Réfection de la voirie rue Saint-Nicolas",
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-30 et L1222-3, § 1er, relatif aux compétences du conseil "
            "communal, et L1124-40, § 1er, 3°;",
            "Vu la loi du 17 juin 2016 relative aux marchés publics, notamment son article 36;",
            "Vu l'arrêté royal du 18 avril 2017 relatif à la passation des marchés publics "
            "dans les secteurs classiques;",
            "Vu l'arrêté royal du 14 janvier 2013 établissant les règles générales "
            "d'exécution des marchés publics;",
            "Vu le cahier spécial des charges n° 2026/TR/041 établi par le service des Travaux;",
            "Vu l'avis de légalité favorable du directeur financier rendu le {advice};",
            "Considérant que le revêtement et les filets d'eau de la rue Saint-Nicolas sont "
            "fortement dégradés;",
            "Considérant que le montant estimé du marché s'élève à 412 000 € hors TVA, "
            "soit 498 520 € TVA comprise, et que les crédits sont inscrits au service "
            "extraordinaire du budget;",
        ),
        decision=(
            "Le cahier spécial des charges n° 2026/TR/041 et le montant estimé du marché "
            "de travaux de réfection de la rue Saint-Nicolas sont approuvés.",
            "Le marché est passé par procédure ouverte.",
            "La dépense est imputée sur le service extraordinaire du budget de l'exercice "
            "2026 et financée par emprunt.",
        ),
        legal_basis=(
            "CDLD, art. L1122-30 et L1222-3, § 1er\n"
            "Loi du 17 juin 2016 relative aux marchés publics, art. 36\n"
            "AR du 18 avril 2017 relatif à la passation des marchés publics dans les "
            "secteurs classiques"
        ),
        votes=(39, 33, 0, 6),
    ),
    ActSpec(
        city="namur",
        service="travaux",
        title="Marché de travaux — rénovation de l'éclairage public du quartier de Bomel "
        ": attribution",
        description="Attribution au soumissionnaire ayant remis l'offre économiquement la "
        "plus avantageuse.",
        kind="college_decision",
        body="college",
        matter="public_procurement",
        state="executory",
        session_days_ago=33,
        transmitted_days_ago=29,
        received_days_ago=27,
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1222-3, L1222-4 et L3122-2;",
            "Vu la loi du 17 juin 2016 relative aux marchés publics;",
            "Vu la loi du 17 juin 2013 relative à la motivation, à l'information et aux "
            "voies de recours en matière de marchés publics;",
            "Vu la délibération du conseil communal approuvant les conditions et le mode de "
            "passation du marché;",
            "Vu le rapport d'examen des offres établi par le service des Travaux le {college};",
            "Considérant que trois offres ont été reçues et que l'offre de la SRL "
            "Lumitech Wallonie est régulière et économiquement la plus avantageuse;",
        ),
        decision=(
            "Le marché de travaux de rénovation de l'éclairage public du quartier de Bomel "
            "est attribué à la SRL Lumitech Wallonie pour le montant de son offre, "
            "soit 326 480,00 € hors TVA.",
            "La présente décision est transmise à l'autorité de tutelle; le marché n'est "
            "conclu qu'après cette transmission.",
        ),
        legal_basis=(
            "CDLD, art. L1222-3 et L3122-2\n"
            "Loi du 17 juin 2016 relative aux marchés publics\n"
            "Loi du 17 juin 2013 relative à la motivation, à l'information et aux voies de "
            "recours en matière de marchés publics"
        ),
    ),
    ActSpec(
        city="namur",
        service="travaux",
        title="Ordonnance de police temporaire — circulation et stationnement durant les "
        "Fêtes de Wallonie",
        description="Fermeture des voiries du centre-ville et interdictions de stationner.",
        kind="police_ordinance",
        body="college",
        matter="police_ordinance",
        state="executory",
        session_days_ago=95,
        is_regulation=True,
        published_days_after_session=2,
        motivation=(
            "Vu la Nouvelle loi communale, notamment les articles 130bis, 133 et 135, § 2;",
            "Vu la loi relative à la police de la circulation routière, coordonnée par "
            "l'arrêté royal du 16 mars 1968;",
            "Vu l'arrêté royal du 1er décembre 1975 portant règlement général sur la police "
            "de la circulation routière;",
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1133-1 et L1133-2;",
            "Considérant que les Fêtes de Wallonie attirent au centre-ville plusieurs "
            "dizaines de milliers de visiteurs;",
            "Considérant qu'il y a lieu d'assurer la sécurité des piétons et le libre "
            "passage des services de secours;",
        ),
        decision=(
            "Du vendredi 18 h au lundi 6 h du week-end des Fêtes de Wallonie, la "
            "circulation est interdite à tout conducteur dans le périmètre délimité par la "
            "place d'Armes, la rue de Fer, la rue de l'Ange et la place de l'Ange, sauf "
            "pour les services de secours et de police.",
            "Le stationnement est interdit aux mêmes heures rue Saint-Jacques et boulevard "
            "Cauchy; les véhicules en infraction sont enlevés aux frais de leur "
            "propriétaire.",
            "La signalisation est placée par le service des Travaux.",
            "Les infractions sont punies des peines prévues par la loi relative à la "
            "police de la circulation routière.",
        ),
        legal_basis=(
            "Nouvelle loi communale, art. 130bis, 133 et 135, § 2\n"
            "AR du 1er décembre 1975 portant règlement général sur la police de la "
            "circulation routière\n"
            "CDLD, art. L1133-1 et L1133-2"
        ),
    ),
    ActSpec(
        city="namur",
        service="travaux",
        title="Mise à disposition de matériel communal pour la brocante de Jambes",
        kind="college_decision",
        body="college",
        matter="other",
        state="draft",
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment son "
            "article L1123-23;",
            "Vu la demande du comité des fêtes de Jambes;",
            "Considérant que la brocante contribue à l'animation du quartier;",
        ),
        decision=(
            "Vingt barrières Nadar et dix tables sont mises à disposition du comité des "
            "fêtes de Jambes, à titre gratuit.",
            "Le matériel est retiré et restitué au dépôt communal par le comité.",
        ),
        legal_basis="CDLD, art. L1123-23",
    ),
    # --- Namur: urbanisme -----------------------------------------------------------
    ActSpec(
        city="namur",
        service="urbanisme",
        title="Permis d'urbanisation « Les Hauts de Wépion » : octroi du permis",
        description="Vingt-quatre lots à bâtir, chemin des Marronniers à Wépion.",
        kind="college_decision",
        body="college",
        matter="other",
        state="executory",
        session_days_ago=19,
        related_dossier="Permis d'urbanisation « Les Hauts de Wépion »",
        motivation=(
            "Vu le Code du Développement territorial, notamment ses articles D.IV.2, "
            "D.IV.15, D.IV.41 et D.IV.46;",
            "Vu le décret du 6 février 2014 relatif à la voirie communale;",
            "Vu la demande introduite par la SRL Immo Meuse et l'accusé de réception du "
            "dossier complet;",
            "Vu l'enquête publique organisée conformément aux articles D.VIII.1 et "
            "suivants du Code précité, et les réclamations introduites;",
            "Vu l'avis favorable conditionnel du fonctionnaire délégué;",
            "Considérant que le projet respecte l'affectation en zone d'habitat au plan "
            "de secteur;",
            "Considérant que les réclamations portant sur la mobilité sont rencontrées "
            "par l'élargissement du chemin des Marronniers;",
        ),
        decision=(
            "Le permis d'urbanisation sollicité par la SRL Immo Meuse pour la création de "
            "vingt-quatre lots, chemin des Marronniers à Wépion, est octroyé aux "
            "conditions de l'avis du fonctionnaire délégué.",
            "Le demandeur réalise à ses frais les charges d'urbanisme décrites en annexe.",
            "La présente décision est notifiée au demandeur et au fonctionnaire délégué.",
        ),
        legal_basis=(
            "CoDT, art. D.IV.2, D.IV.15, D.IV.41 et D.IV.46\n"
            "Décret du 6 février 2014 relatif à la voirie communale"
        ),
    ),
    ActSpec(
        city="namur",
        service="travaux",
        title="Autorisation d'occupation du domaine public — terrasse rue de Bruxelles",
        description="Terrasse saisonnière devant l'établissement « Le Temps des Cerises ».",
        kind="college_decision",
        body="college",
        matter="other",
        state="executory",
        session_days_ago=12,
        persons_concerned="Jean-Philippe Van den Berghe, rue de Bruxelles 74, 5000 Namur",
        motivation=(
            "Vu le règlement général de police, notamment son chapitre relatif à "
            "l'occupation privative de la voie publique;",
            "Vu la demande introduite le {advice} par M. Jean-Philippe Van den Berghe, "
            "domicilié rue de Bruxelles 74 à 5000 Namur (registre national "
            "85.07.30-033.28), exploitant de l'établissement « Le Temps des Cerises », "
            "joignable au 0475 12 34 56 ou à jp.vandenberghe@example.be;",
            "Vu l'avis favorable du service des Travaux;",
            "Considérant que la terrasse laisse un passage libre d'au moins 1,50 m aux piétons;",
        ),
        decision=(
            "M. Van den Berghe est autorisé à installer une terrasse de 12 m² devant le "
            "n° 74 de la rue de Bruxelles, du 1er avril au 30 septembre.",
            "La redevance de 1 234,56 € est versée au compte BE71 0961 2345 6769 de la "
            "Ville avant l'installation.",
            "L'autorisation est précaire et révocable.",
        ),
        legal_basis="Règlement général de police, chapitre « Occupation de la voie publique »",
    ),
    ActSpec(
        city="namur",
        service="urbanisme",
        title="Arrêté du bourgmestre — immeuble menaçant ruine, rue des Brasseurs",
        description="Interdiction d'accès et mesures de sécurisation immédiates.",
        kind="mayor_order",
        body="bourgmestre",
        matter="other",
        state="executory",
        session_days_ago=9,
        motivation=(
            "Vu la Nouvelle loi communale, notamment les articles 133, alinéa 2, et 135, § 2;",
            "Vu le rapport de la zone de secours et le rapport du service de l'Urbanisme "
            "constatant l'effondrement partiel de la façade arrière de l'immeuble;",
            "Considérant que l'état de l'immeuble présente un danger grave et imminent pour "
            "ses occupants et pour les passants;",
            "Considérant qu'il y a urgence et que le moindre retard pourrait occasionner "
            "des dangers;",
        ),
        decision=(
            "L'accès à l'immeuble sis rue des Brasseurs et l'occupation de celui-ci sont "
            "interdits jusqu'à nouvel ordre.",
            "Le propriétaire fait étançonner la façade dans les quarante-huit heures; à "
            "défaut, la Ville y procède d'office à ses frais.",
            "Le trottoir est fermé à la circulation des piétons au droit de l'immeuble.",
            "La police locale est chargée de l'exécution du présent arrêté.",
        ),
        legal_basis="Nouvelle loi communale, art. 133, al. 2, et 135, § 2",
    ),
    ActSpec(
        city="namur",
        service="urbanisme",
        title="Règlement communal relatif aux primes à la rénovation des façades",
        kind="regulation",
        body="conseil",
        matter="other_regulation",
        state="proposed",
        is_regulation=True,
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-30, L1133-1 et L1133-2 et L3331-1 à L3331-8;",
            "Considérant la volonté de la Ville d'encourager l'embellissement des façades "
            "du centre historique;",
        ),
        decision=(
            "Une prime à la rénovation des façades visibles depuis la voie publique est "
            "accordée aux propriétaires, à concurrence de 30 % du coût des travaux, "
            "plafonnée à 5 000 € par immeuble.",
            "La prime est accordée par le collège communal dans la limite des crédits budgétaires.",
            "Le présent règlement entre en vigueur le 1er janvier 2027.",
        ),
        legal_basis="CDLD, art. L1122-30, L1133-1, L1133-2 et L3331-1 à L3331-8",
    ),
    # --- Gembloux -------------------------------------------------------------------
    ActSpec(
        city="gembloux",
        service="finances",
        title="Budget communal de l'exercice 2027",
        kind="deliberation",
        body="conseil",
        matter="budget",
        state="draft",
        motivation=(
            "Vu la Constitution, notamment les articles 41 et 162;",
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-23, L1122-26, L1122-30 et L3131-1;",
            "Vu l'arrêté du Gouvernement wallon du 5 juillet 2007 portant le règlement "
            "général de la comptabilité communale;",
            "Vu la circulaire budgétaire relative à l'élaboration des budgets des communes "
            "de la Région wallonne pour l'année 2027;",
            "Considérant que le projet de budget a été soumis à la commission visée à "
            "l'article 12 du règlement général de la comptabilité communale;",
        ),
        decision=(
            "Le budget communal de l'exercice 2027 est arrêté (montants à compléter après "
            "la réunion de la commission budgétaire).",
        ),
        legal_basis="CDLD, art. L1122-23, L1122-26, L1122-30 et L3131-1",
    ),
    ActSpec(
        city="gembloux",
        service="finances",
        title="Octroi de subsides aux clubs sportifs gembloutois pour l'année 2026",
        kind="deliberation",
        body="conseil",
        matter="other",
        state="executory",
        session_days_ago=61,
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-30 et L3331-1 à L3331-8;",
            "Vu le règlement communal relatif à l'octroi de subsides aux associations sportives;",
            "Considérant que les clubs bénéficiaires ont justifié l'emploi des subsides "
            "perçus l'année précédente;",
        ),
        decision=(
            "Des subsides d'un montant total de 38 500 € sont octroyés aux clubs sportifs "
            "repris au tableau annexé.",
            "Les bénéficiaires justifient l'emploi des subsides au plus tard le 30 juin 2027.",
        ),
        legal_basis="CDLD, art. L1122-30 et L3331-1 à L3331-8",
        votes=("unanimity", 25),
    ),
    ActSpec(
        city="gembloux",
        service="travaux",
        title="Marché de services — collecte des déchets de voirie : attribution",
        kind="college_decision",
        body="college",
        matter="public_procurement",
        state="annulled",
        session_days_ago=70,
        transmitted_days_ago=64,
        received_days_ago=62,
        outcome="annulled",
        outcome_days_ago=40,
        comment="Arrêté ministériel d'annulation : les critères d'attribution appliqués "
        "diffèrent de ceux annoncés dans le cahier des charges.",
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1222-3 et L3122-2;",
            "Vu la loi du 17 juin 2016 relative aux marchés publics;",
            "Vu la loi du 17 juin 2013 relative à la motivation, à l'information et aux "
            "voies de recours en matière de marchés publics;",
            "Vu le rapport d'examen des offres du {college};",
            "Considérant que deux offres régulières ont été reçues;",
        ),
        decision=(
            "Le marché de services de collecte des déchets de voirie est attribué à la "
            "SA Propreté Hesbaye pour un montant annuel de 287 300,00 € hors TVA.",
            "La présente décision est transmise à l'autorité de tutelle.",
        ),
        legal_basis=(
            "CDLD, art. L1222-3 et L3122-2\nLoi du 17 juin 2016 relative aux marchés publics"
        ),
    ),
    ActSpec(
        city="gembloux",
        service="urbanisme",
        title="Permis d'urbanisme — rénovation d'une façade classée, Grand-Rue 5 : octroi",
        kind="college_decision",
        body="college",
        matter="other",
        state="executory",
        session_days_ago=22,
        related_dossier="Rénovation d'une façade classée",
        motivation=(
            "Vu le Code du Développement territorial, notamment ses articles D.IV.4 et D.IV.46;",
            "Vu le Code wallon du Patrimoine;",
            "Vu l'avis favorable de l'Agence wallonne du Patrimoine;",
            "Considérant que les travaux respectent les caractéristiques patrimoniales de "
            "la façade;",
        ),
        decision=(
            "Le permis d'urbanisme relatif à la rénovation de la façade classée sise "
            "Grand-Rue 5 à Gembloux est octroyé.",
            "Les châssis sont réalisés en bois, selon les profils existants.",
        ),
        legal_basis="CoDT, art. D.IV.4 et D.IV.46\nCode wallon du Patrimoine",
    ),
    ActSpec(
        city="gembloux",
        service="urbanisme",
        title="Règlement communal relatif aux primes à l'installation de citernes d'eau de pluie",
        kind="regulation",
        body="conseil",
        matter="other_regulation",
        state="proposed",
        is_regulation=True,
        motivation=(
            "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
            "articles L1122-30, L1133-1 et L1133-2;",
            "Considérant l'intérêt de réduire le ruissellement et la consommation d'eau de "
            "distribution;",
        ),
        decision=(
            "Une prime de 250 € est accordée pour l'installation d'une citerne d'eau de "
            "pluie d'au moins 5 000 litres raccordée à un usage domestique.",
            "Le présent règlement entre en vigueur le 1er janvier 2027.",
        ),
        legal_basis="CDLD, art. L1122-30, L1133-1 et L1133-2",
    ),
]


def _login(city: str, function: str, service: str) -> str:
    """The demo user: the secretary stands for the secretariat service's staff."""
    if function == "secretaire" or service == "secretariat":
        return f"{city}-secretaire"
    return f"{city}-{function}-{service}"


def _receipt_due_soon(regime: str, today: date) -> date:
    """A receipt date whose tutelle deadline falls within the coming week."""
    receipt = today - timedelta(days=26)
    while True:
        deadline = tutelle_deadlines.tutelle_deadline(regime, receipt)
        soon = calendar.urgency(deadline, today) == "soon" and deadline > today
        if soon and calendar.is_working_day(receipt):
            return receipt
        receipt -= timedelta(days=1)


def _propose(act, city: str, service: str) -> None:
    """The head of service proposes; the secretariat proposes its own acts."""
    do_transition(act, _login(city, "chef", service), "propose")


def _dossier(portal, city: str, title: str | None):
    if not title:
        return None
    for obj in portal[city]["dossiers"].objectValues():
        if obj.Title() == title:
            return obj
    logger.warning("Demo act: no case file %r in %s", title, city)
    return None


def _modified(act) -> None:
    """Deadlines and binding date follow the dates just set."""
    notify(ObjectModifiedEvent(act))
    act.reindexObject()


def _create(portal, spec: ActSpec, today: date):
    session = None
    if spec.session_days_ago is not None:
        session = _working_day_on_or_before(today - timedelta(days=spec.session_days_ago))
    anchor = session or today
    previous = _working_day_on_or_before(anchor - timedelta(days=28))
    words = {
        "session": _in_words(anchor),
        "advice": _in_words(_working_day_on_or_before(anchor - timedelta(days=9))),
        "college": _in_words(_working_day_on_or_before(anchor - timedelta(days=16))),
        "previous_session": _in_words(previous),
    }
    title = spec.title
    fields = {
        "title": title,
        "description": spec.description,
        "kind": spec.kind,
        "body": spec.body,
        "matter": spec.matter,
        "responsible_service": spec.service,
        "session_date": session,
        "motivation": _html(text.format(**words) for text in spec.motivation),
        "decision": _articles(text.format(**words) for text in spec.decision),
        "legal_basis": spec.legal_basis,
        "is_regulation": spec.is_regulation,
        "persons_concerned": spec.persons_concerned or None,
        "signatories": [
            dict(row)
            for row in SIGNATORIES[spec.city]
            if spec.body != "bourgmestre" or "Bourgmestre" in row["function"]
        ],
    }
    if spec.votes and spec.votes[0] == "unanimity":
        fields.update(unanimity=True, members_present=spec.votes[1], votes_for=spec.votes[1])
        fields.update(votes_against=0, votes_abstention=0)
    elif spec.votes:
        present, for_, against, abstention = spec.votes
        if for_ + against + abstention != present:
            raise ValueError(f"The votes of {title!r} do not add up")
        fields.update(
            members_present=present,
            votes_for=for_,
            votes_against=against,
            votes_abstention=abstention,
        )
    dossier = _dossier(portal, spec.city, spec.related_dossier)
    if dossier is not None:
        fields["related_dossier"] = RelationValue(getUtility(IIntIds).getId(dossier))
    author = _login(spec.city, "agent", spec.service)
    with api.env.adopt_user(username=author):
        act = api.content.create(
            container=portal[spec.city]["actes"],
            type="Act",
            id=slug(title),
            safe_id=True,
            **fields,
        )
    _run(act, spec, today)
    return act


def _path(spec: ActSpec) -> tuple[str, ...]:
    """The transitions from the draft to the state wanted, given the regime."""
    regime = tutelle.regime_for(spec.matter)
    path = PATHS[spec.state]
    if spec.state in ("executory", "annulled") and regime != tutelle.NONE:
        path = PATHS["transmitted"]
        # Under the general tutelle, transmit declares the act executory itself.
        if spec.state == "executory" and regime == tutelle.APPROVAL:
            path += ("declare_executory",)
        if spec.state == "annulled":
            path += ("annul",)
    return path


def _run(act, spec: ActSpec, today: date) -> None:
    secretary = _login(spec.city, "secretaire", spec.service)
    for transition in _path(spec):
        if transition == "propose":
            _propose(act, spec.city, spec.service)
            continue
        if transition == "transmit":
            act.transmission_date = _days_ago(today, spec.transmitted_days_ago)
        if transition in ("declare_executory", "annul") and spec.outcome:
            # The authority's decision comes first; the secretary records it.
            act.tutelle_outcome = spec.outcome
            act.tutelle_outcome_date = _days_ago(today, spec.outcome_days_ago)
            _modified(act)
        comment = spec.comment if transition in ("postpone", "refuse", "annul") else ""
        # The demo's history: these acts went to the tutelle before the platform.
        with transmitted_before_the_platform():
            do_transition(act, secretary, transition, comment)
        if transition == "transmit" and spec.received_days_ago is not None:
            if spec.received_days_ago == "soon":
                receipt = _receipt_due_soon(act.tutelle_regime, today)
            else:
                receipt = _days_ago(today, spec.received_days_ago)
            act.tutelle_receipt_date = receipt
            _modified(act)
    if spec.published_days_after_session is not None and act.session_date:
        act.publication_date = act.session_date + timedelta(days=spec.published_days_after_session)
        _modified(act)


def create_demo_acts(portal) -> int:
    """Create the demo acts once (an act whose title exists is skipped); the number created."""
    today = calendar.belgian_today()
    created = 0
    # Oldest session first: numbers then follow the sessions within each body.
    order = sorted(
        ACTS,
        key=lambda spec: (
            spec.session_days_ago is None,
            -(spec.session_days_ago or 0),
        ),
    )
    for spec in order:
        folder = portal[spec.city]["actes"]
        if any(obj.Title() == spec.title for obj in folder.objectValues()):
            continue
        _create(portal, spec, today)
        created += 1
    return created
