"""The session's page: the agenda in order, and the secretariat's actions."""

from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_session
from plone import api
from plone.protect.authenticator import createToken
from zope.component import getMultiAdapter

import pytest


SECRETARY = "namur-secretaire"


@pytest.fixture
def college(portal, members, validated_act, as_secretary):
    from imio.municipal.sessions import agenda

    session = build_session(portal, body="college", session_date=belgian_today())
    for n in (1, 2, 3):
        as_secretary(agenda.propose, session, validated_act(f"Décision {n}"))
    return session


def post(session, request, user, **form):
    with api.env.adopt_user(username=user):
        request.method = "POST"
        request.form.clear()
        request.form.update(form, _authenticator=createToken())
        view = getMultiAdapter((session, request), name="view")
        html = view()
        return view, html


def titles(session):
    from imio.municipal.sessions.agenda import act_of

    return [act_of(item).Title() for item in session.agenda]


def test_the_page_lists_the_agenda_with_the_secretariat_actions(college, request_):
    with api.env.adopt_user(username=SECRETARY):
        html = getMultiAdapter((college, request_), name="view")()
    assert html.count('class="session-item card mb-2"') == 3
    assert "Décision 1" in html and "session-move-down" in html


def test_moving_an_item(college, request_):
    item = college.agenda[2]
    view, _html = post(college, request_, SECRETARY, session_action="move", item=item.item_id,
                       position="1")  # fmt: skip
    assert view.error is None
    assert titles(college) == ["Décision 3", "Décision 1", "Décision 2"]


def test_a_refused_action_shows_its_reason_and_changes_nothing(college, request_, members):
    do_transition(college, SECRETARY, "convene")
    item = college.agenda[0]
    view, html = post(college, request_, SECRETARY, session_action="postpone", item=item.item_id,
                      comment=" ")  # fmt: skip
    assert "Un commentaire est obligatoire" in html
    assert item.outcome is None
    # A college not yet open adopts nothing.
    view, html = post(college, request_, SECRETARY, session_action="adopt_remaining")
    assert view.error is not None
    assert all(i.outcome is None for i in college.agenda)


def test_a_reader_gets_no_action(college, request_, members):
    from imio.municipal.errors import NotAllowed  # noqa: F401 (the refusal a reader meets)

    do_transition(college, SECRETARY, "convene")
    view, _html = post(college, request_, "namur-agent-urbanisme", session_action="move",
                       item=college.agenda[0].item_id, position="2")  # fmt: skip
    assert view.error is not None
    assert titles(college) == ["Décision 1", "Décision 2", "Décision 3"]
