"""The demo shared projects between Namur and Gembloux.

- A cycle path led by Namur, active: each council adopted the partnership
  agreement and the project runs, with its milestones and the signed agreement
  as a document.
- A joint energy purchasing group led by Gembloux, proposed to Namur: Gembloux's
  council approved it, Namur's deliberation is still to come, so the project
  page says whose approval is missing.

Figures, dates and names are plausible, not real.
"""

from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from decimal import Decimal
from imio.municipal import logger
from imio.municipal.acts import approving as approving_acts
from imio.municipal.core import calendar
from imio.municipal.demo.acts import _articles
from imio.municipal.demo.acts import _html
from imio.municipal.demo.acts import _in_words
from imio.municipal.demo.acts import _working_day_on_or_before
from imio.municipal.demo.acts import SIGNATORIES
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_project
from imio.municipal.demo.builders import do_transition
from imio.municipal.platform.structure import SHARED_PROJECTS_ID
from plone import api
from plone.namedfile.file import NamedBlobFile


INS = {"namur": "92094", "gembloux": "92142"}


@dataclass(frozen=True)
class ProjectSpec:
    title: str
    lead: str
    partner: str
    description: str
    objectives: str
    budget: str
    shares: tuple[tuple[str, str], ...]
    # (title, days from today, done)
    milestones: tuple[tuple[str, int, bool], ...]
    act_title: str
    act_purpose: str
    # The councils that adopted the agreement; the others have not yet.
    approved_by: tuple[str, ...]
    state: str


PROJECTS = (
    ProjectSpec(
        title="Liaison cyclable Namur – Gembloux",
        lead="namur",
        partner="gembloux",
        description="Aménagement d'une liaison cyclable sécurisée de 17 km entre la gare "
        "de Namur et la gare de Gembloux, le long de la N4 et du RAVeL.",
        objectives="Offrir aux navetteurs une alternative sûre à la voiture entre les deux "
        "gares.\nRelier les zonings de Créalys et d'Isnes au réseau cyclable régional.\n"
        "Introduire une demande commune de subside Wallonie cyclable.",
        budget="2480000.00",
        shares=(("namur", "55"), ("gembloux", "45")),
        milestones=(
            ("Convention de partenariat signée", -40, True),
            ("Étude d'avant-projet", 75, False),
            ("Demande de permis d'urbanisme", 200, False),
            ("Attribution du marché de travaux", 420, False),
        ),
        act_title="Liaison cyclable Namur – Gembloux : convention de partenariat",
        act_purpose="la réalisation commune d'une liaison cyclable entre Namur et Gembloux",
        approved_by=("namur", "gembloux"),
        state="active",
    ),
    ProjectSpec(
        title="Centrale d'achat d'énergie Gembloux – Namur",
        lead="gembloux",
        partner="namur",
        description="Marché conjoint de fourniture d'électricité verte et de gaz pour les "
        "bâtiments communaux et ceux des CPAS des deux communes (2027-2029).",
        objectives="Obtenir de meilleurs prix par un volume commun.\nGarantir une "
        "électricité 100 % renouvelable.\nMutualiser le suivi des consommations.",
        budget="186000.00",
        shares=(("gembloux", "35.5"), ("namur", "64.5")),
        milestones=(
            ("Cahier des charges commun", 30, False),
            ("Publication du marché", 90, False),
            ("Début de la fourniture", 400, False),
        ),
        act_title="Centrale d'achat d'énergie : adhésion et convention",
        act_purpose="la constitution d'une centrale d'achat commune pour la fourniture d'énergie",
        approved_by=("gembloux",),
        state="proposed",
    ),
)


