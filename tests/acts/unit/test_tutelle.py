"""The tutelle regimes of municipal acts, their matters, bodies, kinds and outcomes."""

from imio.municipal.acts import tutelle
from imio.municipal.acts.tutelle import UnknownBody
from imio.municipal.acts.tutelle import UnknownKind
from imio.municipal.acts.tutelle import UnknownMatter
from imio.municipal.acts.tutelle import UnknownOutcome
from imio.municipal.acts.tutelle import UnknownRegime

import doctest
import pytest
import re


def test_docstring_examples():
    result = doctest.testmod(tutelle)
    assert result.attempted > 0
    assert result.failed == 0


# Regimes


def test_regime_codes():
    assert (tutelle.NONE, tutelle.GENERAL, tutelle.APPROVAL) == ("none", "general", "approval")
    assert list(tutelle.REGIMES) == ["none", "general", "approval"]
    assert tutelle.Regime.APPROVAL == tutelle.APPROVAL


def test_regime_titles():
    titles = {code: r.title_fr for code, r in tutelle.REGIMES.items()}
    assert titles == {
        "none": "Pas de tutelle",
        "general": "Tutelle générale d'annulation (transmission obligatoire)",
        "approval": "Tutelle spéciale d'approbation",
    }


@pytest.mark.parametrize("regime", tutelle.REGIMES.values(), ids=lambda r: r.code)
def test_every_regime_has_an_article_and_a_translatable_title(regime):
    assert "CDLD" in regime.article
    assert regime.title == f"regime_{regime.code}"
    assert regime.title.domain == "imio.municipal"
    assert regime.title.default.strip()


def test_regime_delays():
    assert tutelle.get_regime("none").decision_days is None
    assert tutelle.get_regime("general").decision_days == 30
    assert tutelle.get_regime("approval").decision_days == 30
    assert tutelle.get_regime("approval").max_extension_days == 15


def test_unknown_regime():
    with pytest.raises(UnknownRegime, match=r"Unknown regime 'special'.*none, general, approval"):
        tutelle.get_regime("special")


# Matters


def test_matter_codes_in_order():
    assert list(tutelle.MATTERS) == [
        "budget",
        "budget_amendment",
        "accounts",
        "tax_regulation",
        "additional_tax",
        "fee_regulation",
        "staff_provisions",
        "public_procurement",
        "intercommunale",
        "regie",
        "police_ordinance",
        "other_regulation",
        "staff_individual",
        "other",
    ]


@pytest.mark.parametrize("matter", tutelle.MATTERS.values(), ids=lambda m: m.code)
def test_every_matter_has_a_regime_an_article_and_titles(matter):
    assert re.fullmatch(r"[a-z][a-z_]*", matter.code)
    assert matter.regime in tutelle.REGIMES
    assert matter.article.strip()
    assert matter.title == f"matter_{matter.code}"
    assert matter.title.domain == "imio.municipal"
    assert matter.title.default.strip()
    assert matter.title_fr.strip()


@pytest.mark.parametrize(
    "matter, regime",
    [
        ("budget", "approval"),
        ("budget_amendment", "approval"),
        ("accounts", "approval"),
        ("tax_regulation", "approval"),
        ("fee_regulation", "approval"),
        ("staff_provisions", "approval"),
        ("intercommunale", "approval"),
        ("regie", "approval"),
        ("additional_tax", "general"),
        ("public_procurement", "general"),
        ("police_ordinance", "none"),
        ("other_regulation", "none"),
        ("staff_individual", "none"),
        ("other", "none"),
    ],
)
def test_regime_for(matter, regime):
    assert tutelle.regime_for(matter) == regime


def test_unknown_matter_has_a_clear_error():
    with pytest.raises(UnknownMatter) as error:
        tutelle.regime_for("budgets")
    assert isinstance(error.value, ValueError)
    assert error.value.code == "budgets"
    assert "Unknown matter 'budgets'" in str(error.value)
    assert "budget, budget_amendment" in str(error.value)


@pytest.mark.parametrize("code", [None, 3, ["budget"]])
def test_unknown_matter_of_another_type(code):
    with pytest.raises(UnknownMatter):
        tutelle.get_matter(code)


# Outcomes


def test_outcome_titles():
    titles = {code: o.title_fr for code, o in tutelle.OUTCOMES.items()}
    assert titles == {
        "approved": "Approuvé",
        "approved_with_reform": "Approuvé avec réformation",
        "annulled": "Annulé",
        "not_approved": "Non approuvé",
        "executory_by_expiry": "Exécutoire (délai expiré)",
    }
    for code, outcome in tutelle.OUTCOMES.items():
        assert outcome.title == f"outcome_{code}"


