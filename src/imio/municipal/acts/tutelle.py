"""The Region's supervision ("tutelle") of municipal acts, and its sources (Plone-free).

Walloon municipalities are under the administrative supervision of the Region:
Code de la démocratie locale et de la décentralisation (CDLD), Part III, Book I
(articles L3111-1 ff.). This module holds what an Act needs from it: the regime
of each matter, the bodies and kinds of acts, the outcomes of a tutelle
decision, the delays, and the states an Act goes through. Legal
constants live in one module, next to their article. Dates are computed by
:mod:`imio.municipal.dossiers.deadlines`.

Sources, and how far each fact was checked (stored public copies; the CDLD on
wallex.wallonie.be could not be read from here, so no article below was read in
its consolidated text):

Regimes (three kinds of tutelle in Wallonia: general annulment, special
approval, coercive; interieur.wallonie.be, "Comprendre comment fonctionne la
tutelle régionale", 2024):

- Special approval tutelle (CDLD L3131-1 lists the acts, L3132-1 the procedure):
  the act "ne peut être exécuté ... que lorsque l'acte aura été approuvé ou que
  le délai d'approbation est expiré"; it covers "comptes annuels, budgets,
  dispositions générales en matière de personnel, etc." (interieur.wallonie.be).
  Budgets: transmitted within 15 days of the vote, decision "approbation,
  réformation ou non approbation" within 30 days "prorogeable de moitié"
  (article L3132-1; interieur.wallonie.be, budget of a régie communale
  ordinaire); "30 jours qui peuvent être prorogés de maximum 15 ... A défaut de
  décision dans le délai, l'acte est exécutoire" (Parliament of Wallonia,
  written questions 183 (2008-2009) and 307 (2010-2011)). The 40 days sometimes quoted
  are the council's own delay as tutelle authority over CPAS
  budgets (same questions) and over the fabriques d'église (wallonie.religio.be),
  not the Region's delay over communal acts.
  Tax and fee regulations: under approval (not read in the text); the
  regional page on additional taxes (below) singles those out as the
  exception, which is consistent, but the item of L3131-1 was not read.
  Participations in associations or companies and the creation of a régie
  communale autonome: "en tutelle spéciale d'approbation, la compétence de
  tutelle sur les décisions communales relatives à la prise de participation
  dans des associations ou sociétés ..., la création d'une régie communale
  autonome ... est attribuée au Gouvernement wallon" (a parliamentary text
  quoted by wordscope.be; its date is unknown).
- General annulment tutelle with obligatory transmission ("TGTO", CDLD L3122-2,
  not read): acts are sent to the Government within 15 days of
  their adoption and "ne pouvant être mis à exécution avant d'avoir été ainsi
  transmis"; once the file is complete at the tutelle authority "il peut en
  principe être valablement mis à exécution" (UVCW, "La tutelle sur les
  décisions en matière de marchés publics"). Public procurement: the award of
  contracts above amounts that depend on the procedure (UVCW gives 250,000 EUR
  excl. VAT for works in open procedure; the thresholds changed on 1 March 2023,
  decree of 6 October 2022, UVCW art-7733, new figures not read). Additional
  taxes (to the personal income tax and the property withholding tax) are under
  the TGTO (interieur.wallonie.be, "Transmettre les centimes/taxes additionnels";
  the page cites "l'article L 3132-1", which looks like a slip for the list of
  L3122-2: not checked). The annulment delay is 30 days "prorogeable de moitié"
  (interieur.wallonie.be, acts of intercommunales under the TGTO; 30 days are
  kept for communal acts).
- Every other act is still subject to general annulment (L3122-1, not read)
  but need not be transmitted: it is executory at once, and is modelled as
  :data:`NONE` ("Pas de tutelle" in the user interface). Not checked: whether
  the L3122-2 list also names some individual staff decisions (e.g. on the
  "grades légaux"); they are under :data:`NONE` here.

Delays (CDLD L3113-1 and the following article, text of 2019 quoted by
wallonie.religio.be): the delay runs from the day the tutelle authority
receives the act with its justificatory pieces, that day not included; the last
day counts, and moves to the next working day when it is a Saturday, a Sunday
or one of the days listed there (:data:`TUTELLE_HOLIDAYS_FR`), which adds
27 September, 2 and 15 November and 26 December to the federal holidays. Since
2019 the delays are no longer suspended from 15 July to 15 August (same page).
The extension of at most half the delay is the rule of every tutelle authority
in the décret du 20 juillet 1989, art. 4 (wallex), and the "prorogeable de
moitié" of the pages above; its CDLD article was not read.

Bodies and kinds of acts: the council regulates and makes police ordinances; the
college makes temporary police ordinances on road traffic (Nouvelle loi
communale, art. 130bis); the mayor makes police ordinances in urgency ("en cas
d'émeutes, d'attroupements hostiles ou d'autres événements imprévus, lorsque le
moindre retard pourrait occasionner des dangers"), communicates them at once to
the council, which must confirm them at its next meeting (NLC art. 134; both per
ohey.be, "Cadre légal").

Publication: regulations and ordinances "deviennent obligatoires le cinquième
jour qui suit le jour de leur publication" (CDLD L1133-2 before its 2024
rewrite, per elegis.be; the 5th day is kept for the text in force since
1 July 2025, which was not read).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from imio.municipal import _
from imio.municipal.errors import InvalidInput
from types import MappingProxyType
from typing import ClassVar
from typing import Literal
from typing import TypeVar

import re


# Regime codes.
NONE = "none"
GENERAL = "general"
APPROVAL = "approval"

# Days the authority has to decide, from the day after it receives the act with
# its justificatory pieces: CDLD L3132-1 (approval, verified for budgets); the
# TGTO's annulment delay per interieur.wallonie.be.
APPROVAL_DAYS = 30
ANNULMENT_DAYS = 30
# One extension of at most half the delay ("prorogeable de moitié").
MAX_EXTENSION_DAYS = 15
# The municipality sends the act within 15 days of its adoption (UVCW; budgets:
# interieur.wallonie.be, CDLD L3132-1).
TRANSMISSION_DAYS = 15
# Days, other than Saturdays and Sundays, that move the last day of a tutelle
# delay (CDLD L3113-1 ff., as quoted by wallonie.religio.be). Government decrees
# may add days: not modelled.
TUTELLE_HOLIDAYS_FR = (
    "le 1er janvier, le lundi de Pâques, le 1er mai, l'Ascension, le lundi de "
    "Pentecôte, le 21 juillet, le 15 août, le 27 septembre, les 1er, 2, 11 et "
    "15 novembre, les 25 et 26 décembre"
)
# Those of the days above that are not federal public holidays, as (month, day).
EXTRA_TUTELLE_HOLIDAYS = ((9, 27), (11, 2), (11, 15), (12, 26))
# CDLD L1133-2: regulations and ordinances bind from the 5th day after publication.
BINDING_DAYS_AFTER_PUBLICATION = 5

# The states of an Act that the tutelle decides (the workflow may name its own).
EXECUTORY = "executory"
TRANSMISSION_PENDING = "transmission_pending"
ANNULLED = "annulled"
State = Literal["executory", "transmission_pending", "annulled"]


class UnknownCode(InvalidInput):
    """Raised for a code that is not in one of this module's mappings."""

    what = "code"
    known: Mapping[str, object] = MappingProxyType({})

    def __init__(self, code: object) -> None:
        self.code = code
        known = ", ".join(self.known)
        super().__init__(f"Unknown {self.what} {code!r}; known {self.what}s: {known}")


