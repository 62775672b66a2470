"""The procedures a Dossier can follow and their legal delays."""

from imio.municipal.dossiers import procedures
from imio.municipal.dossiers.procedures import UnknownProcedure

import doctest
import pytest
import re


def test_docstring_examples():
    result = doctest.testmod(procedures)
    assert result.attempted > 0
    assert result.failed == 0


def test_codes_in_order():
    assert list(procedures.PROCEDURES) == [
        "pu",
        "cu1",
        "cu2",
        "pur",
        "pe1",
        "pe2",
        "pe3",
        "generic",
    ]


@pytest.mark.parametrize("procedure", procedures.PROCEDURES.values(), ids=lambda p: p.code)
def test_every_procedure_has_a_source_and_titles(procedure):
    assert re.fullmatch(r"[a-z][a-z0-9]*", procedure.code)
    assert procedure.article.strip() or procedure.code == "generic"
    assert procedure.title.default.strip()
    assert procedure.title.domain == "imio.municipal"
    assert procedure.title == f"procedure_{procedure.code}"
    assert procedure.title_fr.strip()


def test_french_titles():
    titles = {code: p.title_fr for code, p in procedures.PROCEDURES.items()}
    assert titles == {
        "pu": "Permis d'urbanisme",
        "cu1": "Certificat d'urbanisme n° 1",
        "cu2": "Certificat d'urbanisme n° 2",
        "pur": "Permis d'urbanisation",
        "pe1": "Permis d'environnement (classe 1)",
        "pe2": "Permis d'environnement (classe 2)",
        "pe3": "Déclaration environnementale (classe 3)",
        "generic": "Dossier générique",
    }


@pytest.mark.parametrize("code", ["pu", "cu2", "pur"])
@pytest.mark.parametrize(
    "flags, days",
    [
        ({}, 30),
        ({"opinions": True}, 75),
        ({"inquiry": True}, 75),
        ({"delegated_officer": True}, 75),
        ({"opinions": True, "inquiry": True}, 75),
        ({"delegated_officer": True, "opinions": True}, 115),
        ({"delegated_officer": True, "inquiry": True}, 115),
        ({"delegated_officer": True, "opinions": True, "inquiry": True}, 115),
    ],
)
def test_codt_decision_delay(code, flags, days):
    assert procedures.decision_delay(code, **flags) == days
    assert procedures.get(code).decision_delay(**flags) == days


@pytest.mark.parametrize("flags", [{}, {"delegated_officer": True, "opinions": True}])
def test_fixed_decision_delays_ignore_the_flags(flags):
    assert procedures.decision_delay("cu1", **flags) == 30
    assert procedures.decision_delay("pe1", **flags) == 140
    assert procedures.decision_delay("pe2", **flags) == 70


def test_no_decision_delay():
    assert procedures.decision_delay("generic") is None
    assert procedures.decision_delay("pe3", inquiry=True) is None


def test_completeness_and_completion_delays():
    get = procedures.get
    assert (get("pu").completeness_days, get("pu").completion_limit_days) == (20, 180)
    assert (get("cu2").completeness_days, get("cu2").completion_limit_days) == (20, 180)
    assert (get("pur").completeness_days, get("pur").completion_limit_days) == (20, 180)
    assert get("pe1").completeness_days == 20
    assert get("pe2").completeness_days == 20
    # A class 3 declaration is declared admissible (or not) within 15 days.
    assert get("pe3").completeness_days == 15
    assert get("cu1").completeness_days is None
    assert get("generic").completeness_days is None
    assert get("generic").completion_limit_days is None


def test_decision_of_a_cu1_runs_from_the_receipt():
    assert procedures.get("cu1").decision_runs_from == "receipt"
    assert procedures.get("pu").decision_runs_from == "completeness"
    assert procedures.get("pe2").decision_runs_from == "completeness"


def test_maximum_extensions():
    maxima = {code: p.max_extension_days for code, p in procedures.PROCEDURES.items()}
    assert maxima == {
        "pu": 30,
        "cu1": None,
        "cu2": 30,
        "pur": 30,
        "pe1": 30,
        "pe2": 30,
        "pe3": None,
        "generic": None,
    }


@pytest.mark.parametrize("code", ["xx", "PU", "", None])
def test_unknown_procedure(code):
    with pytest.raises(UnknownProcedure) as raised:
        procedures.get(code)
    assert isinstance(raised.value, ValueError)
    assert repr(code) in str(raised.value)
    assert "pu, cu1, cu2" in str(raised.value)
    with pytest.raises(UnknownProcedure):
        procedures.decision_delay(code)


def test_procedures_cannot_be_changed():
    with pytest.raises(TypeError):
        procedures.PROCEDURES["pu"] = procedures.get("generic")
    with pytest.raises(AttributeError):
        procedures.get("pu").completeness_days = 30
