"""The INS vocabulary: the 261 Walloon municipalities, nothing else."""

from imio.municipal.platform import territory


def test_wallonia_has_261_municipalities_since_bastogne_bertogne():
    assert len(territory.walloon_municipalities()) == 261


def test_codes_are_unique_five_digit_strings():
    codes = [m.ins_code for m in territory.walloon_municipalities()]
    assert len(set(codes)) == 261
    assert all(len(code) == 5 and code.isdigit() for code in codes)


def test_labels_show_name_and_code():
    assert territory.get("92094").label == "Namur (92094)"
    assert territory.get("92142").label == "Gembloux (92142)"
    # German-speaking municipalities are Walloon too.
    assert territory.get("63023").label == "Eupen (63023)"


def test_other_regions_are_excluded():
    assert territory.get("11002") is None  # Antwerpen (Flanders)
    assert territory.get("21004") is None  # Bruxelles (Brussels-Capital)
    assert territory.get("44021") is None  # Gent


def test_merged_bertogne_is_gone_and_bastogne_remains():
    names = {m.name for m in territory.walloon_municipalities()}
    assert "Bastogne" in names
    assert "Bertogne" not in names


def test_sorted_by_french_name_ignoring_accents():
    names = [m.name for m in territory.walloon_municipalities()]
    # "Hélécine" sorts between "Hastière" and "Herbeumont", not after "Huy".
    assert names.index("Hastière") < names.index("Hélécine") < names.index("Herbeumont")
    assert names[0] == "Aiseau-Presles"