LEGAL_SOURCES = ("CDLD", "NLC", "CoDT", "Décret", "AGW")


def citation(article: str) -> str:
    """The legal citation shown to users: the source, without the notes on
    how it was checked (the parentheses), and nothing when it is only a note.

    >>> citation("CDLD art. L3131-1 (acts), L3132-1 (procedure, delay)")
    'CDLD art. L3131-1, L3132-1'
    >>> citation("No obligatory transmission to the Region (assumed)")
    ''
    """
    text = article
    while "(" in text:
        stripped = re.sub(r"\s*\([^()]*\)", "", text)
        if stripped == text:
            break
        text = stripped
    text = " ".join(text.split())
    return text if text.startswith(LEGAL_SOURCES) else ""


@dataclass(frozen=True)
class Regime:
    """A tutelle regime and its delays.

    >>> print(get_regime(APPROVAL).title_fr)
    Tutelle spéciale d'approbation
    """

    NONE: ClassVar[str] = NONE
    GENERAL: ClassVar[str] = GENERAL
    APPROVAL: ClassVar[str] = APPROVAL

    code: str
    # Translatable title (English default; the French catalog translates it).
    title: str
    # Plain French title, for documentation and demo content.
    title_fr: str
    article: str
    # Days the authority has to decide; None when nothing is transmitted.
    decision_days: int | None = None
    max_extension_days: int | None = None
    # The act may be carried out once transmitted (None: nothing to transmit).
    executory_on_transmission: bool | None = None

    @property
    def citation(self) -> str:
        return citation(self.article)


