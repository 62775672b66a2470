"""The Plan d'investissement communal (PIC) of Wallonia, and its sources (Plone-free).

Each Walloon municipality gets from the Fonds régional pour les investissements
communaux (FRIC) a drawing right ("droit de tirage"): an envelope of regional
subsidy for a programming period. It spends it through its PIC, the list of
the investments (roads, public buildings, sewers …) it plans for the period,
each one followed through phases A to G. This module holds the periods,
phases and categories, the default subsidy rate, and the computations of an
investment sheet and of a plan against its envelope, as pure functions on
plain data. Amounts are :class:`~decimal.Decimal`, rounded with
:mod:`imio.municipal.core.money`; never floats. Legal constants live in
one module, next to their source.

Sources, and how far each fact was checked (stored public copies; neither the
CDLD nor the decree, the AGW or the circulars were read in their own text):

- Legal basis: CDLD Part III, Book III, Title IV, "subventions à certains
  investissements d'intérêt public", art. L3341-0 to L3343-11 (UVCW, focus
  art-2413), set up by the décret du 6 février 2014 (FRIC, PIC 2013-2016 and
  2017-2018) and reformed by the décret du 4 octobre 2018, in force on
  1 January 2019, with its executing AGW of 6 December 2018 and the circulaire
  of 15 October 2018 for the PIC 2019-2021 (interieur.wallonie.be, "Bénéficier
  de subsides régionaux pour les investissements inscrits dans les PIC",
  updated 16 March 2022; pouvoirslocaux.wallonie.be, FRIC page).
- Subsidy rate: the 2018 decree brought "l'augmentation du subside (60 % au
  lieu de 50 %)" (infrastructures.wallonie.be, "PIC – PIMACI 2022-24"); its
  FAQ: "L'enveloppe attribuée représente le subside, soit 60 % des travaux
  éligibles augmentés de 3 ou 5 % pour les frais d'étude et de 5 % pour les
  essais". The 50 % of 2013-2018: the minister's answer to written question
  675 (2015-2016), Parliament of Wallonia ("le double de cette enveloppe pour
  respecter le taux de subside de 50 %"). The article of the CDLD carrying the
  rate was not read. The study fees and tests on top of the works are not
  computed here: include them in an explicit ``eligible_amount``.
- Periods: since 2019 a municipality plans "pour deux périodes consécutives de
  trois ans chacune couvrant la législature" (interieur.wallonie.be, above;
  "2 fois 3 ans au lieu de 4 et 2 ans", infrastructures.wallonie.be). 2019-2021
  and 2022-2024 are named by those pages; 2025-2027 and 2028-2030 follow from
  the same rule for the 2024-2030 legislature, without a
  circular read for them. The earlier programmings (2013-2016, 2017-2018) are
  not in :data:`PERIODS`.
- Phases A to G: the forms of the PIC 2019-2021 on pouvoirslocaux.wallonie.be
  (FRIC page): "A. Formulaires de programmation" (introduced through the
  Guichet unique), "B Formulaire d'introduction d'un Avant-Projet", "C ... d'une
  demande d'avis sur projet", "D ... d'un dossier d'attribution", "E ... d'un
  dossier Acquisition", "F ... d'une pièce relative à l'exécution du chantier",
  "G ... d'un décompte final". So E is « Acquisition » (the other
  guess, « Approbation de l'attribution », is no phase name): it concerns an
  investment that buys a property, which has no works; reading it so is ours.
- SPGE (Société publique de gestion de l'eau): sewer works on the
  municipality's initiative "doivent être obligatoirement repris à un
  programme d'investissements (PIC)" (spge.be, "Approche détaillée de
  l'intervention de la SPGE"); the SPGE finances and owns the sewers, the
  municipality pays its part by subscribing capital of its intercommunale "pour
  un montant de travaux hors TVA", and for a joint file (sewer plus the road
  above it, "dossier conjoint") the SPGE also pays a lump sum for the road
  (spge.be, "Principes d'intervention de la SPGE"). Every PIC holding road
  works goes through the SPGE even without sewers (infrastructures.wallonie.be,
  FAQ). Modelled: an SPGE share only on a ``sewers`` investment (a joint file
  is entered as sewers), taken off the estimate before the regional subsidy.
- VAT: whether the eligible amount counts VAT was **not verified**. Amounts
  here are incl. VAT: a municipality mostly cannot recover
  the VAT of these works, so its cost, and the usual base of its subsidies, is
  the amount incl. VAT. Note the SPGE's own reckoning above is excl. VAT.
- Programming beyond the envelope: "Le PIC proposé doit couvrir 150 à 200 %
  de l'enveloppe attribuée" (infrastructures.wallonie.be, FAQ):
  :data:`PROGRAMMING_MIN_PERCENT`, :data:`PROGRAMMING_MAX_PERCENT`. The plan's
  approval guard (:func:`approval_refusal`) refuses by default subsidies above
  100 % of the envelope (the product's choice); a plan programmed at 150 % as the
  FAQ asks would need ``ceiling_percent=PROGRAMMING_MAX_PERCENT``.

>>> amounts = investment_amounts(Decimal("500000"), Decimal("200000"))
>>> amounts["eligible_amount"], amounts["subsidy"], amounts["municipal_share"]
(Decimal('300000.00'), Decimal('180000.00'), Decimal('120000.00'))
"""

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from decimal import ROUND_HALF_UP
from imio.municipal import _
from imio.municipal.core import money
from imio.municipal.core.money import Amount
from imio.municipal.errors import InvalidInput
from types import MappingProxyType


