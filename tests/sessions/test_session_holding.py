"""Holding and closing a session: quorum, votes, numbering in agenda order."""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_session
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import StateRefusal
from imio.municipal.platform import numbering
from imio.municipal.publication import publish
from imio.municipal.sessions import agenda
from imio.municipal.sessions import holding
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException

import pytest


SECRETARY = "namur-secretaire"
COLLEGE_MEMBERS = ["Alice Fictive", "Bruno Imaginaire", "Chloé Exemple", "David Modèle"]


@pytest.fixture
def college_in_session(portal, members, validated_act, as_secretary):
    """A college session of today with three items, convened and opened."""
    session = build_session(portal, body="college", session_date=belgian_today())
    acts = [validated_act(f"Décision {n}") for n in (1, 2, 3)]
    for act in acts:
        as_secretary(agenda.propose, session, act)
    do_transition(session, SECRETARY, "convene")
    do_transition(session, SECRETARY, "open")
    return session, acts


def test_no_vote_without_quorum(college_in_session, members, as_secretary):
    session, _acts = college_in_session
    # 2 of 4 college members present: half is not a majority.
    as_secretary(
        holding.set_presences, session, {members[p]: "present" for p in COLLEGE_MEMBERS[:2]}
    )
    item = session.agenda[0]
    with pytest.raises(StateRefusal, match="Quorum non atteint"):
        as_secretary(holding.record_vote, session, item.item_id)
    assert item.outcome is None and item.vote is None


def test_quorum_lost_after_a_departure(college_in_session, members, as_secretary):
    session, _acts = college_in_session
    as_secretary(
        holding.set_presences, session, {members[p]: "present" for p in COLLEGE_MEMBERS[:3]}
    )
    as_secretary(holding.record_vote, session, session.agenda[0].item_id)
    as_secretary(holding.leave, session, members["Chloé Exemple"])
    with pytest.raises(StateRefusal, match="Quorum non atteint"):
        as_secretary(holding.record_vote, session, session.agenda[1].item_id)
    as_secretary(holding.arrive, session, members["Chloé Exemple"])
    as_secretary(holding.record_vote, session, session.agenda[1].item_id)
    assert [m["movement"] for m in session.movements] == ["left", "arrived"]


def test_a_vote_over_the_members_present_is_refused(college_in_session, members, as_secretary):
    session, _acts = college_in_session
    as_secretary(holding.set_presences, session, {members[p]: "present" for p in COLLEGE_MEMBERS})
    item = session.agenda[0]
    totals = {"votes_for": 4, "votes_against": 1, "abstentions": 0}
    with pytest.raises(InvalidInput, match="5 voix"):
        as_secretary(holding.record_vote, session, item.item_id, "secret", totals=totals)
    # A member out for a personal interest does not vote.
    totals = {"votes_for": 3, "votes_against": 1, "abstentions": 0}
    with pytest.raises(InvalidInput, match="4 voix"):
        as_secretary(
            holding.record_vote,
            session,
            item.item_id,
            "secret",
            totals=totals,
            out_for_interest=[members["Alice Fictive"]],
        )
    assert item.vote is None


def test_a_public_vote_only_by_members_present(college_in_session, members, as_secretary):
    session, _acts = college_in_session
    present = COLLEGE_MEMBERS[:3]
    as_secretary(holding.set_presences, session, {members[p]: "present" for p in present})
    ballots = {members[p]: "for" for p in present}
    ballots[members["David Modèle"]] = "against"
    with pytest.raises(InvalidInput, match="pas présent"):
        as_secretary(
            holding.record_vote, session, session.agenda[0].item_id, "public", ballots=ballots
        )
    ballots = {
        members[present[0]]: "for",
        members[present[1]]: "for",
        members[present[2]]: "against",
    }
    item = as_secretary(
        holding.record_vote, session, session.agenda[0].item_id, "public", ballots=ballots
    )
    assert (item.outcome, item.vote["votes_for"], item.vote["votes_against"]) == ("adopted", 2, 1)


def test_a_councillor_is_not_a_member_of_the_college(college_in_session, members, as_secretary):
    session, _acts = college_in_session
    with pytest.raises(InvalidInput, match="n'est pas membre"):
        as_secretary(holding.set_presences, session, {members["Conseiller Fictif 1"]: "present"})
    with pytest.raises(InvalidInput, match="n'est pas membre"):
        as_secretary(holding.set_presences, session, {members["ended"]: "present"})