def _approving_act(portal, spec: ProjectSpec, city: str, today: date):
    session = _working_day_on_or_before(today - timedelta(days=12 if city == "namur" else 19))
    college = _working_day_on_or_before(session - timedelta(days=14))
    partner_titles = {c: portal[c].Title() for c in (spec.lead, spec.partner)}
    other = partner_titles[spec.partner if city == spec.lead else spec.lead]
    share = dict(spec.shares)[city]
    act = build_act(
        portal,
        municipality=city,
        user=f"{city}-agent-finances",
        title=spec.act_title,
        description=f"Approbation de la convention avec la commune de {other} pour "
        f"{spec.act_purpose}.",
        kind="deliberation",
        body="conseil",
        matter="other",
        responsible_service="finances",
        session_date=session,
        motivation=_html(
            (
                "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
                "articles L1122-30 et L1512-1;",
                f"Vu le projet de convention de partenariat avec la commune de {other};",
                f"Vu la délibération du collège communal du {_in_words(college)};",
                f"Considérant l'intérêt communal que présente {spec.act_purpose};",
                f"Considérant que la quote-part de la commune s'élève à {share} % du budget "
                "du projet;",
                "Sur proposition du collège communal;",
            )
        ),
        decision=_articles(
            (
                f"La convention de partenariat avec la commune de {other} relative à "
                f"{spec.act_purpose} est approuvée.",
                f"La quote-part communale, soit {share} % du budget, est inscrite au budget "
                "extraordinaire.",
                "Le collège communal est chargé de l'exécution de la présente délibération.",
            )
        ),
        legal_basis="CDLD, art. L1122-30 et L1512-1",
        signatories=[dict(row) for row in SIGNATORIES[city]],
        members_present=37 if city == "namur" else 25,
        votes_for=37 if city == "namur" else 25,
        votes_against=0,
        votes_abstention=0,
        unanimity=True,
    )
    do_transition(act, f"{city}-chef-finances", "propose")
    do_transition(act, f"{city}-secretaire", "validate")
    do_transition(act, f"{city}-secretaire", "adopt")
    return act


def _agreement_document(project, spec: ProjectSpec) -> None:
    text = (
        f"Convention de partenariat — {spec.title}\n\n"
        f"Entre la commune de {spec.lead.title()} (commune pilote) et la commune de "
        f"{spec.partner.title()}.\n\nObjet : {spec.description}\n"
    )
    with api.env.adopt_user(username=f"{spec.lead}-secretaire"):
        api.content.create(
            container=project,
            type="File",
            id="convention-de-partenariat",
            title="Convention de partenariat (texte signé)",
            file=NamedBlobFile(
                data=text.encode("utf-8"), filename="convention.txt", contentType="text/plain"
            ),
        )


def _create(portal, spec: ProjectSpec, today: date):
    lead, partner = INS[spec.lead], INS[spec.partner]
    shares = [{"ins_code": INS[city], "percent": Decimal(p)} for city, p in spec.shares]
    milestones = [
        {"title": title, "due": today + timedelta(days=days), "done": done}
        for title, days, done in spec.milestones
    ]
    secretary = f"{spec.lead}-secretaire"
    project = build_project(
        portal,
        lead=lead,
        user=secretary,
        title=spec.title,
        description=spec.description,
        objectives=spec.objectives,
        partners=[partner],
        budget_total=Decimal(spec.budget),
        shares=shares,
        milestones=milestones,
    )
    _agreement_document(project, spec)
    do_transition(project, secretary, "propose")
    for city in spec.approved_by:
        act = _approving_act(portal, spec, city, today)
        with api.env.adopt_user(username=f"{city}-secretaire"):
            approving_acts.attach(project, act)
    if spec.state == "active":
        do_transition(project, secretary, "activate")
    return project


def create_demo_projects(portal) -> int:
    """Create the demo shared projects once (by title); the number created."""
    folder = portal[SHARED_PROJECTS_ID]
    existing = {obj.Title() for obj in folder.objectValues()}
    today = calendar.belgian_today()
    created = 0
    for spec in PROJECTS:
        if spec.title in existing:
            continue
        project = _create(portal, spec, today)
        logger.info("Demo shared project %s: %s", project.getId(), api.content.get_state(project))
        created += 1
    return created
