"""Open data: CSV and JSON parse back; the DCAT-AP catalog is valid JSON-LD."""

from datetime import date
from datetime import datetime
from datetime import timezone
from imio.municipal.publication.core.geography import parse_box
from imio.municipal.publication.core.geography import parse_point
from imio.municipal.publication.core.opendata import acts_csv
from imio.municipal.publication.core.opendata import acts_json
from imio.municipal.publication.core.opendata import dcat_catalog
from imio.municipal.publication.core.opendata import FIELDS
from imio.municipal.publication.core.opendata import jsonld_context
from pyld import jsonld

import csv
import io
import json
import pytest


RECORDS = [
    {
        "identifier": "namur-2026-conseil-12",
        "title": "Règlement-taxe sur les terrasses, « exercices 2026-2031 »",
        "number": "2026/12",
        "body": "conseil",
        "kind": "regulation",
        "matter": "finances",
        "session_date": date(2026, 3, 2),
        "publication_date": date(2026, 4, 20),
        "binding_date": date(2026, 4, 25),
        "tutelle_outcome": "approved",
        "tutelle_outcome_date": date(2026, 4, 14),
        "url": "http://localhost:8080/Plone/namur/publications/2026/conseil/12",
        "pdf_url": "http://localhost:8080/Plone/namur/publications/2026/conseil/12/@@pdf",
        "sha256": "ab" * 32,
        "timestamp_time": datetime(2026, 4, 20, 9, 30, 5, tzinfo=timezone.utc),
        "internal_note": "never exported",
    },
    {
        "identifier": "namur-2026-college-42",
        "title": 'Occupation du domaine public, "Place d\'Armes"\nsecond line',
        "number": "2026/42",
        "body": "college",
        "kind": "decision",
        "session_date": date(2026, 4, 7),
        "publication_date": date(2026, 4, 21),
    },
]
MUNICIPALITY = {
    "title": "Ville de Namur",
    "ins": "92094",
    "url": "http://localhost:8080/Plone/namur",
    "email": "info@namur.be",
    "centroid": parse_point("50.4600, 4.8650"),
    "bbox": parse_box("50.3850, 4.7350; 50.5300, 4.9950"),
}
DATASETS = [
    {
        "title": "Actes publiés de Namur",
        "description": "Règlements, ordonnances et décisions publiés.",
        "url": "http://localhost:8080/Plone/namur/publications",
        "keywords": ["actes", "règlements", "Namur"],
        "issued": date(2025, 1, 15),
        "start": date(2024, 12, 2),
        "end": date(2026, 4, 7),
        "distributions": [
            {
                "format": "CSV",
                "media_type": "text/csv",
                "url": "http://localhost:8080/Plone/namur/publications/actes.csv",
            },
            {
                "format": "JSON",
                "media_type": "application/json",
                "url": "http://localhost:8080/Plone/namur/publications/actes.json",
            },
        ],
    }
]
CONTEXT_URL = "http://localhost:8080/Plone/++resource++imio.municipal/dcat-ap.jsonld"

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"


def test_csv_parses_back():
    text = acts_csv(RECORDS)
    assert text.startswith(",".join(FIELDS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 2
    assert rows[0]["title"] == RECORDS[0]["title"]
    assert rows[0]["session_date"] == "2026-03-02"
    assert rows[0]["timestamp_time"] == "2026-04-20T09:30:05+00:00"
    assert rows[1]["title"] == RECORDS[1]["title"]  # quotes and newline survive
    assert rows[1]["tutelle_outcome"] == ""
    assert "internal_note" not in rows[0]
    assert "never exported" not in text


def test_json_parses_back():
    data = json.loads(acts_json(RECORDS))
    assert list(data) == ["acts"]
    first, second = data["acts"]
    assert tuple(first) == FIELDS
    assert first["binding_date"] == "2026-04-25"
    assert first["tutelle_outcome_date"] == "2026-04-14"
    assert second["matter"] is None
    assert "internal_note" not in first


def test_empty_exports():
    assert acts_csv([]) == ",".join(FIELDS) + "\r\n"
    assert json.loads(acts_json([])) == {"acts": []}


def _loader(url, options=None):
    """Serves only the shipped context: anything else would be a fetch."""
    if url != CONTEXT_URL:
        raise AssertionError(f"tried to fetch {url}")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": jsonld_context()}  # fmt: skip


@pytest.fixture(params=["embedded", "referenced"])
def expanded(request):
    context_url = CONTEXT_URL if request.param == "referenced" else None
    catalog = dcat_catalog(MUNICIPALITY, DATASETS, date(2026, 4, 21), context_url=context_url)
    json.dumps(catalog)  # plain JSON
    return jsonld.expand(catalog, {"documentLoader": _loader})


def _by_type(expanded, type_iri):
    return [node for node in jsonld.flatten(expanded, None, {"documentLoader": _loader})
            if type_iri in node.get("@type", [])]  # fmt: skip


def test_catalog_required_properties(expanded):
    (catalog,) = _by_type(expanded, DCAT + "Catalog")
    for prop in ("title", "description", "publisher", "license", "modified", "language"):
        assert DCT + prop in catalog, prop
    assert DCAT + "dataset" in catalog
    assert catalog[DCT + "title"] == [{"@value": "Ville de Namur", "@language": "fr"}]
    assert catalog[DCT + "license"] == [{"@id": "https://creativecommons.org/licenses/by/4.0/"}]
    assert catalog[DCT + "modified"] == [
        {"@value": "2026-04-21", "@type": "http://www.w3.org/2001/XMLSchema#date"}
    ]
    assert catalog[DCT + "language"] == [
        {"@id": "http://publications.europa.eu/resource/authority/language/FRA"}
    ]


def test_publisher_is_the_municipality(expanded):
    (agent,) = _by_type(expanded, FOAF + "Agent")
    assert agent["@id"] == MUNICIPALITY["url"]
    assert agent[FOAF + "name"] == [{"@value": "Ville de Namur", "@language": "fr"}]
    assert agent[DCT + "identifier"] == [{"@value": "92094"}]


def test_datasets_and_distributions(expanded):
    (dataset,) = _by_type(expanded, DCAT + "Dataset")
    assert dataset["@id"] == DATASETS[0]["url"]
    assert dataset[DCT + "publisher"] == [{"@id": MUNICIPALITY["url"]}]
    distributions = _by_type(expanded, DCAT + "Distribution")
    assert len(dataset[DCAT + "distribution"]) == len(distributions) == 2
    formats = {d[DCT + "format"][0]["@id"] for d in distributions}
    assert formats == {
        "http://publications.europa.eu/resource/authority/file-type/CSV",
        "http://publications.europa.eu/resource/authority/file-type/JSON",
    }
    media = {d[DCAT + "mediaType"][0]["@id"] for d in distributions}
    assert media == {
        "https://www.iana.org/assignments/media-types/text/csv",
        "https://www.iana.org/assignments/media-types/application/json",
    }
    for distribution in distributions:
        assert distribution[DCAT + "accessURL"] == distribution[DCAT + "downloadURL"]
        assert distribution[DCAT + "accessURL"][0]["@id"].startswith("http://localhost:8080/")


def test_context_is_shipped_and_fresh():
    context = jsonld_context()
    context["@context"]["title"] = "changed"
    assert jsonld_context()["@context"]["title"]["@id"] == "dct:title"
