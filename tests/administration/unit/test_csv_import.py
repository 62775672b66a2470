"""Reading a CSV file of users: accepted rows, refused lines with their reason."""

from imio.municipal.administration import csv_import
from imio.municipal.administration import functions
from imio.municipal.administration.refusals import PeopleInputRefused
from zope.i18n import translate

import pytest


SERVICES = {"travaux": "Travaux", "urbanisme": "Urbanisme"}


def reasons(plan):
    return {line: translate(reason) for line, reason in plan.refused}


def test_good_rows_are_read_with_french_headers_and_service_titles():
    data = (
        "identifiant,nom,courriel,service,fonction\n"
        "jdupont,Jean  Dupont,jean.dupont@namur.be,Urbanisme,chef de service\n"
        "mmartin,Marie Martin,marie@namur.be,,directeur financier\n"
    ).encode("utf-8-sig")
    plan = csv_import.parse_users(data, SERVICES)
    assert plan.refused == []
    assert [(r.line, r.login, r.name, r.service, r.function) for r in plan.rows] == [
        (2, "jdupont", "Jean Dupont", "urbanisme", "head"),
        (3, "mmartin", "Marie Martin", "", "financial_director"),
    ]


def test_each_refused_line_has_its_number_and_reason():
    data = (
        "login;name;email;service;function\n"
        "ok.user;Ok User;ok@namur.be;travaux;agent\n"
        "\n"
        "Bad Login;Someone;s@namur.be;travaux;agent\n"
        "nomail;No Mail;not-an-address;travaux;agent\n"
        "noservice;No Service;ns@namur.be;;agent\n"
        "ghost;Ghost;g@namur.be;piscine;agent\n"
        "mayor;Mayor;m@namur.be;;bourgmestre\n"
        "dpo1;Dpo;d@namur.be;travaux;dpo\n"
        "ok.user;Again;again@namur.be;travaux;chef\n"
        "noname;;n@namur.be;travaux;agent\n"
    )
    plan = csv_import.parse_users(data, SERVICES)
    assert [row.login for row in plan.rows] == ["ok.user"]
    found = reasons(plan)
    assert sorted(found) == [4, 5, 6, 7, 8, 9, 10, 11]
    assert 'login "Bad Login" is not valid' in found[4]
    assert '"not-an-address" is not valid' in found[5]
    assert "needs a service" in found[6]
    assert 'Unknown service "piscine"' in found[7]
    assert 'Unknown function "bourgmestre"' in found[8]
    assert "leave the service empty" in found[9]
    assert "already on line 2" in found[10]
    assert "name of 1 to 100" in found[11]


def test_a_quoted_cell_keeps_its_separator_and_line_numbers_follow_the_file():
    data = (
        'login,name,email,service,function\nvdb,"Van den Berghe, Jean",v@namur.be,travaux,agent\n'
    )
    plan = csv_import.parse_users(data, SERVICES)
    assert plan.rows[0].name == "Van den Berghe, Jean"
    assert plan.rows[0].line == 2


@pytest.mark.parametrize(
    "data, words",
    [
        ("", "empty"),
        ("login;name;email\njd;J;j@x.be\n", "missing: service, function"),
        ("login;name;email;service;function\n" + "a;b;c;d;e\n" * 2001, "At most 2000"),
    ],
)
def test_a_file_with_a_bad_header_or_too_many_lines_is_refused_whole(data, words):
    with pytest.raises(PeopleInputRefused) as refusal:
        csv_import.parse_users(data, SERVICES)
    assert words in translate(refusal.value.reason())


def test_a_windows_encoded_file_is_read():
    data = "login;name;email;service;function\nhel;Hélène;h@namur.be;;collège\n".encode("cp1252")
    plan = csv_import.parse_users(data, SERVICES)
    assert (plan.rows[0].name, plan.rows[0].function) == ("Hélène", "college")


def test_functions_and_groups_go_both_ways():
    for function in functions.FUNCTIONS:
        service = "travaux" if function in functions.SERVICE_FUNCTIONS else None
        group = functions.group_of("92094", function, service)
        assert functions.function_of_group("92094", group) == (function, service)
        assert functions.function_of_group("63023", group) is None
    assert functions.function_of_group("92094", "92094_staff") is None
