"""The PIC manifest: amounts to the cent, computed like imio.municipal.pic.rules, checked."""

from dataclasses import replace
from decimal import Decimal
from exchange_samples import gembloux_plan
from imio.municipal.exchange.common import InvalidManifest
from imio.municipal.exchange.package import read_package
from imio.municipal.exchange.pic_format import build_pic_package
from imio.municipal.exchange.pic_format import check_pic
from imio.municipal.exchange.pic_format import pic_manifest
from imio.municipal.exchange.pic_format import Totals
from imio.municipal.exchange.validation import validate
from imio.municipal.pic import rules as pic
from lxml import etree

import pytest


NS = {"p": "urn:imio:municipal:pic:1.0"}


def test_gembloux_plan_is_valid_and_its_totals_are_pic_totals():
    plan = gembloux_plan()
    manifest = pic_manifest(plan)
    assert validate(manifest, "pic-1.0") == []
    root = etree.fromstring(manifest)
    rows = [
        {"estimate_incl_vat": i.estimate_incl_vat, "spge_share": i.spge_share}
        for i in plan.investments
    ]
    expected = pic.plan_totals(rows, plan.envelope)
    assert root.findtext("p:totals/p:subsidies", namespaces=NS) == str(expected.subsidies)
    assert root.findtext("p:totals/p:estimates", namespaces=NS) == "1845550.50"
    assert root.findtext("p:totals/p:municipalShare", namespaces=NS) == str(
        expected.municipal_share
    )
    sewer = root.findall("p:investments/p:investment", NS)[1]
    assert sewer.findtext("p:spgeShare", namespaces=NS) == "310000.00"
    assert sewer.findtext("p:subsidyRate", namespaces=NS) == "60.00"
    assert sewer.find("p:estimateExclVat", NS) is None
    assert root.findtext("p:plan/p:envelope", namespaces=NS) == "1250000.00"


def test_every_amount_has_two_decimals():
    root = etree.fromstring(pic_manifest(gembloux_plan()))
    names = ("estimateInclVat", "subsidy", "municipalShare", "envelope", "estimates")
    values = [e.text for name in names for e in root.iter(f"{{{NS['p']}}}{name}")]
    assert values and all(v.count(".") == 1 and len(v.split(".")[1]) == 2 for v in values)


def test_package_round_trip_and_determinism():
    package = build_pic_package(gembloux_plan())
    assert package == build_pic_package(gembloux_plan())
    manifest, files = read_package(package)
    assert manifest == pic_manifest(gembloux_plan()) and files == {}


def test_plan_without_investments():
    empty = gembloux_plan(investments=())
    assert check_pic(empty) == []
    assert Totals.of(()) == Totals(Decimal(0), Decimal(0), Decimal(0), Decimal(0))


def test_float_amount_is_refused_before_writing():
    with pytest.raises(InvalidManifest) as caught:
        build_pic_package(gembloux_plan(envelope=1250000.0))
    assert caught.value.errors == [
        "The envelope is a float (1250000.0); amounts are Decimal, e.g. Decimal('1250000.00')."
    ]


def test_fraction_of_a_cent_is_refused():
    plan = gembloux_plan()
    bad = replace(plan.investments[0], subsidy=Decimal("410550.004"))
    assert check_pic(replace(plan, investments=(bad, *plan.investments[1:]))) == [
        "The subsidy of investment 1 410550.004 has a fraction of a cent; round it to 410550.00."
    ]


def test_float_like_amounts_in_a_manifest_fail_with_the_line():
    manifest = pic_manifest(gembloux_plan())
    float_like = manifest.replace(b"<pic:envelope>1250000.00<", b"<pic:envelope>1.25E6<")
    assert validate(float_like, "pic-1.0") == [
        'Line 13, envelope: "1.25E6" is not valid; expected an amount with a dot and exactly '
        "two decimals, e.g. 125000.00."
    ]
    one_decimal = manifest.replace(b"<pic:envelope>1250000.00<", b"<pic:envelope>1250000.5<")
    assert validate(one_decimal, "pic-1.0")[0].startswith('Line 13, envelope: "1250000.5" is not')


def test_amounts_that_do_not_add_up():
    plan = gembloux_plan()
    wrong = replace(plan.investments[0], subsidy=plan.investments[0].subsidy + Decimal("0.01"))
    bad = replace(plan, investments=(wrong, *plan.investments[1:]))
    errors = check_pic(bad)
    assert errors[0] == (
        "Line 21, investment 1: the subsidy is 410550.01, but 684250.00 x 60.00 % makes 410550.00."
    )
    assert "the municipal share is 273700.00" in errors[1]
    given_totals = replace(bad, totals=Totals.of(plan.investments))
    assert check_pic(given_totals)[-1] == (
        "Line 65, total of the subsidies (subsidies): 921330.30, but the investments add up "
        "to 921330.31."
    )


def test_spge_share_only_for_sewers_and_codes_checked():
    plan = gembloux_plan()
    road = replace(plan.investments[0], spge_share=Decimal("1000.00"), phase="H")
    errors = check_pic(replace(plan, investments=(road,), period="2027-2025"))
    assert "Line 12, programming period (period): 2027-2025 ends before it starts." in errors
    assert any("an SPGE share (1000.00) exists only for sewer works" in e for e in errors)
    assert any(
        'phase: "H" is not one of the allowed values (A, B, C, D, E, F, G).' in e for e in errors
    )


def test_rate_above_100_and_negative_amount():
    plan = gembloux_plan(subsidy_rate=Decimal("160"))
    assert check_pic(plan)[0].startswith('Line 14, subsidy rate (subsidyRate): "160.00" is not')
    negative = gembloux_plan(envelope=Decimal("-1"))
    assert check_pic(negative)[0].startswith('Line 13, envelope: "-1.00" is not valid')
