"""Onboarding requests and onboarding files (Plone-free)."""

from imio.municipal.administration.onboarding_rules import check_request
from imio.municipal.administration.onboarding_rules import MAX_LINES
from imio.municipal.administration.onboarding_rules import OnboardingRequest
from imio.municipal.administration.onboarding_rules import parse_csv
from imio.municipal.administration.onboarding_rules import Reason

import pytest


HEADER = "ins_code;bce_number;dg_login;dg_fullname;dg_email;template\n"
EUPEN = "63023;0207.344.329;eupen-dg;Anna Schmitz;dg@eupen.be;standard\n"
CINEY = "91030;0216.689.981;ciney-dg;Paul Collin;dg@ciney.be;restreint\n"


def codes(reasons):
    return [reason.code for reason in reasons]


def good(**changes) -> OnboardingRequest:
    values = {
        "ins_code": "63023",
        "bce_number": "0207.344.329",
        "template": "standard",
        "dg_login": "eupen-dg",
        "dg_fullname": "Anna Schmitz",
        "dg_email": "dg@eupen.be",
    }
    values.update(changes)
    return OnboardingRequest.from_mapping(values)


def test_a_good_request_has_no_problem():
    assert check_request(good()) == []


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"ins_code": "21004"}, "ins_unknown"),  # Brussels
        ({"ins_code": ""}, "missing"),
        ({"bce_number": "0207.344.328"}, "bce_invalid"),
        ({"template": "immense"}, "template_unknown"),
        ({"dg_login": "Eupen DG"}, "login_invalid"),
        ({"dg_login": "x"}, "login_invalid"),
        ({"dg_email": "dg.eupen.be"}, "email_invalid"),
        ({"dg_email": "dg@eupen"}, "email_invalid"),
        ({"dg_fullname": "   "}, "missing"),
        ({"dg_fullname": "A" * 201}, "too_long"),
    ],
)
def test_each_problem_is_named(changes, code):
    assert code in codes(check_request(good(**changes)))


def test_every_problem_is_reported_at_once():
    reasons = check_request(good(ins_code="00000", dg_email="nope", template="x"))
    assert codes(reasons) == ["ins_unknown", "template_unknown", "email_invalid"]


def test_a_file_with_semicolons_or_commas_and_a_bom():
    lines, refused = parse_csv("\ufeff" + HEADER + EUPEN + CINEY)
    assert refused == []
    assert [(line.number, line.request.ins_code) for line in lines] == [(2, "63023"), (3, "91030")]
    assert lines[1].request.template == "restreint"
    comma = (HEADER + EUPEN).replace(";", ",")
    assert parse_csv(comma)[0][0].request.dg_fullname == "Anna Schmitz"


def test_refused_lines_carry_their_number_and_the_others_go_on():
    bad = "21004;0207.344.329;brux-dg;X Y;dg@bxl.be;standard\n"
    lines, refused = parse_csv(HEADER + EUPEN + bad + CINEY)
    assert [line.number for line in lines] == [2, 4]
    assert [(number, codes(reasons)) for number, reasons in refused] == [(3, ["ins_unknown"])]


def test_a_municipality_or_login_twice_in_a_file_is_refused_the_second_time():
    twice = "63023;0207.344.329;other-dg;B C;b@eupen.be;standard\n"
    same_login = "91030;0216.689.981;eupen-dg;D E;d@ciney.be;standard\n"
    lines, refused = parse_csv(HEADER + EUPEN + twice + same_login)
    assert [line.number for line in lines] == [2]
    assert [(n, codes(r)) for n, r in refused] == [(3, ["ins_twice"]), (4, ["login_twice"])]
    assert refused[0][1][0].values == {"value": "63023", "line": 2}


def test_empty_lines_are_skipped():
    lines, refused = parse_csv(HEADER + EUPEN + ";;;;;\n\n" + CINEY)
    # numbers stay those a spreadsheet shows
    assert [line.number for line in lines] == [2, 5]
    assert refused == []


def test_a_file_without_the_columns_is_refused_on_line_one():
    lines, refused = parse_csv("ins;login\n63023;eupen-dg\n")
    assert lines == []
    assert refused[0][0] == 1
    assert refused[0][1][0].code == "columns_missing"
    assert "bce_number" in refused[0][1][0].values["columns"]


def test_a_file_too_long_is_cut_with_a_reason():
    text = HEADER + "".join(
        f"63023;0207.344.329;dg{index:04d};A B;a@b.be;standard\n" for index in range(MAX_LINES + 5)
    )
    lines, refused = parse_csv(text)
    assert refused[-1] == (MAX_LINES + 2, [Reason("too_many_lines", {"max": MAX_LINES})])
    assert refused[-2][0] == MAX_LINES + 1
