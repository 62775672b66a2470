"""Convening a session e-mails its members the agenda; closed-session items stay untitled."""

from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.sessions import build_mandate
from imio.municipal.demo.sessions import build_session
from imio.municipal.sessions import agenda
from imio.municipal.sessions.convocation import recipients
from plone import api

import datetime
import pytest


SECRETARY = "namur-secretaire"


def _mails(portal):
    found = []
    for raw in portal.MailHost.messages:
        message = message_from_bytes(raw if isinstance(raw, bytes) else raw.encode())
        subject = str(make_header(decode_header(message["Subject"])))
        body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
        found.append((message["To"], subject, body))
    return found


@pytest.fixture
def college(portal, validated_act, as_secretary):
    session = build_session(portal, session_date=datetime.date.today() + datetime.timedelta(days=3))
    as_secretary(agenda.propose, session, validated_act("Subside au club de pétanque"))
    as_secretary(
        agenda.propose, session, validated_act("Sanction disciplinaire de M. Dupont"), closed=True
    )
    return session


def test_the_members_are_convened_by_mail_with_the_agenda(portal, college):
    build_mandate(
        portal, person="Sans Compte", office="echevin", rank=9, email="sans.compte@example.be"
    )
    portal.MailHost.reset()
    do_transition(college, SECRETARY, "convene")
    mails = {to: (subject, body) for to, subject, body in _mails(portal)}
    assert "namur-college@demo.imio.be" in mails
    assert "sans.compte@example.be" in mails
    subject, body = mails["namur-college@demo.imio.be"]
    assert subject.startswith("[Namur] Convocation")
    assert "1. Subside au club de pétanque" in body
    assert "2. Point à huis clos" in body
    assert "Dupont" not in body
    assert college.absolute_url() in body
    # Councillors are not members of the college: not convened to it.
    assert len(mails) == len(recipients(college))


def test_a_refused_convocation_sends_nothing(portal, validated_act, as_secretary):
    council = build_session(
        portal, body="conseil", session_date=datetime.date.today() + datetime.timedelta(days=3)
    )
    as_secretary(agenda.propose, council, validated_act("Budget", body="conseil"))
    portal.MailHost.reset()
    with pytest.raises(Exception, match="clear days|jours francs"):
        do_transition(council, SECRETARY, "convene")
    assert portal.MailHost.messages == []
    assert api.content.get_state(council) == "preparation"
