"""The agenda: which acts may go on it, in which order, and what can change."""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_session
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.errors import StateRefusal
from imio.municipal.sessions import agenda
from plone import api

import pytest


SECRETARY = "namur-secretaire"


@pytest.fixture
def college(portal):
    return build_session(portal, body="college", session_date=belgian_today())


def test_a_validated_act_of_the_body_goes_on_the_agenda(
    portal, college, validated_act, as_secretary
):
    act = validated_act("Marché de fournitures")
    item = as_secretary(agenda.propose, college, act)
    assert [i.act_uid for i in college.agenda] == [act.UID()]
    assert item.history[-1]["event"] == "proposed"
    assert act.on_agenda == college.UID()


def test_an_act_of_another_body_is_refused(portal, college, validated_act, as_secretary):
    act = validated_act("Règlement du conseil", body="conseil")
    with pytest.raises(InvalidInput, match="autre organe"):
        as_secretary(agenda.propose, college, act)
    assert len(college.agenda) == 0


def test_an_act_of_another_municipality_is_refused(portal, college, validated_act, as_secretary):
    act = validated_act("Décision de Gembloux", municipality="gembloux")
    with pytest.raises(InvalidInput, match="autre commune"):
        as_secretary(agenda.propose, college, act)
    assert len(college.agenda) == 0


def test_a_draft_act_is_refused(portal, college, validated_act, as_secretary):
    act = build_act(portal, title="Brouillon", body="college", kind="college_decision")
    with pytest.raises(StateRefusal, match="n'est pas validé"):
        as_secretary(agenda.propose, college, act)


def test_an_act_goes_on_one_agenda_at_a_time(portal, college, validated_act, as_secretary):
    act = validated_act("Une fois")
    as_secretary(agenda.propose, college, act)
    later = build_session(portal, body="college", session_date=belgian_today() + timedelta(7))
    with pytest.raises(StateRefusal, match="déjà inscrit"):
        as_secretary(agenda.propose, later, act)


def test_only_the_secretariat_composes_the_agenda(portal, college, validated_act, as_secretary):
    act = validated_act("Pas pour l'agent")
    with api.env.adopt_user(username="namur-agent-finances"):
        with pytest.raises(NotAllowed):
            agenda.propose(college, act)
    assert len(college.agenda) == 0


def test_items_move_and_are_renumbered(portal, college, validated_act, as_secretary):
    acts = [validated_act(f"Point {n}") for n in (1, 2, 3)]
    items = [as_secretary(agenda.propose, college, act) for act in acts]
    as_secretary(agenda.move, college, items[2].item_id, 1)
    assert [i.item_id for i in college.agenda] == [
        items[2].item_id,
        items[0].item_id,
        items[1].item_id,
    ]
    with pytest.raises(InvalidInput, match="La position 4 n'existe pas"):
        as_secretary(agenda.move, college, items[0].item_id, 4)


def test_withdrawn_before_the_convocation_leaves_the_agenda(
    portal, college, validated_act, as_secretary
):
    act = validated_act("Retiré")
    item = as_secretary(agenda.propose, college, act)
    with pytest.raises(InvalidInput, match="commentaire est obligatoire"):
        as_secretary(agenda.withdraw, college, item.item_id, "")
    as_secretary(agenda.withdraw, college, item.item_id, "Dossier incomplet")
    assert len(college.agenda) == 0
    assert act.on_agenda is None
    # It can go on a later agenda, which shows its history.
    later = build_session(portal, body="college", session_date=belgian_today() + timedelta(7))
    again = as_secretary(agenda.propose, later, act)
    assert again.history[0]["event"] == "earlier_session"
    assert again.history[0]["outcome"] == "withdrawn"


def test_after_the_convocation_only_supplementary_or_urgent_items(
    portal, members, validated_act, as_secretary
):
    council = build_session(portal, body="conseil", session_date=belgian_today() + timedelta(10))
    as_secretary(agenda.propose, council, validated_act("Budget", body="conseil"))
    do_transition(council, SECRETARY, "convene")
    late = validated_act("En retard", body="conseil")
    with pytest.raises(StateRefusal, match="ordre du jour a été envoyé"):
        as_secretary(agenda.propose, council, late)
    # A councillor's supplementary item, 5 clear days ahead, is accepted.
    item = as_secretary(agenda.propose, council, late, kind="supplementary", note="Motion")
    assert item.kind == "supplementary"


def test_a_late_supplementary_item_is_refused(portal, members, validated_act, as_secretary):
    council = build_session(portal, body="conseil", session_date=belgian_today() + timedelta(3))
    act = validated_act("Point tardif", body="conseil")
    with pytest.raises(InvalidInput, match="cinq jours francs"):
        as_secretary(agenda.propose, council, act, kind="supplementary")
    assert len(council.agenda) == 0
