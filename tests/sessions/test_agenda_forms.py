"""The session's page composes its agenda: the secretariat's form and a
councillor's supplementary item (CDLD L1122-24), posted as the browser does."""

from conftest import post
from conftest import render
from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_session
from imio.municipal.sessions import agenda
from imio.municipal.sessions import supplementary
from imio.municipal.sessions.agenda import act_of
from plone import api
from zExceptions import Forbidden

import pytest


SECRETARY = "namur-secretaire"
COUNCILLOR = "namur-conseiller"
AGENT = "namur-agent-urbanisme"


def acts_titled(portal, title):
    return [b for b in api.content.find(portal_type="Act", Title=title, unrestricted=True)]


@pytest.fixture
def council(portal, members, validated_act):
    """A council in preparation, ten days ahead, with its councillor's account."""
    mandate = portal["namur"]["seances"]
    councillor = [
        m
        for m in mandate.objectValues()
        if m.portal_type == "Mandate" and m.person == "Conseiller Fictif 1"
    ][0]
    councillor.user_id = COUNCILLOR
    session = build_session(portal, body="conseil", session_date=belgian_today() + timedelta(10))
    return session


def convene(council, act):
    """Convened with one item: the council's members read it from now on."""
    with api.env.adopt_user(username=SECRETARY):
        agenda.propose(council, act)
    do_transition(council, SECRETARY, "convene")


@pytest.fixture
def candidates(portal, council, validated_act, as_secretary):
    """What the form offers, and what it must not offer."""
    acts = {
        "budget": validated_act("Budget communal", body="conseil"),
        "police": validated_act("Règlement de police", body="conseil"),
        "college": validated_act("Décision du collège", body="college"),
        "gembloux": validated_act("Acte de Gembloux", body="conseil", municipality="gembloux"),
        "draft": build_act(portal, title="Projet en cours", body="conseil"),
        "elsewhere": validated_act("Déjà à l'ordre du jour", body="conseil"),
    }
    other = build_session(portal, body="conseil", session_date=belgian_today() + timedelta(30))
    as_secretary(agenda.propose, other, acts["elsewhere"])
    return acts


def test_the_secretariat_form_lists_only_the_acts_that_may_be_proposed(
    council, candidates, request_
):
    html = render(council, request_, SECRETARY)
    assert "Mettre un acte à l'ordre du jour" in html
    offered = {act for act, obj in candidates.items() if f'value="{obj.UID()}"' in html}
    assert offered == {"budget", "police"}
    # A council in preparation: ordinary, sent by the college or supplementary.
    assert 'value="from_college"' in html and 'value="urgent"' not in html


def test_the_secretariat_puts_an_act_on_the_agenda_in_closed_session(council, candidates, request_):
    act = candidates["police"]
    view, _html = post(council, request_, SECRETARY, session_action="propose", act=act.UID(),
                       kind="from_college", closed="1")  # fmt: skip
    assert view.error is None
    [item] = council.agenda
    assert act_of(item) == act and item.closed and item.kind == "from_college"
    assert act.on_agenda == council.UID()
    # Once on the agenda, the act is no longer offered.
    assert f'value="{act.UID()}"' not in render(council, request_, SECRETARY)


def test_an_act_of_another_municipality_is_refused_and_nothing_kept(council, candidates, request_):
    view, html = post(council, request_, SECRETARY, session_action="propose",
                      act=candidates["gembloux"].UID())  # fmt: skip
    assert "appartient à une autre commune" in str(view.error)
    assert "appartient à une autre commune" in html
    assert len(council.agenda) == 0
    assert not getattr(candidates["gembloux"], "on_agenda", None)
    view, _html = post(council, request_, SECRETARY, session_action="propose", act="")
    assert "Aucun acte" in str(view.error)


def test_the_proposal_needs_the_csrf_token(council, candidates, request_):
    with pytest.raises(Forbidden):
        post(council, request_, SECRETARY, token=False, session_action="propose",
             act=candidates["budget"].UID())  # fmt: skip
    assert len(council.agenda) == 0


@pytest.mark.parametrize("user", [COUNCILLOR, AGENT])
def test_only_the_secretariat_proposes_an_act(council, candidates, request_, user):
    convene(council, candidates["police"])
    html = render(council, request_, user) if user == COUNCILLOR else ""
    assert "Budget communal" not in html and "session-propose-form" not in html
    view, _html = post(council, request_, user, session_action="propose",
                       act=candidates["budget"].UID(), kind="supplementary")  # fmt: skip
    assert "seul le secrétariat" in str(view.error)
    assert len(council.agenda) == 1


