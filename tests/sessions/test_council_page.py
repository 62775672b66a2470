"""The session's page while a council is held: quorum, arrivals and departures, votes.

A council of 11 (the small composition of ``conftest``: quorum 6), urgent so
that it may be convened and opened today. Every action is posted to the page
as the browser does; a refused one shows its reason and keeps nothing.
"""

from conftest import post
from conftest import render
from datetime import datetime
from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.core.calendar import BRUSSELS
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_session
from imio.municipal.sessions import agenda
from imio.municipal.sessions import holding
from plone import api
from zExceptions import Forbidden
from zope.component import getMultiAdapter

import pytest
import re


SECRETARY = "namur-secretaire"
COUNCILLORS = ["Conseiller Fictif 1", "Conseiller Fictif 2", "Conseiller Fictif 3"]
COLLEGE = ["Alice Fictive", "Bruno Imaginaire", "Chloé Exemple"]
SIX = COLLEGE + COUNCILLORS


@pytest.fixture
def council(portal, members, validated_act, as_secretary):
    """An urgent council convened yesterday for today, three items, six of eleven
    present: the quorum exactly."""
    tomorrow = belgian_today() + timedelta(days=1)
    session = build_session(portal, body="conseil", session_date=tomorrow, kind="urgent")
    for n in (1, 2, 3):
        as_secretary(agenda.propose, session, validated_act(f"Point {n}", body="conseil"))
    do_transition(session, SECRETARY, "convene")
    # The day of the session has come (a convocation is sent before the session's day).
    session.session_date = belgian_today()
    do_transition(session, SECRETARY, "open")
    as_secretary(holding.set_presences, session, {members[p]: "present" for p in SIX})
    return session


def test_the_quorum_is_shown_with_its_figures(council, request_):
    html = render(council, request_)
    figures = re.search(r'class="session-quorum-figures[^>]*>(.*?)</p>', html, re.S).group(1)
    text = " ".join(re.sub(r"<[^>]+>", "", figures).split())
    assert text == "6 présents sur 11 membres en fonction ; 6 requis."
    assert 'class="alert alert-danger session-quorum"' not in html
    # One vote form per open item, listing the six present members.
    assert html.count('class="session-vote-form') == 3
    assert html.count('name="ballot-') == 3 * 6


def test_a_departure_loses_the_quorum_and_every_vote_is_refused(council, request_, members):
    item = council.agenda[0]
    view, _html = post(council, request_, session_action="leave", member=members["Alice Fictive"])
    assert view.error is None
    assert council.presences[members["Alice Fictive"]] == "absent"
    assert [m["movement"] for m in council.movements] == ["left"]
    html = render(council, request_)
    assert "Quorum non atteint : 5 membres présents, 6 requis" in html
    assert "Alice Fictive quitte la séance" in html

    view, html = post(council, request_, session_action="vote", item=item.item_id, mode="unanimity")
    assert "Quorum non atteint : 5 membres présents, 6 requis" in str(view.error)
    assert item.vote is None and item.outcome is None

    view, _html = post(council, request_, session_action="arrive", member=members["Alice Fictive"])
    assert view.error is None
    html = render(council, request_)
    assert "Alice Fictive entre en séance" in html
    assert 'class="alert alert-danger session-quorum"' not in html
    view, _html = post(
        council, request_, session_action="vote", item=item.item_id, mode="unanimity"
    )
    assert view.error is None
    assert item.outcome == "adopted"
    assert "À l'unanimité (6 votants)" in render(council, request_)


def test_a_public_vote_per_member_with_a_member_out_for_an_interest(
    council, request_, members, as_secretary
):
    # Seven present: with one out for an interest, six still make the quorum.
    as_secretary(holding.arrive, council, members["Conseiller Fictif 4"])
    item = council.agenda[1]
    ballots = {f"ballot-{members[p]}": "for" for p in [*SIX, "Conseiller Fictif 4"]}
    ballots[f"ballot-{members['Conseiller Fictif 1']}"] = "against"
    ballots[f"ballot-{members['Conseiller Fictif 2']}"] = "abstention"
    view, _html = post(
        council,
        request_,
        session_action="vote",
        item=item.item_id,
        mode="public",
        out_for_interest=[members["Chloé Exemple"]],
        **ballots,
    )
    assert view.error is None
    # The member out of the room does not vote: her ballot is left out.
    assert item.vote["votes_for"] == 4 and item.vote["out_for_interest"] == [
        members["Chloé Exemple"]
    ]
    html = render(council, request_)
    assert "4 pour, 1 contre, 1 abstention" in html
    assert "Contre : Conseiller Fictif 1" in html
    assert "Abstention : Conseiller Fictif 2" in html
    assert "intérêt personnel (CDLD L1122-19) : Chloé Exemple" in html


