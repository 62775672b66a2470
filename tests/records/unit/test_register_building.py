"""The register of processing activities built from the configuration."""

from imio.municipal.acts import tutelle
from imio.municipal.dossiers.procedures import PROCEDURES
from imio.municipal.records import register

import csv
import doctest
import io
import pytest


def test_docstring_examples():
    result = doctest.testmod(register)
    assert result.attempted > 0
    assert result.failed == 0


def test_one_activity_per_procedure_and_kind_of_act():
    codes = [a.code for a in register.build_register()]
    assert codes == [*PROCEDURES, *tutelle.KINDS]


def test_acts_go_to_e_tutelle_with_their_retention():
    deliberation = next(a for a in register.build_register() if a.code == "deliberation")
    assert deliberation.recipients == "e-Tutelle (Région wallonne)"
    assert (
        deliberation.retention == "30 ans après l'adoption, puis versement aux Archives de l'État"
    )


def test_the_authentic_sources_appear_only_where_authorised():
    without = {a.code: a for a in register.build_register()}
    granted = {a.code: a for a in register.build_register({"environment-permit"})}
    assert "BCED" not in without["pe2"].sources
    assert "BCED" in granted["pe2"].sources
    assert "BCED" not in granted["pu"].sources
    assert granted["pe2"].legal_basis.startswith("RGPD, art. 6.1.e ; décret du 11 mars 1999")


def test_a_generic_file_has_no_regional_recipient():
    generic = next(a for a in register.build_register() if a.code == "generic")
    assert generic.recipients == ""
    assert generic.retention == "10 ans après la clôture, puis destruction"


def test_what_the_dpo_wrote_completes_the_generated_columns():
    rows = register.build_register(completed={"pu": {"notes": "Revu le 02/12/2026"}})
    pu = next(a for a in rows if a.code == "pu")
    assert pu.notes == "Revu le 02/12/2026"
    assert pu.purpose == "Instruction des permis et certificats d'urbanisme"
    with pytest.raises(ValueError):
        register.build_register(completed={"pu": {"purpose": "autre chose"}})


def test_the_csv_has_every_activity_and_safe_cells():
    rows = register.build_register(completed={"cu1": {"notes": '=HYPERLINK("x")'}})
    text = register.register_csv(rows, {"Commune": "Namur", "DPO": "dpo@namur.be"})
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0] == ["Commune", "Namur"]
    assert lines[2] == list(register.COLUMNS)
    assert len(lines) == 3 + len(rows)
    cu1 = next(line for line in lines if line[0] == "cu1")
    assert cu1[register.COLUMNS.index("notes")] == '\'=HYPERLINK("x")'