def test_a_councillor_adds_his_supplementary_item(portal, council, request_, validated_act):
    convene(council, validated_act("Budget communal", body="conseil"))
    html = render(council, request_, COUNCILLOR)
    assert "Ajouter un point supplémentaire" in html
    view, _html = post(council, request_, COUNCILLOR, session_action="supplementary",
                       title="Motion relative à l'éclairage public",
                       note="Plusieurs passages pour piétons sont mal éclairés.",
                       draft_decision="Article 1 : le collège étudie l'éclairage.")  # fmt: skip
    assert view.error is None
    item = council.agenda[-1]
    assert len(council.agenda) == 2 and item.kind == "supplementary"
    assert item.note == "Plusieurs passages pour piétons sont mal éclairés."
    assert item.history[-1]["by"] == "Conseiller Fictif 1"
    act = act_of(item)
    assert act.Title() == "Motion relative à l'éclairage public"
    assert api.content.get_state(act) == "validated" and act.body == "conseil"
    assert "le collège étudie l'éclairage" in act.decision.raw
    # Read at once by the council's members, as the items sent with the convocation.
    with api.env.adopt_user(username=COUNCILLOR):
        assert api.user.has_permission("View", obj=act)
    # The secretariat then holds it as any other item.
    assert "Motion relative à l'éclairage public" in render(council, request_, SECRETARY)


def test_a_late_supplementary_item_is_refused_in_french_and_nothing_is_kept(
    portal, members, request_, council
):
    late = build_session(portal, body="conseil", session_date=belgian_today() + timedelta(3))
    view, html = post(late, request_, COUNCILLOR, session_action="supplementary",
                      title="Point tardif", note="Note", draft_decision="Décide")  # fmt: skip
    assert "cinq jours francs" in str(view.error) and "cinq jours francs" in html
    assert len(late.agenda) == 0
    assert acts_titled(portal, "Point tardif") == []


def test_a_supplementary_item_needs_its_note_and_draft_decision(portal, council, request_):
    view, _html = post(council, request_, COUNCILLOR, session_action="supplementary",
                       title="Sans note", note=" ", draft_decision="Décide")  # fmt: skip
    assert "« Note explicative » est obligatoire" in str(view.error)
    assert len(council.agenda) == 0 and acts_titled(portal, "Sans note") == []


@pytest.mark.parametrize("user", [SECRETARY, AGENT])
def test_who_is_not_a_councillor_adds_no_supplementary_item(portal, council, request_, user):
    html = render(council, request_, user)
    assert "session-supplementary-form" not in html
    view, _html = post(council, request_, user, session_action="supplementary",
                       title="Point", note="Note", draft_decision="Décide")  # fmt: skip
    assert "Seul un membre de ce conseil" in str(view.error)
    assert len(council.agenda) == 0


def test_a_college_member_adds_no_supplementary_item(portal, members, council, request_):
    bourgmestre = [
        m
        for m in portal["namur"]["seances"].objectValues()
        if m.portal_type == "Mandate" and m.person == "Alice Fictive"
    ][0]
    bourgmestre.user_id = "namur-secretaire"  # any account: the mandate decides
    assert not supplementary.may_add(council)
    view, _html = post(council, request_, "namur-secretaire", session_action="supplementary",
                       title="Point", note="Note", draft_decision="Décide")  # fmt: skip
    assert "membre du collège" in str(view.error)
    assert len(council.agenda) == 0


def test_a_college_session_offers_no_supplementary_item(portal, members, request_, council):
    college = build_session(portal, body="college", session_date=belgian_today() + timedelta(10))
    html = render(college, request_, SECRETARY)
    assert 'value="supplementary"' not in html and 'value="from_college"' not in html


def test_an_urgent_item_during_the_session_needs_two_thirds(
    portal, members, council, validated_act, request_, as_secretary
):
    from imio.municipal.sessions import holding

    urgent = build_session(portal, body="conseil", session_date=belgian_today() + timedelta(1),
                           kind="urgent")  # fmt: skip
    convene(urgent, validated_act("Point convoqué", body="conseil"))
    urgent.session_date = belgian_today()  # the day of the session has come
    do_transition(urgent, SECRETARY, "open")
    six = ["Alice Fictive", "Bruno Imaginaire", "Chloé Exemple", "Conseiller Fictif 1",
           "Conseiller Fictif 2", "Conseiller Fictif 3"]  # fmt: skip
    as_secretary(holding.set_presences, urgent, {members[p]: "present" for p in six})
    act = validated_act("Réparation urgente du pont", body="conseil")
    html = render(urgent, request_, SECRETARY)
    assert 'value="urgent"' in html and 'name="urgency_votes"' in html
    view, _html = post(urgent, request_, SECRETARY, session_action="propose", act=act.UID(),
                       kind="urgent", urgency_votes="3")  # fmt: skip
    assert "deux tiers" in str(view.error)
    assert len(urgent.agenda) == 1
    view, _html = post(urgent, request_, SECRETARY, session_action="propose", act=act.UID(),
                       kind="urgent", urgency_votes="quatre")  # fmt: skip
    assert "nombre entier" in str(view.error)
    view, _html = post(urgent, request_, SECRETARY, session_action="propose", act=act.UID(),
                       kind="urgent", urgency_votes="4")  # fmt: skip
    assert view.error is None
    assert [item.kind for item in urgent.agenda] == ["ordinary", "urgent"]
