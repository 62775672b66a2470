"""The table of Walloon municipalities and the service templates (Plone-free)."""

from imio.municipal.administration import municipalities_table

import pytest


def test_the_region_counts_261_municipalities_with_unique_codes():
    entries = municipalities_table.municipalities()
    assert len(entries) == 261
    assert len({entry.ins_code for entry in entries}) == 261


def test_lookup_gives_french_names_and_none_outside_wallonia():
    assert municipalities_table.lookup("92094").name_fr == "Namur"
    assert municipalities_table.lookup("92094").name_de is None
    # Brussels (21004) and Antwerp (11002) are not Walloon
    assert municipalities_table.lookup("21004") is None
    assert municipalities_table.lookup("11002") is None
    assert municipalities_table.lookup("") is None


@pytest.mark.parametrize(
    ("ins_code", "german", "label"),
    [
        ("63040", "Kelmis", "La Calamine / Kelmis (63040)"),
        ("63067", "Sankt Vith", "Saint-Vith / Sankt Vith (63067)"),
        ("63023", "Eupen", "Eupen (63023)"),
    ],
)
def test_the_german_speaking_municipalities_have_their_german_name(ins_code, german, label):
    entry = municipalities_table.lookup(ins_code)
    assert entry.name_de == german
    assert entry.label == label


def test_nine_german_speaking_municipalities():
    assert sum(1 for e in municipalities_table.municipalities() if e.name_de) == 9


def test_templates_have_the_usual_services_with_valid_ids():
    from imio.municipal.platform.naming import SERVICE_ID_PATTERN

    templates = municipalities_table.service_templates()
    standard = [service["id"] for service in templates["standard"]]
    for expected in (
        "secretariat",
        "urbanisme",
        "travaux",
        "environnement",
        "population",
        "finances",
    ):
        assert expected in standard
    for services in templates.values():
        ids = [service["id"] for service in services]
        assert len(ids) == len(set(ids))
        assert all(SERVICE_ID_PATTERN.match(service_id) for service_id in ids)


def test_template_services_are_fresh_copies():
    services = municipalities_table.template_services("restreint")
    services[0]["title"] = "changed"
    assert municipalities_table.template_services("restreint")[0]["title"] != "changed"
    with pytest.raises(KeyError):
        municipalities_table.template_services("nope")