#: Regional subsidy rate, in percent of the eligible amount: décret du 4 octobre
#: 2018 (CDLD art. L3341-0 ff.), per infrastructures.wallonie.be (see above).
DEFAULT_SUBSIDY_RATE = Decimal("60")
#: The rate of the programmings 2013-2016 and 2017-2018 (before that decree).
SUBSIDY_RATE_BEFORE_2019 = Decimal("50")
#: A proposed PIC covers 150 to 200 % of the envelope (infrastructures.wallonie.be, FAQ).
PROGRAMMING_MIN_PERCENT = Decimal("150")
PROGRAMMING_MAX_PERCENT = Decimal("200")

SEWERS = "sewers"

_ZERO = Decimal("0.00")
_HUNDRED = Decimal(100)
_TENTH = Decimal("0.1")


class UnknownCode(InvalidInput):
    """Raised for a code that is not in :data:`PERIODS`, :data:`PHASES` or :data:`CATEGORIES`."""

    def __init__(self, what: str, code: object, known: Iterable[str]) -> None:
        self.code = code
        super().__init__(f"Unknown {what} {code!r}; known {what}s: {', '.join(known)}")


@dataclass(frozen=True)
class Period:
    """A programming period of the PIC, its years included.

    >>> PERIODS["2025-2027"].years
    (2025, 2026, 2027)
    """

    # "2019-2021": ASCII, the value stored on a plan.
    code: str
    first_year: int
    last_year: int
    # "2019–2021" (en dash); a range of years reads the same in every language,
    # so it is not translated.
    title: str
    title_fr: str

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(range(self.first_year, self.last_year + 1))


def _period(first_year: int) -> Period:
    last_year = first_year + 2
    title = f"{first_year}–{last_year}"
    return Period(f"{first_year}-{last_year}", first_year, last_year, title, title)


#: The periods since the 2018 reform, by code, in order.
PERIODS: Mapping[str, Period] = MappingProxyType(
    {p.code: p for p in (_period(year) for year in (2019, 2022, 2025, 2028))}
)


