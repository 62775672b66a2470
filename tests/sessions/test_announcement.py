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


def test_the_announcement_feed_is_atom_in_french(functional_app, functional_portal):
    from lxml import etree

    atom = {"a": "http://www.w3.org/2005/Atom"}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    browser = _anonymous(functional_app)
    base = f"{functional_portal.absolute_url()}/namur/publications"
    browser.open(f"{base}/@@seances.atom")
    assert browser.headers["status"].startswith("200")
    assert browser.headers["content-type"].startswith("application/atom+xml")
    feed = etree.fromstring(browser.contents.encode("utf-8"))
    assert feed.get(lang) == "fr"
    (council,) = announced_sessions(functional_portal["namur"])
    (entry,) = feed.xpath("a:entry", namespaces=atom)
    # RFC 4287: every entry has a title, an id, an updated date and a link.
    assert entry.xpath("a:title/text()", namespaces=atom) == [council.Title()]
    assert entry.xpath("a:id/text()", namespaces=atom)[0].startswith(f"{base}/@@seances#")
    assert entry.xpath("a:link/@href", namespaces=atom) == [f"{base}/@@seances"]
    updated = entry.xpath("a:updated/text()", namespaces=atom)[0]
    assert datetime.datetime.fromisoformat(updated).tzinfo is not None
    assert feed.xpath("a:author/a:name/text()", namespaces=atom)
    summary = entry.xpath("a:summary/text()", namespaces=atom)[0]
    assert belgian(council.session_date) in summary
    for title in PUBLIC_TITLES:
        assert title in summary
    assert "Point à huis clos" in summary
    for title in CLOSED_TITLES:
        assert title not in summary
