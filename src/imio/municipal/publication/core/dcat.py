"""The DCAT-AP 3 catalog of a municipality's open datasets, as JSON-LD.

Mandatory and recommended properties: contact point, keywords, themes from
the EU data-theme vocabulary, issue and modification dates, spatial
coverage (the municipality, by its REFNIS code, with its centroid and
bounding box as GeoSPARQL WKT literals), temporal coverage,
distributions with a description, an availability and their file type and
media type from the EU and IANA vocabularies, the licence as a
``dct:LicenseDocument``. Every node that a property points to is typed with
the class DCAT-AP expects, so that the official shapes (ranges included)
can check it without fetching the vocabularies.

>>> catalog = dcat_catalog(
...     {"title": "Ville de Namur", "ins": "92094", "url": "https://namur.example"},
...     [], date(2026, 4, 21))
>>> catalog["spatial"][0]["id"]
'http://vocab.belgif.be/auth/refnis2019/92094'
"""

from collections.abc import Mapping
from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path

import json


LICENSE = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_TYPE = "http://purl.org/adms/licencetype/Attribution"
LANGUAGE_FR = "http://publications.europa.eu/resource/authority/language/FRA"
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
DATA_THEMES = "http://publications.europa.eu/resource/authority/data-theme"
GOVERNMENT = f"{DATA_THEMES}/GOVE"
STABLE = "http://publications.europa.eu/resource/authority/planned-availability/STABLE"
# Statbel's REFNIS codes as published by Belgif (the federal URI service).
REFNIS = "http://vocab.belgif.be/auth/refnis2019/"
CONTEXT_FILE = Path(__file__).parent / "jsonld" / "dcat-ap.jsonld"


@cache
def _context_text() -> str:
    return CONTEXT_FILE.read_text(encoding="utf-8")


def jsonld_context() -> dict:
    """The shipped JSON-LD context document (``{"@context": {…}}``), a fresh copy."""
    return json.loads(_context_text())


# French labels of the concepts used, as their vocabularies give them.
LABELS = {
    GOVERNMENT: "Gouvernement et secteur public",
    STABLE: "Stable",
    LICENSE_TYPE: "Attribution",
    LOCAL_AUTHORITY: "Autorité locale",
}


def _concept(iri: str) -> dict:
    return {"id": iri, "type": "Concept", "prefLabel": LABELS[iri]}


def _license() -> dict:
    return {"id": LICENSE, "type": "LicenseDocument", "licenseType": _concept(LICENSE_TYPE)}


def _language() -> dict:
    return {"id": LANGUAGE_FR, "type": "LinguisticSystem"}


def _document(url: str) -> dict:
    return {"id": url, "type": "Document"}


def _distribution(distribution: Mapping) -> dict:
    url = distribution["url"]
    return {
        "id": f"{url}#distribution",
        "type": "Distribution",
        "title": distribution.get("title") or distribution["format"],
        "description": distribution.get("description") or distribution["format"],
        "accessURL": url,
        "downloadURL": url,
        "format": {"id": FILE_TYPES + distribution["format"].upper(), "type": "MediaTypeOrExtent"},
        "mediaType": {"id": MEDIA_TYPES + distribution["media_type"], "type": "MediaType"},
        "availability": _concept(STABLE),
        "license": _license(),
        **({"conformsTo": distribution["conforms_to"]} if distribution.get("conforms_to") else {}),
    }


def _contact_point(municipality: Mapping) -> dict:
    contact = {
        "id": f"{municipality['url'].rstrip('/')}#contact",
        "type": ["Kind", "Organization"],
        "fn": municipality["title"],
        "hasURL": municipality["url"],
    }
    if municipality.get("email"):
        contact["hasEmail"] = f"mailto:{municipality['email']}"
    return contact


def _spatial(municipality: Mapping) -> dict:
    location = {
        "id": f"{REFNIS}{municipality['ins']}",
        "type": "Location",
        "prefLabel": municipality["title"],
    }
    if municipality.get("centroid") is not None:
        location["centroid"] = municipality["centroid"].wkt
    if municipality.get("bbox") is not None:
        location["bbox"] = municipality["bbox"].wkt
    return location


def _temporal(dataset: Mapping) -> list[dict]:
    start, end = dataset.get("start"), dataset.get("end")
    if start is None:
        return []
    period = {"type": "PeriodOfTime", "startDate": start.isoformat()}
    if end is not None:
        period["endDate"] = end.isoformat()
    return [period]


def _dataset(dataset: Mapping, municipality: Mapping, modified: date) -> dict:
    issued = dataset.get("issued") or modified
    return {
        "id": dataset["url"],
        "type": "Dataset",
        "title": dataset["title"],
        "description": dataset["description"],
        "publisher": {"id": municipality["url"]},
        "contactPoint": _contact_point(municipality),
        "keyword": list(dataset.get("keywords") or ()),
        "theme": [_concept(GOVERNMENT)],
        "landingPage": _document(dataset["url"]),
        "license": _license(),
        "language": _language(),
        "issued": issued.isoformat(),
        "modified": modified.isoformat(),
        "spatial": [_spatial(municipality)],
        "temporal": _temporal(dataset),
        "distribution": [_distribution(d) for d in dataset["distributions"]],
    }


def dcat_catalog(
    municipality: Mapping,
    datasets: Sequence[Mapping],
    modified: date,
    context_url: str | None = None,
) -> dict:
    """A DCAT-AP 3 catalog of a municipality's open datasets, as JSON-LD.

    ``municipality``: ``{"title", "ins", "url"}`` and optionally ``email``,
    ``centroid`` (a ``geography.Point``), ``bbox`` (a ``geography.Box``),
    ``catalog_url``, ``catalog_title``, ``catalog_description`` (the Plone
    side passes translated texts; the defaults are the municipality's title
    and the datasets' titles). ``datasets``: ``[{"title", "description",
    "url", "distributions": [{"format", "media_type", "url", "description",
    "conforms_to"}]}]`` and optionally ``keywords``, ``issued`` (the first
    publication), ``start`` and ``end`` (the period the data covers).
    """
    url = municipality["url"]
    publisher = {
        "id": url,
        "type": "Agent",
        "name": municipality["title"],
        "identifier": str(municipality["ins"]),
        "publisherType": _concept(LOCAL_AUTHORITY),
    }
    description = municipality.get("catalog_description") or " ; ".join(
        d["title"] for d in datasets
    )
    issued = min((d["issued"] for d in datasets if d.get("issued")), default=modified)
    return {
        "@context": context_url or jsonld_context()["@context"],
        "id": municipality.get("catalog_url") or f"{url.rstrip('/')}#catalog",
        "type": "Catalog",
        "title": municipality.get("catalog_title") or municipality["title"],
        "description": description or municipality["title"],
        "publisher": publisher,
        "contactPoint": _contact_point(municipality),
        "homepage": _document(url),
        "license": _license(),
        "language": _language(),
        "issued": issued.isoformat(),
        "modified": modified.isoformat(),
        "spatial": [_spatial(municipality)],
        "themeTaxonomy": {
            "id": DATA_THEMES,
            "type": "ConceptScheme",
            "title": "Thèmes des données (vocabulaire de l'Union européenne)",
        },
        "dataset": [_dataset(d, municipality, modified) for d in datasets],
    }