def test_a_secret_ballot_names_nobody(council, request_):
    item = council.agenda[2]
    view, _html = post(council, request_, session_action="vote", item=item.item_id, mode="secret",
                       votes_for="4", votes_against="1", abstentions="1")  # fmt: skip
    assert view.error is None
    assert item.vote["ballots"] == {}
    lines = getMultiAdapter((council, request_), name="view").vote_lines(item.item_id)
    assert lines == ["Scrutin secret : 4 pour, 1 contre, 1 abstention"]


def test_refused_votes_show_their_reason_and_keep_nothing(council, request_):
    item = council.agenda[0]
    # More votes than members present.
    view, html = post(council, request_, session_action="vote", item=item.item_id, mode="secret",
                      votes_for="6", votes_against="1", abstentions="0")  # fmt: skip
    assert "7 voix, mais seuls 6 membres peuvent voter" in html
    # Totals left empty.
    view, _html = post(council, request_, session_action="vote", item=item.item_id, mode="secret",
                       votes_for="6", votes_against="", abstentions="")  # fmt: skip
    assert view.error.startswith("Un scrutin secret donne ses trois totaux")
    # No way of voting chosen.
    view, _html = post(council, request_, session_action="vote", item=item.item_id)
    assert "Mode de vote" in str(view.error)
    # An amendment with a refused item.
    view, _html = post(council, request_, session_action="vote", item=item.item_id, mode="secret",
                       votes_for="1", votes_against="5", abstentions="0",
                       amendment="Article 2 : 10 € au lieu de 15 €")  # fmt: skip
    assert view.error is not None
    assert item.vote is None and item.outcome is None and item.amendment == ""
    assert len(item.history) == 1  # proposed, nothing else


def test_no_vote_on_a_postponed_item(council, request_, as_secretary):
    item = council.agenda[0]
    as_secretary(agenda.postpone, council, item.item_id, "Avis juridique attendu")
    view, _html = post(
        council, request_, session_action="vote", item=item.item_id, mode="unanimity"
    )
    assert view.error == "Ce point a déjà une issue (Reporté)."
    assert item.vote is None


def test_an_amended_item_shows_its_amendment(council, request_):
    item = council.agenda[0]
    view, _html = post(council, request_, session_action="vote", item=item.item_id,
                       mode="unanimity", amendment="Article 2 : 10 € au lieu de 15 €")  # fmt: skip
    assert view.error is None
    assert item.outcome == "amended"
    html = render(council, request_)
    assert "Adopté tel qu&#39;amendé" in html or "Adopté tel qu'amendé" in html
    assert "Amendement : Article 2 : 10 € au lieu de 15 €" in html


def test_the_actions_need_the_page_token(council, request_, members):
    with pytest.raises(Forbidden):
        post(
            council, request_, token=False, session_action="leave", member=members["Alice Fictive"]
        )
    assert council.movements == []


def test_a_councillor_reads_the_votes_but_casts_none_here(council, request_, members):
    with api.env.adopt_user(username=SECRETARY):
        mandate = api.content.get(UID=members["Conseiller Fictif 1"])
        mandate.user_id = "namur-conseiller"
        mandate.reindexObject()
    council.reindexObjectSecurity()
    item = council.agenda[0]
    view, html = post(council, request_, user="namur-conseiller", session_action="vote",
                      item=item.item_id, mode="unanimity")  # fmt: skip
    assert "seul le secrétariat tient une séance" in str(view.error)
    assert item.vote is None
    assert 'class="session-vote-form' not in html
    assert 'class="session-movement-form' not in html


def test_arrivals_and_votes_are_timed_in_brussels(council, request_, members):
    # The platform's clock may run in UTC: the session's times are Brussels'.
    post(council, request_, session_action="leave", member=members["Alice Fictive"])
    post(council, request_, session_action="arrive", member=members["Alice Fictive"])
    item = council.agenda[0]
    post(council, request_, session_action="vote", item=item.item_id, mode="unanimity")
    now = datetime.now(BRUSSELS)
    for at in [m["at"] for m in council.movements] + [item.history[-1]["at"]]:
        when = datetime.fromisoformat(at)
        assert when.utcoffset() == now.utcoffset()
        assert abs((now - when).total_seconds()) < 300
    assert f"{now:%H}:" in render(council, request_)