def period_of(year: int) -> Period | None:
    """The programming period holding ``year``, or None outside :data:`PERIODS`.

    >>> period_of(2026).code
    '2025-2027'
    >>> period_of(2016) is None
    True
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"A year is an int, not a {type(year).__name__} ({year!r}).")
    for period in PERIODS.values():
        if period.first_year <= year <= period.last_year:
            return period
    return None


@dataclass(frozen=True)
class Phase:
    """A phase of an investment, named after the form the region receives for it."""

    # "A" to "G".
    code: str
    # Translatable title (English default; the French catalog translates it).
    title: str
    # Plain French title, for documentation and demo content.
    title_fr: str
    # What the municipality sends to the region in this phase (French, as on the form).
    form_fr: str


_PHASES = (
    Phase(
        "A",
        _("pic_phase_a", default="Programming"),
        "Programmation",
        "Formulaire de programmation (par le Guichet unique)",
    ),
    Phase(
        "B",
        _("pic_phase_b", default="Preliminary design"),
        "Avant-projet",
        "Formulaire d'introduction d'un avant-projet",
    ),
    Phase(
        "C",
        _("pic_phase_c", default="Opinion on the project"),
        "Avis sur projet",
        "Formulaire d'introduction d'une demande d'avis sur projet",
    ),
    Phase(
        "D",
        _("pic_phase_d", default="Contract award"),
        "Attribution",
        "Formulaire d'introduction d'un dossier d'attribution",
    ),
    Phase(
        "E",
        _("pic_phase_e", default="Acquisition"),
        "Acquisition",
        "Formulaire d'introduction d'un dossier acquisition",
    ),
    Phase(
        "F",
        _("pic_phase_f", default="Works"),
        "Travaux",
        "Formulaire d'introduction d'une pièce relative à l'exécution du chantier",
    ),
    Phase(
        "G",
        _("pic_phase_g", default="Final account"),
        "Décompte final",
        "Formulaire d'introduction d'un décompte final",
    ),
)

#: The phases A to G, by code, in order.
PHASES: Mapping[str, Phase] = MappingProxyType({p.code: p for p in _PHASES})


@dataclass(frozen=True)
class Category:
    """What an investment is about.

    >>> CATEGORIES["sewers"].spge
    True
    """

    code: str
    title: str
    title_fr: str
    # The SPGE takes a share of this kind of works.
    spge: bool = False


_CATEGORIES = (
    Category("roads", _("pic_category_roads", default="Roads"), "Voirie"),
    Category("buildings", _("pic_category_buildings", default="Buildings"), "Bâtiments"),
    Category(SEWERS, _("pic_category_sewers", default="Sewers"), "Égouttage", spge=True),
    Category("other", _("pic_category_other", default="Other"), "Autre"),
)

#: The categories of investments, by code.
CATEGORIES: Mapping[str, Category] = MappingProxyType({c.code: c for c in _CATEGORIES})


def get_period(code: str) -> Period:
    if code not in PERIODS:
        raise UnknownCode("period", code, PERIODS)
    return PERIODS[code]


def get_phase(code: str) -> Phase:
    if code not in PHASES:
        raise UnknownCode("phase", code, PHASES)
    return PHASES[code]


def get_category(code: str) -> Category:
    if code not in CATEGORIES:
        raise UnknownCode("category", code, CATEGORIES)
    return CATEGORIES[code]


def check_rate(rate: Amount) -> Decimal:
    """``rate`` as a Decimal, if it is a percentage from 0 to 100; else ValueError.

    >>> check_rate("60")
    Decimal('60')
    >>> check_rate(Decimal("101"))
    Traceback (most recent call last):
    ...
    ValueError: The subsidy rate must be between 0 and 100 %, not 101 %.
    """
    value = money.to_decimal(rate, "subsidy rate")
    if not 0 <= value <= _HUNDRED:
        raise ValueError(f"The subsidy rate must be between 0 and 100 %, not {value} %.")
    return value


def check_not_negative(amount: Amount, name: str) -> Decimal:
    """``amount`` rounded to the cent, if it is not negative; else ValueError.

    >>> check_not_negative(Decimal("-5"), "estimate incl. VAT")
    Traceback (most recent call last):
    ...
    ValueError: The estimate incl. VAT cannot be negative: -5.00.
    """
    value = money.quantize(amount)
    if value < 0:
        raise ValueError(f"The {name} cannot be negative: {money.to_json(value)}.")
    return value


def check_spge(category: str, spge_share: Amount | None) -> None:
    """Refuse an SPGE share on anything but sewer works (ValueError).

    >>> check_spge("sewers", Decimal("1000"))
    >>> check_spge("roads", Decimal("0"))
    >>> check_spge("roads", Decimal("1000"))
    Traceback (most recent call last):
    ...
    ValueError: An SPGE share exists only for sewer works (category 'sewers'), not for 'roads'.
    """
    kind = get_category(category)
    if spge_share is None or kind.spge:
        return
    if money.quantize(spge_share) != 0:
        raise ValueError(
            f"An SPGE share exists only for sewer works (category {SEWERS!r}), "
            f"not for {category!r}."
        )


def investment_amounts(
    estimate_incl_vat: Amount,
    spge_share: Amount | None = None,
    eligible_amount: Amount | None = None,
    subsidy_rate: Amount | None = DEFAULT_SUBSIDY_RATE,
    *,
    category: str | None = None,
) -> dict[str, Decimal]:
    """The amounts of one investment sheet, to the cent.

    - eligible amount: ``eligible_amount`` when given (for instance with the
      study fees and tests the region adds), else the estimate incl. VAT minus
      the SPGE share; it cannot exceed that difference;
    - subsidy: eligible amount × rate / 100, rounded half up to the cent;
    - municipal share: estimate incl. VAT − SPGE share − subsidy.

    ``spge_share`` None counts as 0; ``subsidy_rate`` None is
    :data:`DEFAULT_SUBSIDY_RATE`; with ``category``, :func:`check_spge` applies.
    Returns the inputs, rounded, and the results, under the keys
    ``estimate_incl_vat``, ``spge_share``, ``eligible_amount``, ``subsidy_rate``,
    ``subsidy`` and ``municipal_share`` (what :func:`plan_totals` reads).

    >>> amounts = investment_amounts(Decimal("100000.01"), subsidy_rate=Decimal("55"))
    >>> amounts["subsidy"], amounts["municipal_share"]
    (Decimal('55000.01'), Decimal('45000.00'))
    """
    estimate = check_not_negative(estimate_incl_vat, "estimate incl. VAT")
    spge = check_not_negative(spge_share if spge_share is not None else 0, "SPGE share")
    rate = check_rate(subsidy_rate if subsidy_rate is not None else DEFAULT_SUBSIDY_RATE)
    if category is not None:
        check_spge(category, spge)
    if spge > estimate:
        raise ValueError(
            f"The SPGE share ({money.to_json(spge)}) exceeds the estimate incl. VAT "
            f"({money.to_json(estimate)})."
        )
    ceiling = estimate - spge
    if eligible_amount is None:
        eligible = ceiling
    else:
        eligible = check_not_negative(eligible_amount, "eligible amount")
        if eligible > ceiling:
            raise ValueError(
                f"The eligible amount ({money.to_json(eligible)}) exceeds the estimate "
                f"incl. VAT minus the SPGE share ({money.to_json(ceiling)})."
            )
    subsidy = money.quantize(eligible * rate / _HUNDRED)
    return {
        "estimate_incl_vat": estimate,
        "spge_share": spge,
        "eligible_amount": eligible,
        "subsidy_rate": rate,
        "subsidy": subsidy,
        "municipal_share": money.quantize(estimate - spge - subsidy),
    }


@dataclass(frozen=True)
class PlanTotals:
    """The sums of a plan's investments, against its envelope (drawing right)."""

    estimates: Decimal
    eligible: Decimal
    subsidies: Decimal
    spge: Decimal
    municipal_share: Decimal
    envelope: Decimal
    # Subsidies / envelope, in percent, rounded half up to 0.1; None when the
    # envelope is 0 and there are subsidies (no percentage of nothing).
    used_percent: Decimal | None
    # Envelope − subsidies; negative when the subsidies exceed the envelope.
    remaining: Decimal
    # By how much the subsidies exceed the envelope (0 when they do not).
    over_envelope: Decimal


