"""The PIC (Plan d'investissement communal): periods, phases, amounts, envelope."""

from decimal import Decimal
from imio.municipal.core import money
from imio.municipal.core.money import NBSP
from imio.municipal.pic import rules as pic
from imio.municipal.pic.rules import PlanTotals
from imio.municipal.pic.rules import UnknownCode

import dataclasses
import doctest
import pytest


D = Decimal


def test_docstring_examples():
    result = doctest.testmod(pic)
    assert result.attempted > 0
    assert result.failed == 0


def test_default_subsidy_rate_is_60_percent():
    assert pic.DEFAULT_SUBSIDY_RATE == D("60")
    assert str(pic.DEFAULT_SUBSIDY_RATE) == "60"  # as the REST API shows it
    assert pic.SUBSIDY_RATE_BEFORE_2019 == D("50")
    assert (pic.PROGRAMMING_MIN_PERCENT, pic.PROGRAMMING_MAX_PERCENT) == (D("150"), D("200"))


def test_periods():
    assert list(pic.PERIODS) == ["2019-2021", "2022-2024", "2025-2027", "2028-2030"]
    titles = [p.title for p in pic.PERIODS.values()]
    assert titles == ["2019–2021", "2022–2024", "2025–2027", "2028–2030"]  # en dashes
    assert [p.title_fr for p in pic.PERIODS.values()] == titles
    period = pic.PERIODS["2022-2024"]
    assert (period.first_year, period.last_year, period.years) == (2022, 2024, (2022, 2023, 2024))


@pytest.mark.parametrize(
    "year, code",
    [
        (2019, "2019-2021"),
        (2021, "2019-2021"),
        (2022, "2022-2024"),
        (2024, "2022-2024"),
        (2025, "2025-2027"),
        (2026, "2025-2027"),
        (2027, "2025-2027"),
        (2028, "2028-2030"),
        (2030, "2028-2030"),
    ],
)
def test_period_of(year, code):
    assert pic.period_of(year).code == code
    assert pic.period_of(year) is pic.get_period(code)


@pytest.mark.parametrize("year", [2013, 2018, 2031, 0, -1])
def test_no_period_outside_the_programmings(year):
    assert pic.period_of(year) is None


@pytest.mark.parametrize("year", ["2026", 2026.0, True, None])
def test_period_of_takes_an_int(year):
    with pytest.raises(TypeError):
        pic.period_of(year)


def test_phases():
    titles = {code: phase.title_fr for code, phase in pic.PHASES.items()}
    assert titles == {
        "A": "Programmation",
        "B": "Avant-projet",
        "C": "Avis sur projet",
        "D": "Attribution",
        "E": "Acquisition",
        "F": "Travaux",
        "G": "Décompte final",
    }
    for code, phase in pic.PHASES.items():
        assert phase.code == code
        assert phase.title == f"pic_phase_{code.lower()}"
        assert phase.title.domain == "imio.municipal"
        assert phase.title.default.strip()
        assert phase.form_fr.startswith("Formulaire")
    assert pic.PHASES["G"].title.default == "Final account"


def test_categories():
    titles = {code: c.title_fr for code, c in pic.CATEGORIES.items()}
    assert titles == {
        "roads": "Voirie",
        "buildings": "Bâtiments",
        "sewers": "Égouttage",
        "other": "Autre",
    }
    assert [c for c, category in pic.CATEGORIES.items() if category.spge] == ["sewers"]
    for code, category in pic.CATEGORIES.items():
        assert category.title == f"pic_category_{code}"
        assert category.title.default.strip()


@pytest.mark.parametrize(
    "getter, code, what",
    [
        (pic.get_period, "2016-2018", "period"),
        (pic.get_phase, "H", "phase"),
        (pic.get_phase, "a", "phase"),
        (pic.get_category, "lighting", "category"),
        (pic.get_category, None, "category"),
    ],
)
def test_unknown_codes(getter, code, what):
    with pytest.raises(UnknownCode, match=f"Unknown {what} {code!r}") as raised:
        getter(code)
    assert isinstance(raised.value, ValueError)


