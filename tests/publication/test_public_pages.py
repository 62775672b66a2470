"""The public pages as an anonymous visitor sees them (Classic UI, no JavaScript)."""

from imio.municipal.demo.builders import do_transition
from imio.municipal.publication.sections import current_version
from lxml import etree
from plone.testing.zope import Browser

import csv
import io
import json
import pytest
import transaction


SECRETARY = "namur-secretaire"


def anonymous(app) -> Browser:
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    return browser


def raw(browser) -> bytes:
    contents = browser.contents
    return contents if isinstance(contents, bytes) else contents.encode("utf-8")


@pytest.fixture
def site(functional_portal):
    return functional_portal.absolute_url()


def test_the_public_act_page(functional_app, published):
    browser = anonymous(functional_app)
    browser.open(published.absolute_url())
    page = browser.contents
    assert published.number in page
    assert "[donnée masquée – RGPD]" in page
    assert "Obligatoire à partir du" in page  # a regulation
    assert "Preuve de publication" in page and published.sha256 in page
    assert "Vandermeulen" not in page
    # Read full width: no navigation tree in the publications.
    assert "portletNavigationTree" not in page
    browser.open(f"{published.absolute_url()}/@@download/pdf")
    assert raw(browser).startswith(b"%PDF")
    assert browser.headers["content-type"].startswith("application/pdf")
    browser.open(f"{published.absolute_url()}/@@download/timestamp")
    assert raw(browser) == published.timestamp.data


def test_the_proof_is_verified_in_plain_french(functional_app, published):
    browser = anonymous(functional_app)
    browser.open(f"{published.absolute_url()}/@@verify-publication")
    assert "Valide : ce PDF est bien celui qui a été publié" in browser.contents
    # A copy the visitor changed is not the published one.
    control = browser.getControl(name="pdf")
    control.add_file(io.BytesIO(published.pdf.data + b"\n%%"), "application/pdf", "acte.pdf")
    browser.getForm(index=1).submit()
    assert "n'est pas celui qui a été publié" in browser.contents
    control = browser.getControl(name="pdf")
    control.add_file(io.BytesIO(published.pdf.data), "application/pdf", "acte.pdf")
    browser.getForm(index=1).submit()
    assert "Valide" in browser.contents and "le PDF que vous avez envoyé" in browser.contents


def test_the_listing_filters_and_searches(functional_app, published, site):
    browser = anonymous(functional_app)
    base = f"{site}/namur/publications"
    browser.open(base)
    assert published.absolute_url() in browser.contents
    browser.open(f"{base}?body=college")
    assert published.absolute_url() not in browser.contents
    browser.open(f"{base}?body=conseil&kind=deliberation&year={published.publication_date.year}")
    assert published.absolute_url() in browser.contents
    browser.open(f"{base}?SearchableText=terrasses")
    assert published.absolute_url() in browser.contents
    browser.open(f"{base}?SearchableText=Vandermeulen")
    assert published.absolute_url() not in browser.contents
    # Its year and body sections list the same way.
    browser.open(published.aq_parent.absolute_url())
    assert published.absolute_url() in browser.contents


def test_feed_open_data_and_sitemap(functional_app, published, site):
    browser = anonymous(functional_app)
    base = f"{site}/namur/publications"
    browser.open(f"{base}/@@publications.atom")
    feed = etree.fromstring(raw(browser))
    links = feed.xpath("//a:entry/a:link/@href", namespaces={"a": "http://www.w3.org/2005/Atom"})
    assert published.absolute_url() in links

    browser.open(f"{base}/@@opendata.csv")
    rows = list(csv.DictReader(io.StringIO(raw(browser).decode("utf-8"))))
    row = next(row for row in rows if row["number"] == published.number)
    assert row["url"] == published.absolute_url() and row["sha256"] == published.sha256

    browser.open(f"{base}/@@opendata.json")
    acts = json.loads(raw(browser))["acts"]
    assert published.number in [act["number"] for act in acts]

    browser.open(f"{base}/@@dcat.jsonld")
    catalog = json.loads(raw(browser))
    assert "@context" in catalog
    text = json.dumps(catalog)
    assert f"{base}/@@opendata.csv" in text and "Namur" in text

    browser.open(f"{base}/@@sitemap.xml")
    urls = etree.fromstring(raw(browser)).xpath(
        "//s:loc/text()", namespaces={"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    )
    assert published.absolute_url() in urls
    for data in (rows, acts, text, urls):
        assert "Vandermeulen" not in str(data)


def test_an_erratum_keeps_the_old_version_readable(functional_app, published, site):
    from plone import api

    catalog = api.portal.get_tool("portal_catalog")
    act = catalog.unrestrictedSearchResults(UID=published.act_uid)[0]._unrestrictedGetObject()
    do_transition(act, SECRETARY, "publish_erratum", "Coquille à l'article 1er")
    transaction.commit()
    current = current_version(act)
    browser = anonymous(functional_app)
    browser.open(published.absolute_url())
    assert "Un erratum a remplacé cette version" in browser.contents
    assert current.absolute_url() in browser.contents
    browser.open(current.absolute_url())
    assert "Coquille à l'article 1er" in browser.contents
    browser.open(f"{site}/namur/publications")
    assert current.absolute_url() in browser.contents
    assert f'href="{published.absolute_url()}"' not in browser.contents


def test_public_pages_are_cached_for_anonymous_visitors(functional_app, published):
    browser = anonymous(functional_app)
    browser.open(published.absolute_url())
    assert browser.headers["X-Cache-Rule"] == "imio.municipal.publicPages"
    assert "s-maxage=86400" in browser.headers["Cache-Control"]
    browser.open(published.absolute_url())
    assert "X-RAMCache" in browser.headers


def test_staff_pages_are_not_cached(functional_app, published):
    browser = Browser(functional_app)
    browser.addHeader("Authorization", f"Basic {SECRETARY}:demo")
    browser.open(published.absolute_url())
    browser.open(published.absolute_url())
    assert "X-RAMCache" not in browser.headers


def test_the_act_page_links_to_its_public_version(functional_app, published):
    from plone import api

    catalog = api.portal.get_tool("portal_catalog")
    act = catalog.unrestrictedSearchResults(UID=published.act_uid)[0]._unrestrictedGetObject()
    browser = Browser(functional_app)
    browser.addHeader("Authorization", f"Basic {SECRETARY}:demo")
    browser.open(act.absolute_url())
    assert "Version publique" in browser.contents
    assert f'href="{published.absolute_url()}"' in browser.contents
