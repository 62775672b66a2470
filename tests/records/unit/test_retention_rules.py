"""The retention table: complete, sourced, and its periods computed right."""

from datetime import date
from imio.municipal.acts import tutelle
from imio.municipal.dossiers.procedures import PROCEDURES
from imio.municipal.records import retention

import doctest
import pytest


def test_docstring_examples():
    result = doctest.testmod(retention)
    assert result.attempted > 0
    assert result.failed == 0


def test_every_procedure_and_kind_of_act_has_one_rule():
    assert {code for subject, code in retention.RULES if subject == "procedure"} == set(PROCEDURES)
    assert {code for subject, code in retention.RULES if subject == "act"} == set(tutelle.KINDS)


def test_every_rule_cites_its_source_and_how_far_it_was_checked():
    for rule in retention.RULES.values():
        assert "Archives de l'État" in rule.source
        assert rule.verification


def test_permits_go_to_the_archives_certificates_are_destroyed():
    assert retention.rule_for("procedure", "pu").fate == "transfer"
    assert retention.rule_for("procedure", "cu1").fate == "destroy"
    assert retention.rule_for("procedure", "pe3").fate == "anonymise"


def test_an_unknown_code_is_refused():
    with pytest.raises(retention.NoRetentionRule):
        retention.rule_for("procedure", "nope")


@pytest.mark.parametrize(
    "line, message",
    [
        ("procedure,pu,30,burn,closed,src,v", "bad rule"),
        ("procedure,pu,0,destroy,closed,src,v", "bad rule"),
        ("procedure,pu,10,destroy,closed,,v", "cites no source"),
        ("dossier,pu,10,destroy,closed,src,v", "bad rule"),
        ("act,deliberation,30,destroy,adopted,src,v", "only transferred"),
        ("act,deliberation,30,anonymise,adopted,src,v", "only transferred"),
    ],
)
def test_a_bad_table_is_refused(tmp_path, line, message):
    table = tmp_path / "retention.csv"
    table.write_text("subject,code,years,fate,starts,source,verification\n" + line + "\n")
    with pytest.raises(ValueError, match=message):
        retention.load_rules(table)


def test_a_rule_twice_is_refused(tmp_path):
    table = tmp_path / "retention.csv"
    row = "procedure,pu,10,destroy,closed,src,v\n"
    table.write_text("subject,code,years,fate,starts,source,verification\n" + row + row)
    with pytest.raises(ValueError, match="twice"):
        retention.load_rules(table)


def test_the_period_ends_on_the_anniversary():
    rule = retention.rule_for("procedure", "pu")
    assert rule.due(date(2000, 6, 15)) == date(2030, 6, 15)
    assert not rule.is_due(date(2000, 6, 15), today=date(2030, 6, 14))
    assert rule.is_due(date(2000, 6, 15), today=date(2030, 6, 15))
