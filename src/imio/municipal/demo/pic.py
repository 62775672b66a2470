"""The demo PIC plans 2025-2027.

Each plan is built by the agent of the finance service of its municipality,
with its investment sheets. Amounts are Decimal strings, never floats: the
estimates excl. VAT are round figures and the estimates incl. VAT are those
× 1.21, to the cent. Drawing rights, streets and PST objectives are plausible,
not real figures.

- **Namur**: its subsidies fit within its drawing right; the council adopted
  the plan (a council act of this module, adopted at the last session), and
  the secretary recorded that approval and transmitted the plan while the
  demo was built, before any endpoint was configured: a package to deposit
  by hand (the exchange journal shows it).
- **Gembloux** has two plans for the same period, as a municipality does
  once its PIC is adopted and it prepares a change to it. ``pic/rules.py`` has one
  plan per period in mind but enforces nothing, and the period cannot change
  (2025-2027 is the current one), so:

  - « Plan d'investissement communal 2025-2027 » is the valid plan: within
    its envelope, adopted by the council and recorded as approved. It is left
    *approved by the council* here; when the demo is built against the
    regional simulator (``make run``), ``demo_exchange.send_showcase``
    transmits it and runs the exchange worker, which sends it to the Guichet
    and records the receipt; the region's approval comes later by polling.
    Without the simulator it stays ready to transmit.
  - « … — projet de modification » is a draft being arbitrated: it adds the
    school roof of Grand-Leez and so programmes more than the envelope; its
    page shows the red bar and by how much it is over. Approving it is
    refused with that reason.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from imio.municipal import logger
from imio.municipal.core import calendar
from imio.municipal.core import money
from imio.municipal.demo.acts import _articles
from imio.municipal.demo.acts import _html
from imio.municipal.demo.acts import _in_words
from imio.municipal.demo.acts import _working_day_on_or_before
from imio.municipal.demo.acts import SIGNATORIES
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_investment
from imio.municipal.demo.builders import build_plan
from imio.municipal.demo.builders import do_transition
from imio.municipal.pic import rules as pic
from plone import api
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.event import notify
from zope.intid.interfaces import IIntIds
from zope.lifecycleevent import ObjectModifiedEvent


PLAN_TITLE = "Plan d'investissement communal 2025-2027"
# Gembloux's draft change of its adopted plan, over the envelope on purpose.
DRAFT_TITLE = "Plan d'investissement communal 2025-2027 — projet de modification"
PERIOD = "2025-2027"
ACT_TITLE = "Plan d'investissement communal 2025-2027 : approbation"
# The council session that adopted Namur's plan, in days before today (the
# same session as the most recent council acts of the demo).
ACT_SESSION_DAYS_AGO = 5


@dataclass(frozen=True)
class InvestmentSpec:
    title: str
    category: str
    location: str
    estimate_excl_vat: str
    estimate_incl_vat: str
    phase: str
    priority: int
    pst_objective: str
    description: str = ""
    spge_share: str | None = None


# Where the demo leaves a plan: a draft, approved by the council (ready to
# transmit), or approved and transmitted.
DRAFT, APPROVED, TRANSMITTED = "draft", "approved_council", "transmitted"


@dataclass(frozen=True)
class Vote:
    """The council vote adopting a plan (the size of each council differs)."""

    present: int
    for_: int
    against: int
    abstention: int


@dataclass(frozen=True)
class PlanSpec:
    city: str
    envelope: str
    description: str
    investments: tuple[InvestmentSpec, ...]
    title: str = PLAN_TITLE
    state: str = DRAFT
    vote: Vote | None = None


# Gembloux's investment sheets (its adopted plan and its draft change share them).
LONZEE = InvestmentSpec(
    title="Égouttage et réfection de la rue du Moulin à Lonzée",
    description="Dossier conjoint avec la SPGE.",
    category="sewers",
    location="Rue du Moulin, 5030 Lonzée",
    estimate_excl_vat="800000.00",
    estimate_incl_vat="968000.00",
    spge_share="380000.00",
    phase="B",
    priority=1,
    pst_objective="OS 3.2 — Protéger les ressources en eau",
)
CHAPELLE_MARION = InvestmentSpec(
    title="Réfection de la rue Chapelle Marion",
    category="roads",
    location="Rue Chapelle Marion, 5030 Gembloux",
    estimate_excl_vat="650000.00",
    estimate_incl_vat="786500.00",
    phase="A",
    priority=2,
    pst_objective="OS 2.1 — Entretenir et sécuriser les voiries communales",
)
GRAND_LEEZ_ROOF = InvestmentSpec(
    title="Rénovation de la toiture de l'école communale de Grand-Leez",
    category="buildings",
    location="Rue de la Station, 5031 Grand-Leez",
    estimate_excl_vat="400000.00",
    estimate_incl_vat="484000.00",
    phase="A",
    priority=3,
    pst_objective="OS 4.1 — Rénover le patrimoine scolaire",
)
SAUVENIERE_CYCLE_LINK = InvestmentSpec(
    title="Liaison cyclable entre Gembloux et Sauvenière",
    category="roads",
    location="Gembloux — Sauvenière",
    estimate_excl_vat="300000.00",
    estimate_incl_vat="363000.00",
    phase="A",
    priority=4,
    pst_objective="OS 2.3 — Développer la mobilité douce",
)


PLANS = (
    PlanSpec(
        city="namur",
        envelope="4213578.00",
        description="Droit de tirage 2025-2027 du Fonds régional pour les investissements "
        "communaux (FRIC) : voiries, égouttage et bâtiments scolaires.",
        state=TRANSMITTED,
        vote=Vote(present=42, for_=31, against=0, abstention=11),
        investments=(
            InvestmentSpec(
                title="Égouttage et réfection de la rue des Carmes",
                description="Dossier conjoint avec la SPGE : pose d'un nouveau collecteur "
                "et réfection complète de la voirie.",
                category="sewers",
                location="Rue des Carmes, 5000 Namur",
                estimate_excl_vat="1500000.00",
                estimate_incl_vat="1815000.00",
                spge_share="690000.00",
                phase="C",
                priority=1,
                pst_objective="OS 3.1 — Préserver la qualité des eaux et du cadre de vie",
            ),
            InvestmentSpec(
                title="Réfection de la chaussée de Louvain",
                description="Raclage-pose du revêtement, trottoirs et pistes cyclables "
                "séparées entre le rond-point de Bouge et la rue de Bomel.",
                category="roads",
                location="Chaussée de Louvain, 5000 Namur",
                estimate_excl_vat="1750000.00",
                estimate_incl_vat="2117500.00",
                phase="B",
                priority=2,
                pst_objective="OS 2.3 — Améliorer la mobilité douce",
            ),
            InvestmentSpec(
                title="Rénovation énergétique de l'école communale de Jambes",
                description="Isolation de l'enveloppe, remplacement des châssis et de la "
                "chaufferie, panneaux photovoltaïques.",
                category="buildings",
                location="Rue de Dave, 5100 Jambes",
                estimate_excl_vat="1200000.00",
                estimate_incl_vat="1452000.00",
                phase="D",
                priority=3,
                pst_objective="OS 4.2 — Réduire la consommation énergétique des bâtiments "
                "communaux",
            ),
            InvestmentSpec(
                title="Aménagement de la place de la Station",
                description="Espace partagé piétons-cyclistes, arrêts de bus et "
                "stationnement vélos sécurisé.",
                category="roads",
                location="Place de la Station, 5000 Namur",
                estimate_excl_vat="950000.00",
                estimate_incl_vat="1149500.00",
                phase="A",
                priority=4,
                pst_objective="OS 2.3 — Améliorer la mobilité douce",
            ),
            InvestmentSpec(
                title="Réfection des trottoirs de l'avenue de la Plante",
                description="Trottoirs élargis aux normes PMR et traversées sécurisées.",
                category="roads",
                location="Avenue de la Plante, 5000 Namur",
                estimate_excl_vat="420000.00",
                estimate_incl_vat="508200.00",
                phase="B",
                priority=5,
                pst_objective="OS 2.1 — Entretenir et sécuriser les voiries communales",
            ),
            InvestmentSpec(
                title="Égouttage de la rue du Trieu à Wépion",
                description="Égouttage prioritaire du PASH, avec la SPGE.",
                category="sewers",
                location="Rue du Trieu, 5100 Wépion",
                estimate_excl_vat="380000.00",
                estimate_incl_vat="459800.00",
                spge_share="210000.00",
                phase="A",
                priority=6,
                pst_objective="OS 3.1 — Préserver la qualité des eaux et du cadre de vie",
            ),
        ),
    ),
    PlanSpec(
        city="gembloux",
        envelope="1104236.00",
        description="Programmation 2025-2027 du Fonds régional pour les investissements "
        "communaux (FRIC), adoptée par le conseil communal : égouttage, voiries et "
        "mobilité douce.",
        state=APPROVED,
        vote=Vote(present=25, for_=18, against=0, abstention=7),
        investments=(LONZEE, CHAPELLE_MARION, SAUVENIERE_CYCLE_LINK),
    ),
    PlanSpec(
        city="gembloux",
        title=DRAFT_TITLE,
        envelope="1104236.00",
        description="Projet de modification du PIC 2025-2027 adopté, en cours "
        "d'arbitrage : il ajoute la toiture de l'école de Grand-Leez, et la "
        "programmation dépasse encore le droit de tirage.",
        investments=(LONZEE, CHAPELLE_MARION, GRAND_LEEZ_ROOF, SAUVENIERE_CYCLE_LINK),
    ),
)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def plan_totals(spec: PlanSpec) -> pic.PlanTotals:
    """The totals of a demo plan, computed from its specification."""
    rows = [
        pic.investment_amounts(
            Decimal(item.estimate_incl_vat), _decimal(item.spge_share), category=item.category
        )
        for item in spec.investments
    ]
    return pic.plan_totals(rows, Decimal(spec.envelope))


def _find(folder, portal_type: str, title: str):
    for obj in folder.objectValues():
        if obj.portal_type == portal_type and obj.Title() == title:
            return obj
    return None


def _approving_act(portal, spec: PlanSpec):
    """The adopted council act approving the plan: found by its title, else created.

    Written by the agent of the finances, proposed by their head, validated and
    adopted by the secretary, at a past session.
    """
    city = spec.city
    existing = _find(portal[city]["actes"], "Act", ACT_TITLE)
    if existing is not None:
        return existing
    today = calendar.belgian_today()
    session = _working_day_on_or_before(today - timedelta(days=ACT_SESSION_DAYS_AGO))
    advice = _working_day_on_or_before(session - timedelta(days=9))
    college = _working_day_on_or_before(session - timedelta(days=16))
    totals = plan_totals(spec)
    envelope = money.format_eur(totals.envelope)
    act = build_act(
        portal,
        municipality=city,
        title=ACT_TITLE,
        description="Programmation 2025-2027 des investissements subsidiés par le Fonds "
        "régional pour les investissements communaux (FRIC).",
        kind="deliberation",
        body="conseil",
        matter="other",
        responsible_service="finances",
        session_date=session,
        motivation=_html(
            (
                "Vu le Code de la démocratie locale et de la décentralisation, notamment ses "
                "articles L1122-30 et L3341-1 et suivants;",
                "Vu le décret du 4 octobre 2018 modifiant le Code de la démocratie locale et "
                "de la décentralisation en ce qui concerne les subventions à certains "
                "investissements d'intérêt public et établissant un Fonds régional pour les "
                "investissements communaux;",
                "Vu le courrier du Service public de Wallonie notifiant à la Ville son droit "
                f"de tirage pour la période 2025-2027, soit {envelope};",
                f"Vu le projet de plan arrêté par le collège communal en séance du "
                f"{_in_words(college)};",
                f"Vu l'avis favorable du directeur financier rendu le {_in_words(advice)};",
                "Considérant que les travaux d'égouttage inscrits au plan font l'objet d'une "
                "intervention de la Société publique de gestion de l'eau (SPGE);",
                "Considérant que les subsides sollicités ne dépassent pas le droit de tirage "
                "attribué à la Ville;",
                "Sur proposition du collège communal;",
            )
        ),
        decision=_articles(
            (
                f"Le plan d'investissement communal 2025-2027 est approuvé tel qu'annexé : "
                f"{len(spec.investments)} investissements, pour un montant estimé de "
                f"{money.format_eur(totals.estimates)} TVAC, dont "
                f"{money.format_eur(totals.spge)} à charge de la SPGE, et un subside "
                f"régional sollicité de {money.format_eur(totals.subsidies)}.",
                "Le plan est transmis au Service public de Wallonie (SPW Mobilité et "
                "Infrastructures) par le Guichet unique.",
                "Le collège communal est chargé de l'exécution de la présente délibération.",
            )
        ),
        legal_basis=(
            "CDLD, art. L1122-30 et L3341-1 et suivants\n"
            "Décret du 4 octobre 2018 (Fonds régional pour les investissements communaux)"
        ),
        signatories=[dict(row) for row in SIGNATORIES[city]],
        members_present=spec.vote.present,
        votes_for=spec.vote.for_,
        votes_against=spec.vote.against,
        votes_abstention=spec.vote.abstention,
    )
    do_transition(act, f"{city}-chef-finances", "propose")
    secretary = f"{city}-secretaire"
    do_transition(act, secretary, "validate")
    do_transition(act, secretary, "adopt")
    return act


def _create_plan(portal, spec: PlanSpec):
    agent = f"{spec.city}-agent-finances"
    plan = build_plan(
        portal,
        municipality=spec.city,
        user=agent,
        title=spec.title,
        period=PERIOD,
        description=spec.description,
        envelope=Decimal(spec.envelope),
        responsible_service="finances",
    )
    for item in spec.investments:
        build_investment(
            plan,
            user=agent,
            title=item.title,
            description=item.description,
            category=item.category,
            location=item.location,
            estimate_excl_vat=Decimal(item.estimate_excl_vat),
            estimate_incl_vat=Decimal(item.estimate_incl_vat),
            spge_share=_decimal(item.spge_share),
            phase=item.phase,
            priority=item.priority,
            pst_objective=item.pst_objective,
        )
    if spec.state in (APPROVED, TRANSMITTED):
        act = _approving_act(portal, spec)
        plan.approving_act = RelationValue(getUtility(IIntIds).getId(act))
        notify(ObjectModifiedEvent(plan))
        secretary = f"{spec.city}-secretaire"
        do_transition(plan, secretary, "approve_council")
        if spec.state == TRANSMITTED:
            do_transition(plan, secretary, "transmit")
    return plan


def create_demo_pic(portal) -> int:
    """Create the demo PIC plans once (a plan whose title exists is skipped);
    the number of plans created."""
    created = 0
    for spec in PLANS:
        folder = portal[spec.city]["pic"]
        if _find(folder, "InvestmentPlan", spec.title) is not None:
            continue
        plan = _create_plan(portal, spec)
        logger.info("Demo PIC plan %s: %s", plan.absolute_url_path(), api.content.get_state(plan))
        created += 1
    return created