@pytest.mark.parametrize("matter", ["budget", "budget_amendment", "accounts"])
def test_budgets_and_accounts_may_be_reformed(matter):
    assert tutelle.get_matter(matter).outcomes == (
        "approved",
        "approved_with_reform",
        "not_approved",
        "executory_by_expiry",
    )


@pytest.mark.parametrize(
    "matter", ["tax_regulation", "fee_regulation", "staff_provisions", "intercommunale", "regie"]
)
def test_other_approvals_cannot_be_reformed(matter):
    assert tutelle.get_matter(matter).outcomes == (
        "approved",
        "not_approved",
        "executory_by_expiry",
    )
    assert not tutelle.outcome_allowed(matter, "approved_with_reform")
    assert not tutelle.outcome_allowed(matter, "annulled")


@pytest.mark.parametrize("matter", ["public_procurement", "additional_tax"])
def test_general_tutelle_annuls_or_lets_the_delay_expire(matter):
    assert tutelle.get_matter(matter).outcomes == ("annulled", "executory_by_expiry")
    assert not tutelle.outcome_allowed(matter, "approved")


@pytest.mark.parametrize("matter", ["police_ordinance", "other_regulation", "other"])
def test_no_outcome_without_tutelle(matter):
    assert tutelle.get_matter(matter).outcomes == ()
    assert not tutelle.outcome_allowed(matter, "executory_by_expiry")


def test_every_matter_outcome_is_known():
    for matter in tutelle.MATTERS.values():
        assert set(matter.outcomes) <= set(tutelle.OUTCOMES)


def test_unknown_outcome():
    with pytest.raises(UnknownOutcome, match="Unknown outcome 'rejected'"):
        tutelle.outcome_allowed("budget", "rejected")


# Bodies and kinds


def test_bodies():
    titles = {code: b.title_fr for code, b in tutelle.BODIES.items()}
    assert titles == {
        "conseil": "Conseil communal",
        "college": "Collège communal",
        "bourgmestre": "Bourgmestre",
    }


def test_kinds_and_their_bodies():
    kinds = {code: (k.title_fr, k.bodies) for code, k in tutelle.KINDS.items()}
    assert kinds == {
        "deliberation": ("Délibération du conseil communal", ("conseil",)),
        "college_decision": ("Décision du collège communal", ("college",)),
        "mayor_order": ("Arrêté du bourgmestre", ("bourgmestre",)),
        "regulation": ("Règlement", ("conseil",)),
        "police_ordinance": ("Ordonnance de police", ("conseil", "college", "bourgmestre")),
    }
    for kind in tutelle.KINDS.values():
        assert set(kind.bodies) <= set(tutelle.BODIES)
        assert kind.basis.strip()
        assert kind.title == f"kind_{kind.code}"


def test_body_allowed():
    assert tutelle.body_allowed("police_ordinance", "bourgmestre")
    assert tutelle.body_allowed("regulation", "conseil")
    assert not tutelle.body_allowed("regulation", "bourgmestre")
    assert not tutelle.body_allowed("college_decision", "conseil")


def test_unknown_kind_and_body():
    with pytest.raises(UnknownKind, match="Unknown kind 'decree'"):
        tutelle.allowed_bodies("decree")
    with pytest.raises(UnknownBody, match="Unknown body 'echevin'"):
        tutelle.body_allowed("deliberation", "echevin")


# States


def test_adoption_without_tutelle_is_executory():
    assert tutelle.next_state_after_adoption(tutelle.NONE) == "executory"


@pytest.mark.parametrize("regime", [tutelle.GENERAL, tutelle.APPROVAL])
def test_adoption_under_tutelle_waits_for_transmission(regime):
    assert tutelle.next_state_after_adoption(regime) == "transmission_pending"


def test_executory_on_transmission():
    assert tutelle.executory_on_transmission(tutelle.GENERAL) is True
    assert tutelle.executory_on_transmission(tutelle.APPROVAL) is False
    with pytest.raises(ValueError, match="no transmission"):
        tutelle.executory_on_transmission(tutelle.NONE)


@pytest.mark.parametrize(
    "outcome, state",
    [
        ("approved", "executory"),
        ("approved_with_reform", "executory"),
        ("executory_by_expiry", "executory"),
        ("annulled", "annulled"),
        ("not_approved", "annulled"),
    ],
)
def test_state_after_outcome(outcome, state):
    assert tutelle.state_after_outcome(outcome) == state


def test_state_functions_refuse_unknown_codes():
    with pytest.raises(UnknownRegime):
        tutelle.next_state_after_adoption("approbation")
    with pytest.raises(UnknownOutcome):
        tutelle.state_after_outcome("approuve")


def test_state_constants():
    assert tutelle.EXECUTORY == "executory"
    assert tutelle.TRANSMISSION_PENDING == "transmission_pending"
    assert tutelle.ANNULLED == "annulled"