_REGIMES = (
    Regime(
        code=NONE,
        title=_("regime_none", default="No tutelle"),
        title_fr="Pas de tutelle",
        article=(
            "CDLD art. L3122-1 (general annulment without obligatory transmission; "
            "article not verified)"
        ),
    ),
    Regime(
        code=GENERAL,
        title=_(
            "regime_general",
            default="General annulment tutelle (obligatory transmission)",
        ),
        title_fr="Tutelle générale d'annulation (transmission obligatoire)",
        article="CDLD art. L3122-2 ff. (article not verified), L3113-1 (delays)",
        decision_days=ANNULMENT_DAYS,
        max_extension_days=MAX_EXTENSION_DAYS,
        executory_on_transmission=True,
    ),
    Regime(
        code=APPROVAL,
        title=_("regime_approval", default="Special approval tutelle"),
        title_fr="Tutelle spéciale d'approbation",
        article="CDLD art. L3131-1 (acts), L3132-1 (procedure, delay), L3113-1 (delays)",
        decision_days=APPROVAL_DAYS,
        max_extension_days=MAX_EXTENSION_DAYS,
        executory_on_transmission=False,
    ),
)

#: Every regime, by code.
REGIMES: Mapping[str, Regime] = MappingProxyType({r.code: r for r in _REGIMES})


@dataclass(frozen=True)
class Outcome:
    """What the tutelle authority decided, or that its delay expired."""

    code: str
    title: str
    title_fr: str
    # The state of the Act after this outcome.
    state: State


_OUTCOMES = (
    Outcome("approved", _("outcome_approved", default="Approved"), "Approuvé", EXECUTORY),
    Outcome(
        "approved_with_reform",
        _("outcome_approved_with_reform", default="Approved with reform"),
        "Approuvé avec réformation",
        EXECUTORY,
    ),
    Outcome("annulled", _("outcome_annulled", default="Annulled"), "Annulé", ANNULLED),
    # An act that is not approved never takes effect: the same end state.
    Outcome(
        "not_approved",
        _("outcome_not_approved", default="Not approved"),
        "Non approuvé",
        ANNULLED,
    ),
    # No decision within the delay: under approval the act becomes executory;
    # under general tutelle it can no longer be annulled.
    Outcome(
        "executory_by_expiry",
        _("outcome_executory_by_expiry", default="Executory (delay expired)"),
        "Exécutoire (délai expiré)",
        EXECUTORY,
    ),
)

#: Every outcome, by code.
OUTCOMES: Mapping[str, Outcome] = MappingProxyType({o.code: o for o in _OUTCOMES})

# Outcomes by regime; budgets and accounts may also be reformed (L3132-1 per
# interieur.wallonie.be: "approbation, réformation ou non approbation").
_APPROVAL_OUTCOMES = ("approved", "not_approved", "executory_by_expiry")
_REFORM_OUTCOMES = ("approved", "approved_with_reform", "not_approved", "executory_by_expiry")
_GENERAL_OUTCOMES = ("annulled", "executory_by_expiry")