_INPUTS = ("estimate_incl_vat", "spge_share", "eligible_amount", "subsidy_rate")


def plan_totals(
    investments: Iterable[Mapping[str, object]],
    envelope: Amount,
    *,
    default_subsidy_rate: Amount = DEFAULT_SUBSIDY_RATE,
) -> PlanTotals:
    """The totals of ``investments`` against ``envelope``.

    Each investment is a mapping with ``estimate_incl_vat`` and, optionally,
    ``spge_share``, ``eligible_amount`` and ``subsidy_rate`` (None or absent:
    ``default_subsidy_rate``, the plan's) — for instance what
    :func:`investment_amounts` returns. Its amounts are computed again from
    those inputs, so that the totals cannot drift from the rule.

    >>> sewer = investment_amounts(Decimal("500000"), Decimal("200000"))
    >>> totals = plan_totals([sewer, {"estimate_incl_vat": 400000}], Decimal("1000000"))
    >>> totals.subsidies, totals.used_percent, totals.remaining, totals.over_envelope
    (Decimal('420000.00'), Decimal('42.0'), Decimal('580000.00'), Decimal('0.00'))
    """
    budget = check_not_negative(envelope, "envelope")
    default_rate = check_rate(default_subsidy_rate)
    sums = dict.fromkeys(("estimate_incl_vat", "eligible_amount", "subsidy", "spge_share"), _ZERO)
    sums["municipal_share"] = _ZERO
    for investment in investments:
        inputs = {name: investment.get(name) for name in _INPUTS}
        if inputs["subsidy_rate"] is None:
            inputs["subsidy_rate"] = default_rate
        amounts = investment_amounts(**inputs)
        for name in sums:
            sums[name] += amounts[name]
    subsidies = sums["subsidy"]
    if budget:
        used = (subsidies * _HUNDRED / budget).quantize(_TENTH, rounding=ROUND_HALF_UP)
    else:
        used = Decimal("0.0") if not subsidies else None
    return PlanTotals(
        estimates=sums["estimate_incl_vat"],
        eligible=sums["eligible_amount"],
        subsidies=subsidies,
        spge=sums["spge_share"],
        municipal_share=sums["municipal_share"],
        envelope=budget,
        used_percent=used,
        remaining=budget - subsidies,
        over_envelope=max(subsidies - budget, _ZERO),
    )