def test_closing_numbers_the_adopted_acts_in_agenda_order(
    portal, college_in_session, members, as_secretary
):
    session, acts = college_in_session
    # The third item is moved first, the second postponed; the rest adopted at once.
    as_secretary(agenda.move, session, session.agenda[2].item_id, 1)
    as_secretary(
        holding.set_presences, session, {members[p]: "present" for p in COLLEGE_MEMBERS[:3]}
    )
    postponed = session.item_for_act(acts[1].UID())
    as_secretary(agenda.postpone, session, postponed.item_id, "Avis du service juridique attendu")
    with pytest.raises(WorkflowException, match="n'ont pas encore"):
        do_transition(session, SECRETARY, "close")
    adopted = as_secretary(holding.adopt_remaining, session)
    assert len(adopted) == 2
    before = numbering.last_number(portal["namur"], "act", belgian_today().year, "college")
    do_transition(session, SECRETARY, "close")
    first, third = acts[0], acts[2]
    year = belgian_today().year
    assert third.number == f"{year}/college/{before + 1}"
    assert first.number == f"{year}/college/{before + 2}"
    assert api.content.get_state(acts[1]) == "validated"
    assert acts[1].number is None and acts[1].on_agenda is None
    for act in (first, third):
        assert api.content.get_state(act) == "adopted"
        assert (act.session_date, act.members_present, act.unanimity) == (belgian_today(), 3, True)
        assert act.votes_for == 3
    # Closing twice is impossible: a closed session has no way back.
    with pytest.raises(WorkflowException):
        do_transition(session, SECRETARY, "close")
    assert numbering.last_number(portal["namur"], "act", year, "college") == before + 2


def test_a_council_is_not_opened_before_its_day(portal, members, validated_act, as_secretary):
    council = build_session(portal, body="conseil", session_date=belgian_today() + timedelta(10))
    as_secretary(agenda.propose, council, validated_act("Budget", body="conseil"))
    do_transition(council, SECRETARY, "convene")
    assert council.convocation_sent == belgian_today()
    with pytest.raises(WorkflowException, match="ne peut pas être ouverte avant"):
        do_transition(council, SECRETARY, "open")
    with pytest.raises(InvalidInput, match="uniquement le collège|Seul le collège"):
        as_secretary(holding.adopt_remaining, council)


def test_a_late_convocation_is_refused_unless_urgent(portal, members, validated_act, as_secretary):
    council = build_session(portal, body="conseil", session_date=belgian_today() + timedelta(5))
    as_secretary(agenda.propose, council, validated_act("Urgent", body="conseil"))
    with pytest.raises(WorkflowException, match="Trop tard pour convoquer"):
        do_transition(council, SECRETARY, "convene")
    assert api.content.get_state(council) == "preparation"
    council.kind = "urgent"
    do_transition(council, SECRETARY, "convene")
    assert api.content.get_state(council) == "convened"


def test_closed_session_items_are_never_published(college_in_session, as_secretary):
    session, acts = college_in_session
    as_secretary(agenda.set_closed, session, session.agenda[0].item_id, True)
    act = acts[0]
    assert act.closed_session is True
    with pytest.raises(publish.PublicationRefused) as refused:
        publish.check(act)
    assert refused.value.message == "refusal_publish_closed_session"


def test_members_read_the_session_from_the_convocation_on(portal, members, validated_act):
    council = build_session(portal, body="conseil", session_date=belgian_today() + timedelta(10))
    with api.env.adopt_roles(["Manager"]):
        councillor = api.content.get(UID=members["Conseiller Fictif 1"])
        councillor.user_id = "namur-agent-urbanisme"
        councillor.reindexObject()
    linked, other = "namur-agent-urbanisme", "namur-agent-travaux"
    for user, seen in ((linked, False), (other, False), (SECRETARY, True)):
        with api.env.adopt_user(username=user):
            assert api.user.has_permission("View", obj=council) is seen, user
    with api.env.adopt_user(username=SECRETARY):
        agenda.propose(council, validated_act("Lu par les membres", body="conseil"))
    do_transition(council, SECRETARY, "convene")
    for user, seen in ((linked, True), (other, False)):
        with api.env.adopt_user(username=user):
            assert api.user.has_permission("View", obj=council) is seen, user
    with api.env.adopt_user(username=linked):
        assert not api.user.has_permission("imio.municipal: Hold session", obj=council)
    with api.env.adopt_roles(["Anonymous"]):
        assert not api.user.has_permission("View", obj=council)