def test_constants_cannot_be_changed():
    with pytest.raises(TypeError):
        pic.PHASES["H"] = pic.PHASES["A"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        pic.CATEGORIES["roads"].spge = True


def test_sewer_investment_with_an_spge_share():
    amounts = pic.investment_amounts(
        D("500000.00"), D("200000.10"), subsidy_rate=D("60"), category="sewers"
    )
    assert amounts == {
        "estimate_incl_vat": D("500000.00"),
        "spge_share": D("200000.10"),
        # 500 000.00 − 200 000.10
        "eligible_amount": D("299999.90"),
        "subsidy_rate": D("60"),
        # 299 999.90 × 60 / 100 = 179 999.94
        "subsidy": D("179999.94"),
        # 500 000.00 − 200 000.10 − 179 999.94 = 299 999.90 − 179 999.94
        "municipal_share": D("119999.96"),
    }


def test_road_without_spge_share():
    amounts = pic.investment_amounts(D("400000.004"), category="roads")
    # The estimate is rounded first: 400 000.00; 60 % of it = 240 000.00.
    assert amounts["estimate_incl_vat"] == D("400000.00")
    assert amounts["spge_share"] == D("0.00")
    assert amounts["eligible_amount"] == D("400000.00")
    assert amounts["subsidy_rate"] == D("60")
    assert amounts["subsidy"] == D("240000.00")
    assert amounts["municipal_share"] == D("160000.00")


def test_subsidy_is_rounded_half_up_to_the_cent():
    # 60 % of 100 000.01 = 60 000.006 → 60 000.01; municipal: 100 000.01 − 60 000.01.
    amounts = pic.investment_amounts(D("100000.01"))
    assert (amounts["subsidy"], amounts["municipal_share"]) == (D("60000.01"), D("40000.00"))
    # 60 % of 0.01 = 0.006 → 0.01; of 0.02 = 0.012 → 0.01.
    assert pic.investment_amounts(D("0.01"))["subsidy"] == D("0.01")
    assert pic.investment_amounts(D("0.02"))["subsidy"] == D("0.01")


@pytest.mark.parametrize(
    "rate, subsidy, municipal",
    [
        # 250 000 × 50 % = 125 000; municipal 250 000 − 125 000.
        (D("50"), D("125000.00"), D("125000.00")),
        # 250 000 × 75.5 % = 188 750.
        (D("75.5"), D("188750.00"), D("61250.00")),
        # 250 000 × 33.333 % = 83 332.50.
        (D("33.333"), D("83332.50"), D("166667.50")),
        (D("0"), D("0.00"), D("250000.00")),
        (D("100"), D("250000.00"), D("0.00")),
        (60, D("150000.00"), D("100000.00")),
        ("60.0", D("150000.00"), D("100000.00")),
        # None: the default rate, 60 %.
        (None, D("150000.00"), D("100000.00")),
    ],
)
def test_custom_subsidy_rate(rate, subsidy, municipal):
    amounts = pic.investment_amounts(D("250000"), subsidy_rate=rate)
    assert (amounts["subsidy"], amounts["municipal_share"]) == (subsidy, municipal)


def test_explicit_eligible_amount():
    # Estimate 1 000 000, SPGE 300 000, eligible set to 600 000 (part of the works
    # are not eligible): subsidy 60 % = 360 000; municipal 1 000 000 − 300 000 − 360 000.
    amounts = pic.investment_amounts(
        D("1000000"), D("300000"), eligible_amount=D("600000"), category="sewers"
    )
    assert amounts["eligible_amount"] == D("600000.00")
    assert amounts["subsidy"] == D("360000.00")
    assert amounts["municipal_share"] == D("340000.00")
    # An eligible amount of 0 is an investment without subsidy.
    assert pic.investment_amounts(D("1000"), eligible_amount=0)["subsidy"] == D("0.00")


def test_eligible_amount_cannot_exceed_the_cost_left_to_the_municipality():
    with pytest.raises(ValueError, match=r"eligible amount \(700000.01\) exceeds"):
        pic.investment_amounts(D("1000000"), D("300000"), eligible_amount=D("700000.01"))


def test_spge_share_cannot_exceed_the_estimate():
    with pytest.raises(ValueError, match=r"SPGE share \(1000.01\) exceeds the estimate"):
        pic.investment_amounts(D("1000"), D("1000.01"))
    # Exactly the estimate: all the SPGE's, nothing eligible.
    amounts = pic.investment_amounts(D("1000"), D("1000"), category="sewers")
    assert (amounts["subsidy"], amounts["municipal_share"]) == (D("0.00"), D("0.00"))


def test_spge_share_on_a_road_is_refused():
    with pytest.raises(ValueError, match="only for sewer works"):
        pic.check_spge("roads", D("1000"))
    with pytest.raises(ValueError, match="not for 'buildings'"):
        pic.investment_amounts(D("5000"), D("1"), category="buildings")


@pytest.mark.parametrize("share", [None, 0, D("0"), D("0.004")])
def test_no_spge_share_is_fine_anywhere(share):
    for category in pic.CATEGORIES:
        pic.check_spge(category, share)


def test_check_spge_knows_the_categories():
    with pytest.raises(UnknownCode):
        pic.check_spge("lighting", D("0"))


@pytest.mark.parametrize("rate", [D("101"), D("100.01"), D("-1"), D("-0.01"), 101, "150"])
def test_rate_out_of_range_is_refused(rate):
    with pytest.raises(ValueError, match="between 0 and 100 %"):
        pic.check_rate(rate)
    with pytest.raises(ValueError, match="between 0 and 100 %"):
        pic.investment_amounts(D("1000"), subsidy_rate=rate)


def test_rate_101_message():
    with pytest.raises(ValueError) as raised:
        pic.check_rate(D("101"))
    assert str(raised.value) == "The subsidy rate must be between 0 and 100 %, not 101 %."


@pytest.mark.parametrize("rate", [D("0"), D("60"), D("100"), D("99.99"), 0, "60"])
def test_rate_in_range(rate):
    assert pic.check_rate(rate) == D(rate)


def test_rate_as_a_float_is_refused():
    with pytest.raises(TypeError):
        pic.check_rate(60.0)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"estimate_incl_vat": D("-5")}, "estimate incl. VAT"),
        ({"estimate_incl_vat": D("1000"), "spge_share": D("-0.01")}, "SPGE share"),
        ({"estimate_incl_vat": D("1000"), "eligible_amount": D("-1")}, "eligible amount"),
    ],
)
def test_negative_amounts_are_refused(kwargs, name):
    with pytest.raises(ValueError, match=f"The {name} cannot be negative"):
        pic.investment_amounts(**kwargs)


