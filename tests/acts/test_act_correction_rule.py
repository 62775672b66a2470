"""The correction rule, as a job or a service would call it (no form)."""

from imio.municipal.acts.correction import correct_act
from imio.municipal.acts.correction import CorrectionRefused
from imio.municipal.acts.correction import NotCorrectable
from imio.municipal.demo.builders import adopt_council_act
from imio.municipal.demo.builders import build_act
from imio.municipal.errors import MunicipalRefusal
from plone import api
from plone.app.textfield.value import RichTextValue

import pytest


SECRETARY = "namur-secretaire"


def history(act):
    return act.workflow_history["municipal_act_workflow"]


def test_a_correction_changes_the_fields_and_is_kept_in_the_history(portal):
    act = adopt_council_act(portal, title="Convention de partenariat")
    with api.env.adopt_user(username=SECRETARY):
        changed = correct_act(act, {"title": "Convention de partenariat culturel"}, "Coquille")
    assert changed == ["title"]
    assert act.title == "Convention de partenariat culturel"
    assert history(act)[-1]["action"] == "correct"
    assert history(act)[-1]["comments"] == "Coquille (title)"
    # the replaced value stays in the act's history (a pack of the database
    # removes the older revisions that held it)
    assert history(act)[-1]["previous"] == {"title": "Convention de partenariat"}


def test_a_corrected_text_keeps_its_former_html_in_the_history(portal):
    before = "<p>Article 1er : approuvé.</p>"
    act = adopt_council_act(portal, decision=RichTextValue(before))
    with api.env.adopt_user(username=SECRETARY):
        correct_act(
            act, {"decision": RichTextValue("<p>Article 1er : corrigé.</p>")}, "Erreur matérielle"
        )
    assert history(act)[-1]["previous"] == {"decision": before}
    assert act.decision.raw != before


def test_nothing_changed_records_nothing(portal):
    act = adopt_council_act(portal)
    before = len(history(act))
    with api.env.adopt_user(username=SECRETARY):
        assert correct_act(act, {"title": act.title}, "Rien") == []
    assert len(history(act)) == before


@pytest.mark.parametrize(
    "values, comment",
    [
        ({"title": "Autre"}, "  "),  # no comment
        ({"review_state": "draft"}, "Pas un champ corrigeable"),
        ({"members_present": 3, "votes_for": 5, "votes_against": 0, "votes_abstention": 0}, "x"),
    ],
    ids=["without comment", "not a correctable field", "votes that do not add up"],
)
def test_a_refused_correction_saves_nothing(portal, values, comment):
    act = adopt_council_act(portal, title="Convention")
    before = len(history(act))
    with api.env.adopt_user(username=SECRETARY), pytest.raises(CorrectionRefused) as refused:
        correct_act(act, values, comment)
    assert isinstance(refused.value, MunicipalRefusal)
    assert act.title == "Convention"
    assert len(history(act)) == before


def test_a_draft_is_not_corrected_but_edited(portal):
    act = build_act(portal)
    with pytest.raises(NotCorrectable):
        correct_act(act, {"title": "Autre"}, "Coquille")