def approval_refusal(totals: PlanTotals, *, ceiling_percent: Amount = Decimal("100")) -> str | None:
    """Why the plan cannot be approved, or None.

    Refused when the subsidies exceed ``ceiling_percent`` of the envelope (100 %
    by default: the envelope itself); the message gives by how much, in French
    notation (the reason is shown with French amounts in every language).

    >>> totals = plan_totals([{"estimate_incl_vat": Decimal("1020576.12")}], Decimal("600000"))
    >>> print(approval_refusal(totals).replace(money.NBSP, " "))
    The subsidies exceed the envelope by 12 345,67 €
    >>> approval_refusal(totals, ceiling_percent=PROGRAMMING_MAX_PERCENT) is None
    True
    """
    ceiling_rate = money.to_decimal(ceiling_percent, "ceiling percentage")
    if ceiling_rate < 0:
        raise ValueError(f"The ceiling percentage cannot be negative: {ceiling_rate}.")
    ceiling = money.quantize(totals.envelope * ceiling_rate / _HUNDRED)
    excess = totals.subsidies - ceiling
    if excess <= 0:
        return None
    amount = money.format_eur(excess, "fr")
    if ceiling_rate == _HUNDRED:
        return f"The subsidies exceed the envelope by {amount}"
    return f"The subsidies exceed {ceiling_rate} % of the envelope by {amount}"