@dataclass(frozen=True)
class Matter:
    """What an act is about, which decides its tutelle regime.

    >>> get_matter("budget").outcomes
    ('approved', 'approved_with_reform', 'not_approved', 'executory_by_expiry')
    """

    # ASCII token.
    code: str
    title: str
    title_fr: str
    regime: str
    # The source of the regime, and how far it was checked.
    article: str
    # The outcomes a tutelle decision on this matter can have (none without tutelle).
    outcomes: tuple[str, ...] = ()

    @property
    def citation(self) -> str:
        return citation(self.article)


def _matter(code: str, title: str, title_fr: str, regime: str, article: str) -> Matter:
    if regime == APPROVAL:
        reform = code in ("budget", "budget_amendment", "accounts")
        outcomes = _REFORM_OUTCOMES if reform else _APPROVAL_OUTCOMES
    elif regime == GENERAL:
        outcomes = _GENERAL_OUTCOMES
    else:
        outcomes = ()
    return Matter(code, title, title_fr, regime, article, outcomes)


_MATTERS = (
    _matter(
        "budget",
        _("matter_budget", default="Budget"),
        "Budget communal",
        APPROVAL,
        "CDLD art. L3131-1 (item not read), L3132-1 (interieur.wallonie.be)",
    ),
    _matter(
        "budget_amendment",
        _("matter_budget_amendment", default="Budget amendment"),
        "Modification budgétaire",
        APPROVAL,
        "CDLD art. L3131-1 (item not read), L3132-1 (Parliament of Wallonia, QE 183)",
    ),
    _matter(
        "accounts",
        _("matter_accounts", default="Annual accounts"),
        "Comptes annuels",
        APPROVAL,
        "CDLD art. L3131-1 (item not read; approval per interieur.wallonie.be)",
    ),
    _matter(
        "tax_regulation",
        _("matter_tax_regulation", default="Tax regulation"),
        "Règlement-taxe",
        APPROVAL,
        "CDLD art. L3131-1 (item not read)",
    ),
    _matter(
        "additional_tax",
        _(
            "matter_additional_tax",
            default="Additional tax (personal income tax, property withholding tax)",
        ),
        "Taxe additionnelle (IPP, précompte immobilier)",
        GENERAL,
        "CDLD art. L3122-2 (item not read; TGTO per interieur.wallonie.be)",
    ),
    _matter(
        "fee_regulation",
        _("matter_fee_regulation", default="Fee regulation"),
        "Règlement-redevance",
        APPROVAL,
        "CDLD art. L3131-1 (item not read)",
    ),
    _matter(
        "staff_provisions",
        _(
            "matter_staff_provisions",
            default="General staff provisions (staff establishment, statutes)",
        ),
        "Dispositions générales en matière de personnel (cadre, statuts)",
        APPROVAL,
        "CDLD art. L3131-1 (item not read; approval per interieur.wallonie.be)",
    ),
    _matter(
        "public_procurement",
        _(
            "matter_public_procurement",
            default="Public procurement award (above the tutelle thresholds)",
        ),
        "Attribution d'un marché public (au-delà des seuils de tutelle)",
        GENERAL,
        "CDLD art. L3122-2 (item not read; TGTO per UVCW; below the thresholds: other)",
    ),
    _matter(
        "intercommunale",
        _(
            "matter_intercommunale",
            default="Participation in an intercommunale or association",
        ),
        "Prise de participation (intercommunale, association)",
        APPROVAL,
        "CDLD art. L3131-1 (item not read; approval per a parliamentary text)",
    ),
    _matter(
        "regie",
        _("matter_regie", default="Autonomous municipal company (régie autonome)"),
        "Régie communale autonome",
        APPROVAL,
        "CDLD art. L3131-1 (item not read; approval of its creation per a parliamentary text)",
    ),
    _matter(
        "police_ordinance",
        _("matter_police_ordinance", default="Police ordinance"),
        "Ordonnance de police",
        NONE,
        "No obligatory transmission to the Region (assumed; NLC art. 134, 135 per "
        "UVCW and ohey.be make the ordinances, their tutelle was not checked)",
    ),
    _matter(
        "other_regulation",
        _("matter_other_regulation", default="Other regulation"),
        "Autre règlement",
        NONE,
        "CDLD art. L3122-1 (no obligatory transmission; article not verified)",
    ),
    _matter(
        "staff_individual",
        _("matter_staff_individual", default="Individual staff decision"),
        "Décision individuelle en matière de personnel",
        NONE,
        "CDLD art. L3122-1 (not checked against the L3122-2 list)",
    ),
    _matter(
        "other",
        _("matter_other", default="Other"),
        "Autre",
        NONE,
        "CDLD art. L3122-1 (no obligatory transmission; article not verified)",
    ),
)

