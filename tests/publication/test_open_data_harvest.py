"""What a data portal harvests, as an anonymous client: the DCAT-AP catalog
against the official shapes, the CSV with its CSVW metadata and code list,
the Atom feed's language, and all of them gzip-compressed for clients that
accept it."""

from imio.municipal.demo.builders import do_transition
from imio.municipal.publication.core.csvw import code_label
from imio.municipal.publication.core.csvw import CODE_TABLES
from imio.municipal.publication.sections import current_version
from imio.municipal.testing import require_libreoffice
from lxml import etree
from pathlib import Path
from plone.testing.zope import Browser
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import DCAT
from rdflib.namespace import DCTERMS
from rdflib.namespace import RDF
from rdflib.namespace import SH

import csv
import gzip
import io
import json
import pytest
import transaction
import urllib.request


SHAPES = Path(__file__).parent / "fixtures" / "dcat-ap-3.0.1"
ATOM = {"a": "http://www.w3.org/2005/Atom"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def get(app, url, **headers):
    browser = Browser(app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    for name, value in headers.items():
        browser.addHeader(name.replace("_", "-"), value)
    browser.open(url)
    contents = browser.contents
    body = contents if isinstance(contents, bytes) else contents.encode("utf-8")
    return browser.headers, body


@pytest.fixture
def base(functional, functional_portal, act_factory, timestamps):
    require_libreoffice(functional)
    act = act_factory(functional_portal)
    do_transition(act, "namur-secretaire", "publish")
    transaction.commit()
    assert current_version(act) is not None
    return f"{functional_portal.absolute_url()}/namur/publications"


def test_what_a_portal_harvests(functional_app, base):
    # The catalog: no violation of the official DCAT-AP 3.0.1 shapes and no
    # warning (the Location has the municipality's centroid and box).
    _headers, body = get(functional_app, f"{base}/@@dcat.jsonld")
    data = Graph().parse(data=body, format="json-ld")
    shapes = Graph()
    for name in ("shapes.ttl", "shapes_recommended.ttl", "range.ttl"):
        shapes.parse(SHAPES / name, format="turtle")
    _conforms, report, text = validate(data, shacl_graph=shapes, inference="none")
    results = set()
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        located = (focus, RDF.type, DCTERMS.Location) in data
        results.add(
            (report.value(result, SH.resultSeverity), report.value(result, SH.resultPath), located)
        )
    assert results == set(), text
    assert (None, DCAT.centroid, None) in data and (None, DCAT.bbox, None) in data
    assert (None, DCAT.keyword, None) in data and (None, DCTERMS.temporal, None) in data
    catalog_text = body.decode("utf-8")
    assert f"{base}/@@csv-metadata.json" in catalog_text
    assert f"{base}/@@opendata-codes.csv" in catalog_text

    # The CSV and the CSVW metadata that describes its columns.
    headers, body = get(functional_app, f"{base}/@@opendata.csv")
    assert f"<{base}/@@csv-metadata.json>" in headers["Link"]
    header, *rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows
    headers, body = get(functional_app, f"{base}/@@csv-metadata.json")
    assert headers["content-type"].startswith("application/csvm+json")
    described = json.loads(body)
    assert described["url"] == f"{base}/@@opendata.csv"
    assert [c["name"] for c in described["tableSchema"]["columns"]] == header
    row = dict(zip(header, rows[0], strict=True))
    for name in CODE_TABLES:
        assert row[f"{name}_label"] == code_label(name, row[name]), name
    assert row["kind_label"] and row["body_label"]
    _headers, body = get(functional_app, f"{base}/@@opendata-codes.csv")
    codes = {(r["column"], r["code"]) for r in csv.DictReader(io.StringIO(body.decode("utf-8")))}
    assert ("kind", row["kind"]) in codes and ("matter", row["matter"]) in codes


def test_the_feed_declares_its_language(functional_app, base):
    _headers, body = get(functional_app, f"{base}/@@publications.atom")
    feed = etree.fromstring(body)
    assert feed.get(XML_LANG) == "fr"
    elements = feed.xpath("a:title | a:entry/a:title | a:entry/a:summary", namespaces=ATOM)
    assert len(elements) >= 3
    for element in elements:
        assert element.get(XML_LANG) == "fr"


HARVESTED = (
    "publications.atom",
    "opendata.csv",
    "opendata-codes.csv",
    "csv-metadata.json",
    "opendata.json",
    "dcat.jsonld",
    "sitemap.xml",
)


def fetch(url: str, accept_encoding: str | None = None):
    """Over real HTTP, the body as sent (urllib decodes no content coding)."""
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
        return r.headers, r.read()


@pytest.mark.parametrize("view", HARVESTED)
def test_harvested_files_are_gzipped_for_clients_that_accept_it(base, view):
    url = f"{base}/@@{view}"
    headers, plain = fetch(url)  # urllib asks for "identity"
    assert headers["Content-Encoding"] is None
    assert "Accept-Encoding" in headers["Vary"]
    assert int(headers["Content-Length"]) == len(plain)
    for attempt in ("fresh", "from Zope's RAM cache"):
        gzipped_headers, body = fetch(url, "gzip, deflate, br")
        assert gzipped_headers["Content-Encoding"] == "gzip", attempt
        assert "Accept-Encoding" in gzipped_headers["Vary"]
        assert int(gzipped_headers["Content-Length"]) == len(body) < len(plain)
        assert gzip.decompress(body) == plain, attempt
    # Cached apart: the ETag names the coding.
    assert headers["ETag"].endswith('|identity|"') and gzipped_headers["ETag"].endswith('|gzip|"')
    # A client that refuses gzip, after a gzip one: the plain text again.
    headers, body = fetch(url, "gzip;q=0, identity")
    assert headers["Content-Encoding"] is None and body == plain
