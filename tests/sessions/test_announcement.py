"""The council's coming sessions are announced to the public; closed-session items stay closed."""

from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.sessions import CONVENED_COUNCIL
from imio.municipal.demo.sessions import NEXT_COLLEGE
from imio.municipal.sessions.announcement import announced_sessions
from imio.municipal.sessions.rules import belgian
from plone.testing.zope import Browser

import datetime


PUBLIC_TITLES = [title for title, _service, closed in CONVENED_COUNCIL if not closed]
CLOSED_TITLES = [title for title, _service, closed in CONVENED_COUNCIL if closed]


def _anonymous(app) -> Browser:
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    return browser


def test_anonymous_visitors_read_the_convened_council(functional_app, functional_portal):
    browser = _anonymous(functional_app)
    browser.open(f"{functional_portal.absolute_url()}/namur/publications/@@seances")
    assert browser.headers["status"].startswith("200")
    page = browser.contents
    (council,) = announced_sessions(functional_portal["namur"])
    assert belgian(council.session_date) in page
    assert "19:30" in page and "salle du conseil" in page
    for title in PUBLIC_TITLES:
        assert title.replace("'", "&#x27;") in page or title in page
    assert "Point à huis clos" in page
    for title in CLOSED_TITLES + [title for title, _s, _c in NEXT_COLLEGE]:
        assert title not in page
    # The session itself stays closed to them.
    browser.open(council.absolute_url())
    assert "Modification budgétaire" not in browser.contents


def test_past_and_unconvened_sessions_are_not_announced(portal):
    (council,) = announced_sessions(portal["namur"])
    assert announced_sessions(portal["namur"], council.session_date + datetime.timedelta(1)) == []
    assert announced_sessions(portal["gembloux"], belgian_today()) == []