#: Every matter, by code, in the order offered to users.
MATTERS: Mapping[str, Matter] = MappingProxyType({m.code: m for m in _MATTERS})


@dataclass(frozen=True)
class Body:
    """A municipal body that adopts acts."""

    code: str
    title: str
    title_fr: str


_BODIES = (
    Body("conseil", _("body_conseil", default="Municipal council"), "Conseil communal"),
    Body("college", _("body_college", default="Municipal college"), "Collège communal"),
    Body("bourgmestre", _("body_bourgmestre", default="Mayor"), "Bourgmestre"),
)

#: Every body, by code (the code is also used in act numbers).
BODIES: Mapping[str, Body] = MappingProxyType({b.code: b for b in _BODIES})


@dataclass(frozen=True)
class Kind:
    """A kind of act, and the bodies that may adopt it.

    >>> get_kind("police_ordinance").bodies
    ('conseil', 'college', 'bourgmestre')
    """

    code: str
    title: str
    title_fr: str
    bodies: tuple[str, ...]
    # Why these bodies.
    basis: str


_KINDS = (
    Kind(
        "deliberation",
        _("kind_deliberation", default="Council deliberation"),
        "Délibération du conseil communal",
        ("conseil",),
        "Only the council deliberates.",
    ),
    Kind(
        "college_decision",
        _("kind_college_decision", default="College decision"),
        "Décision du collège communal",
        ("college",),
        "A decision of the college.",
    ),
    Kind(
        "mayor_order",
        _("kind_mayor_order", default="Mayor's order"),
        "Arrêté du bourgmestre",
        ("bourgmestre",),
        "An individual police measure or other order of the mayor.",
    ),
    Kind(
        "regulation",
        _("kind_regulation", default="Regulation"),
        "Règlement",
        ("conseil",),
        "The council makes the municipal regulations (kept simple: council only).",
    ),
    Kind(
        "police_ordinance",
        _("kind_police_ordinance", default="Police ordinance"),
        "Ordonnance de police",
        ("conseil", "college", "bourgmestre"),
        "Council (NLC art. 135); college: temporary road-traffic ordinances (NLC art. "
        "130bis); mayor: in urgency, to be confirmed by the council (NLC art. 134).",
    ),
)

#: Every kind of act, by code.
KINDS: Mapping[str, Kind] = MappingProxyType({k.code: k for k in _KINDS})


class UnknownRegime(UnknownCode):
    """Raised for a regime code that is not in :data:`REGIMES`."""

    what = "regime"
    known = REGIMES


class UnknownMatter(UnknownCode):
    """Raised for a matter code that is not in :data:`MATTERS`."""

    what = "matter"
    known = MATTERS


class UnknownOutcome(UnknownCode):
    """Raised for an outcome code that is not in :data:`OUTCOMES`."""

    what = "outcome"
    known = OUTCOMES


class UnknownBody(UnknownCode):
    """Raised for a body code that is not in :data:`BODIES`."""

    what = "body"
    known = BODIES


class UnknownKind(UnknownCode):
    """Raised for a kind code that is not in :data:`KINDS`."""

    what = "kind"
    known = KINDS


