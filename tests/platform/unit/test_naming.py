"""Group names of a municipality."""

from imio.municipal.platform import naming


SERVICES = [{"id": "urbanisme", "title": "Urbanisme"}, {"id": "travaux", "title": "Travaux"}]


def test_groups_of_a_municipality():
    ids = [spec.id for spec in naming.municipality_groups("92094", "Namur", SERVICES)]
    assert ids == [
        "92094_staff",
        "92094_secretaries",
        "92094_college",
        "92094_financial_director",
        "92094_dpo",
        "92094_urbanisme_editors",
        "92094_urbanisme_reviewers",
        "92094_travaux_editors",
        "92094_travaux_reviewers",
    ]


def test_every_function_group_is_nested_in_staff():
    specs = naming.municipality_groups("92094", "Namur", SERVICES)
    assert {spec.parent for spec in specs[1:]} == {"92094_staff"}
    assert specs[0].parent is None


def test_titles_are_french_and_name_the_municipality():
    titles = {s.id: s.title for s in naming.municipality_groups("92094", "Namur", SERVICES)}
    assert titles["92094_urbanisme_reviewers"] == "Namur : Urbanisme (chefs de service)"
    assert titles["92094_secretaries"] == "Namur : secrétariat communal"


def test_service_of_group():
    assert naming.service_of_group("92094", "92094_travaux_editors") == "travaux"
    assert naming.service_of_group("92094", "92094_travaux_reviewers") == "travaux"
    assert naming.service_of_group("92094", "92094_staff") is None
    assert naming.service_of_group("92094", "92142_travaux_editors") is None