def test_check_not_negative():
    assert pic.check_not_negative(D("0"), "estimate") == D("0.00")
    assert pic.check_not_negative("12.345", "estimate") == D("12.35")
    # -0.004 rounds to 0.00: not negative.
    assert pic.check_not_negative(D("-0.004"), "estimate") == D("0.00")
    with pytest.raises(ValueError) as raised:
        pic.check_not_negative(D("-5"), "envelope")
    assert str(raised.value) == "The envelope cannot be negative: -5.00."
    with pytest.raises(TypeError):
        pic.check_not_negative(-5.0, "envelope")


def plan_rows():
    return [
        # Sewer: eligible 300 000, subsidy 180 000, municipal 120 000.
        pic.investment_amounts(D("500000"), D("200000"), category="sewers"),
        # Road: eligible 400 000, subsidy 240 000, municipal 160 000.
        {"estimate_incl_vat": D("400000")},
        # Building at 50 %: eligible 100 000, subsidy 50 000, municipal 50 000.
        {"estimate_incl_vat": D("100000"), "subsidy_rate": D("50")},
    ]


def test_plan_totals_under_the_envelope():
    totals = pic.plan_totals(plan_rows(), D("1000000"))
    assert totals == PlanTotals(
        estimates=D("1000000.00"),  # 500 000 + 400 000 + 100 000
        eligible=D("800000.00"),  # 300 000 + 400 000 + 100 000
        subsidies=D("470000.00"),  # 180 000 + 240 000 + 50 000
        spge=D("200000.00"),
        municipal_share=D("330000.00"),  # 120 000 + 160 000 + 50 000
        envelope=D("1000000.00"),
        used_percent=D("47.0"),  # 470 000 / 1 000 000
        remaining=D("530000.00"),
        over_envelope=D("0.00"),
    )
    assert pic.approval_refusal(totals) is None


def test_plan_totals_over_the_envelope():
    totals = pic.plan_totals(plan_rows(), D("457654.33"))
    # 470 000 / 457 654.33 = 1.026976… → 102.6976… % → 102.7 %.
    assert totals.used_percent == D("102.7")
    assert totals.remaining == D("-12345.67")  # 457 654.33 − 470 000
    assert totals.over_envelope == D("12345.67")
    assert (
        pic.approval_refusal(totals)
        == f"The subsidies exceed the envelope by 12{NBSP}345,67{NBSP}€"
    )