_T = TypeVar("_T")


def _lookup(mapping: Mapping[str, _T], error: type[UnknownCode], code: object) -> _T:
    try:
        return mapping[code]  # type: ignore[index]
    except (KeyError, TypeError):
        raise error(code) from None


def get_regime(code: str) -> Regime:
    """The regime with this code.

    >>> get_regime(GENERAL).decision_days
    30
    """
    return _lookup(REGIMES, UnknownRegime, code)


def get_matter(code: str) -> Matter:
    """The matter with this code.

    >>> print(get_matter("tax_regulation").title_fr)
    Règlement-taxe
    """
    return _lookup(MATTERS, UnknownMatter, code)


def get_outcome(code: str) -> Outcome:
    """The outcome with this code.

    >>> print(get_outcome("approved_with_reform").title_fr)
    Approuvé avec réformation
    """
    return _lookup(OUTCOMES, UnknownOutcome, code)


def get_body(code: str) -> Body:
    """The body with this code.

    >>> print(get_body("college").title_fr)
    Collège communal
    """
    return _lookup(BODIES, UnknownBody, code)


def get_kind(code: str) -> Kind:
    """The kind of act with this code.

    >>> print(get_kind("mayor_order").title_fr)
    Arrêté du bourgmestre
    """
    return _lookup(KINDS, UnknownKind, code)


def regime_for(matter: str) -> str:
    """The tutelle regime of an act on ``matter``.

    >>> regime_for("budget"), regime_for("public_procurement"), regime_for("other")
    ('approval', 'general', 'none')
    """
    return get_matter(matter).regime


def allowed_bodies(kind: str) -> tuple[str, ...]:
    """The bodies that may adopt an act of this kind.

    >>> allowed_bodies("regulation")
    ('conseil',)
    """
    return get_kind(kind).bodies


def body_allowed(kind: str, body: str) -> bool:
    """Whether ``body`` may adopt an act of ``kind``.

    >>> body_allowed("police_ordinance", "bourgmestre"), body_allowed("deliberation", "college")
    (True, False)
    """
    get_body(body)
    return body in allowed_bodies(kind)


def outcome_allowed(matter: str, outcome: str) -> bool:
    """Whether a tutelle decision on ``matter`` can have ``outcome``.

    >>> outcome_allowed("budget", "approved_with_reform")
    True
    >>> outcome_allowed("tax_regulation", "approved_with_reform")
    False
    """
    get_outcome(outcome)
    return outcome in get_matter(matter).outcomes


def next_state_after_adoption(regime: str) -> State:
    """The state of an act once adopted.

    Without tutelle it is executory at once; otherwise it must first be sent to
    the tutelle authority (within :data:`TRANSMISSION_DAYS` of its adoption).

    >>> next_state_after_adoption(NONE), next_state_after_adoption(APPROVAL)
    ('executory', 'transmission_pending')
    """
    return EXECUTORY if get_regime(regime).code == NONE else TRANSMISSION_PENDING


def executory_on_transmission(regime: str) -> bool:
    """Whether an act under ``regime`` may be carried out once transmitted.

    General tutelle: yes, the Government may still annul it within its delay
    (UVCW). Approval: no, only once approved or when the delay expired
    (interieur.wallonie.be). :data:`NONE` has nothing to transmit: ValueError.

    >>> executory_on_transmission(GENERAL), executory_on_transmission(APPROVAL)
    (True, False)
    """
    executory = get_regime(regime).executory_on_transmission
    if executory is None:
        raise ValueError(f"Regime {regime!r} has no transmission to the tutelle authority")
    return executory


def state_after_outcome(outcome: str) -> State:
    """The state of an act after the tutelle ``outcome``.

    Approved (with or without reform) or not decided in time: executory;
    annulled or not approved: annulled (it never takes effect).

    >>> state_after_outcome("executory_by_expiry"), state_after_outcome("not_approved")
    ('executory', 'annulled')
    """
    return get_outcome(outcome).state
