"""Nothing internal reaches an anonymous visitor.

Canaries are planted in a published act (a NISS, the applicant's name and
address), in a draft act's title and in a confidential annex. Starting from
the site root, an anonymous visitor follows every link of the site, then
also asks for URLs nobody links to (the internal act, its views, the REST
API, searches for each canary, feeds, open data). No canary may appear in
any answer, PDFs included (read with pdftotext).
"""

from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.publication.sections import current_version
from imio.municipal.testing import require_libreoffice
from lxml import html as lxml_html
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.testing.zope import Browser
from urllib.parse import quote
from urllib.parse import urldefrag

import json
import re
import subprocess
import transaction


SECRETARY = "namur-secretaire"
APPLICANT = "Gaëtane Vandermeulen"  # the canaries of conftest.py
NISS = "85.07.30-033.28"
DRAFT_TITLE = "Projet confidentiel Zéphyrine"
CONFIDENTIAL_TEXT = "Avis-confidentiel-Quintessence"
CANARIES = (
    NISS,
    NISS.replace(".", "").replace("-", ""),
    APPLICANT,
    "Vandermeulen",
    "rue des Brasseurs",
    DRAFT_TITLE,
    "Zéphyrine",
    CONFIDENTIAL_TEXT,
)
MAX_PAGES = 600
SKIPPED_SUFFIXES = ("/logout", "/login", "/mail_password_form", "/@@register")


def anonymous(app) -> Browser:
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.followRedirects = True
    return browser


def body_text(browser) -> str:
    content_type = browser.headers.get("content-type", "")
    raw = browser.contents
    data = raw.encode("latin-1", "replace") if isinstance(raw, str) else raw
    if content_type.startswith("application/pdf"):
        return subprocess.run(
            ["pdftotext", "-", "-"], input=data, capture_output=True, check=True, timeout=60
        ).stdout.decode()
    return data.decode("utf-8", "replace")


def links(browser, site) -> set[str]:
    content_type = browser.headers.get("content-type", "")
    if "html" not in content_type:
        return set()
    document = lxml_html.fromstring(browser.contents or "<html/>")
    document.make_links_absolute(browser.url)
    found = set()
    for _element, _attribute, link, _pos in document.iterlinks():
        link = urldefrag(link)[0]
        if link.startswith(site) and not link.endswith(SKIPPED_SUFFIXES):
            found.add(link)
    return found


def plant(portal, make_act):
    act = make_act(portal)
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=act,
            type="File",
            title="Avis du service juridique",
            file=NamedBlobFile(CONFIDENTIAL_TEXT.encode(), filename="avis.txt"),
            confidential=True,
            publishable=False,
        )
    do_transition(act, SECRETARY, "publish")
    draft = build_act(portal, title=DRAFT_TITLE)
    transaction.commit()
    return act, draft


def test_no_canary_reaches_anonymous_visitors(
    functional, functional_app, functional_portal, act_factory
):
    require_libreoffice(functional)
    act, draft = plant(functional_portal, act_factory)
    public = current_version(act)
    site = functional_portal.absolute_url()
    browser = anonymous(functional_app)

    seen, leaks = set(), []

    def visit(url, searched=""):
        seen.add(url)
        browser.open(url)
        text = body_text(browser)
        # A search page repeats the visitor's own words: that one is no leak.
        leaks.extend(
            (url, canary)
            for canary in CANARIES
            if canary in text and not (searched and canary in searched)
        )
        return text

    queue = [site]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        visit(url)
        queue.extend(sorted(links(browser, site) - seen))
    assert public.absolute_url() in seen, "the crawl did not reach the public version"

    unlinked = [
        act.absolute_url(),
        f"{act.absolute_url()}/view",
        f"{act.absolute_url()}/@@publication-preview",
        f"{act.absolute_url()}/@@document-generation",
        draft.absolute_url(),
        f"{site}/++api++/namur/actes/{act.getId()}",
        f"{site}/++api++/namur/actes/{draft.getId()}",
        f"{site}/++api++{public.absolute_url_path().removeprefix('/plone')}",
        f"{site}/++api++/namur/publications/@search?fullobjects=1",
        f"{public.absolute_url()}/@@download/pdf",
        f"{site}/namur/publications/@@publications.atom",
        f"{site}/namur/publications/@@opendata.csv",
        f"{site}/namur/publications/@@opendata.json",
        f"{site}/namur/publications/@@dcat.jsonld",
        f"{site}/namur/publications/@@sitemap.xml",
    ]
    for url in unlinked:
        visit(url)
    # Searching for a canary finds nothing (the pages only repeat the words).
    for canary in CANARIES:
        words = quote(canary)
        text = visit(f"{site}/@@search?SearchableText={words}", canary)
        assert re.search(r'id="search-results-number"[^>]*>\s*0\s*<', text), canary
        text = visit(f"{site}/++api++/@search?SearchableText={words}&fullobjects=1", canary)
        assert json.loads(text)["items_total"] == 0, canary
        text = visit(f"{site}/namur/publications?SearchableText={words}", canary)
        assert re.search(r"publications-count[^>]*>\s*0\b", text), canary
    assert leaks == []
    # The visitor does find the published act by a word of its text.
    browser.open(f"{site}/namur/publications?SearchableText=terrasses")
    assert public.absolute_url() in browser.contents