def test_plan_exactly_at_the_envelope_is_approved():
    totals = pic.plan_totals(plan_rows(), D("470000"))
    assert (totals.used_percent, totals.remaining, totals.over_envelope) == (
        D("100.0"),
        D("0.00"),
        D("0.00"),
    )
    assert pic.approval_refusal(totals) is None


def test_one_cent_over_is_refused():
    totals = pic.plan_totals(plan_rows(), D("469999.99"))
    assert totals.used_percent == D("100.0")  # 100.000002 % rounds to 100.0
    assert pic.approval_refusal(totals) == f"The subsidies exceed the envelope by 0,01{NBSP}€"


def test_used_percent_rounds_half_up_to_a_tenth():
    # Subsidy 60 % of 1 000 = 600; 600 / 160 000 = 0.375 % → 0.4 %.
    totals = pic.plan_totals([{"estimate_incl_vat": D("1000")}], D("160000"))
    assert totals.used_percent == D("0.4")
    # 600 / 1 600 000 = 0.0375 % → 0.0 %.
    totals = pic.plan_totals([{"estimate_incl_vat": D("1000")}], D("1600000"))
    assert totals.used_percent == D("0.0")


def test_the_plan_default_rate_applies_to_investments_without_their_own():
    rows = plan_rows()
    totals = pic.plan_totals(rows, D("1000000"), default_subsidy_rate=D("55"))
    # Sewer 300 000 × 55 % = 165 000; road 400 000 × 55 % = 220 000; building keeps
    # its 50 % = 50 000. But the sewer row carries the rate it was computed with (60).
    assert totals.subsidies == D("180000") + D("220000") + D("50000")
    rows[0]["subsidy_rate"] = None
    totals = pic.plan_totals(rows, D("1000000"), default_subsidy_rate=D("55"))
    assert totals.subsidies == D("165000") + D("220000") + D("50000")


def test_plan_totals_compute_again_from_the_inputs():
    row = pic.investment_amounts(D("1000"))
    row["subsidy"] = D("999")  # a stale stored value is not trusted
    assert pic.plan_totals([row], D("1000")).subsidies == D("600.00")


def test_empty_plan():
    totals = pic.plan_totals([], D("250000"))
    assert totals.subsidies == totals.estimates == totals.municipal_share == D("0.00")
    assert (totals.used_percent, totals.remaining) == (D("0.0"), D("250000.00"))
    assert pic.approval_refusal(totals) is None


def test_plan_without_envelope():
    assert pic.plan_totals([], D("0")).used_percent == D("0.0")
    totals = pic.plan_totals([{"estimate_incl_vat": D("100")}], D("0"))
    assert totals.used_percent is None  # no percentage of nothing
    assert totals.over_envelope == D("60.00")
    assert pic.approval_refusal(totals) == f"The subsidies exceed the envelope by 60,00{NBSP}€"


def test_plan_totals_validate_their_investments():
    with pytest.raises(ValueError, match="negative"):
        pic.plan_totals([{"estimate_incl_vat": D("-1")}], D("1000"))
    with pytest.raises(ValueError, match="negative"):
        pic.plan_totals([], D("-1"))
    with pytest.raises(ValueError, match="between 0 and 100"):
        pic.plan_totals([{"estimate_incl_vat": D("1"), "subsidy_rate": D("101")}], D("1"))
    with pytest.raises(TypeError):
        pic.plan_totals([{"estimate_incl_vat": 1000.0}], D("1000"))


def test_approval_ceiling_for_a_programmed_plan():
    # The region asks for a PIC programmed at 150 to 200 % of the envelope.
    totals = pic.plan_totals(plan_rows(), D("300000"))  # 470 000: 156.7 %
    assert totals.used_percent == D("156.7")
    assert (
        pic.approval_refusal(totals)
        == f"The subsidies exceed the envelope by 170{NBSP}000,00{NBSP}€"
    )
    assert pic.approval_refusal(totals, ceiling_percent=pic.PROGRAMMING_MAX_PERCENT) is None
    # 200 % of 200 000 = 400 000; 470 000 is 70 000 over.
    totals = pic.plan_totals(plan_rows(), D("200000"))
    assert pic.approval_refusal(totals, ceiling_percent=D("200")) == (
        f"The subsidies exceed 200 % of the envelope by 70{NBSP}000,00{NBSP}€"
    )


def test_refusal_amount_is_the_french_notation():
    totals = pic.plan_totals(plan_rows(), D("457654.33"))
    reason = pic.approval_refusal(totals)
    assert reason.endswith(money.format_eur(totals.over_envelope, "fr"))
