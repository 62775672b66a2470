"""Published acts as open data: CSV, JSON and a DCAT-AP catalog (JSON-LD).

Records hold only public data (the masked public version). Dates and
datetimes are written in ISO 8601. The JSON-LD context is shipped in
``jsonld/dcat-ap.jsonld``; nothing is fetched at run time (the catalog
embeds it unless ``context_url`` says where the caller serves it).

>>> record = {"identifier": "namur-2026-college-42", "session_date": date(2026, 3, 2)}
>>> acts_csv([record]).splitlines()[1]
'namur-2026-college-42,,,,,,2026-03-02,,,,,,,,'
"""

from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from datetime import date
from datetime import datetime
from functools import cache
from imio.municipal.core.csv_safe import safe_row
from pathlib import Path

import csv
import io
import json


FIELDS = (
    "identifier",
    "title",
    "number",
    "body",
    "kind",
    "matter",
    "session_date",
    "publication_date",
    "binding_date",
    "tutelle_outcome",
    "tutelle_outcome_date",
    "url",
    "pdf_url",
    "sha256",
    "timestamp_time",
)

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
LANGUAGE_FR = "http://publications.europa.eu/resource/authority/language/FRA"
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
CONTEXT_FILE = Path(__file__).parent / "jsonld" / "dcat-ap.jsonld"


def _value(value) -> str | int | float | bool | None:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _row(record: Mapping) -> dict:
    return {field: _value(record.get(field)) for field in FIELDS}


def acts_csv(records: Iterable[Mapping]) -> str:
    """RFC 4180 CSV (commas, CRLF), a header row of ``FIELDS``, ISO dates; no
    cell a spreadsheet would run as a formula (``csv_safe``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for record in records:
        row = _row(record)
        writer.writerow(safe_row("" if row[f] is None else row[f] for f in FIELDS))
    return out.getvalue()


def acts_json(records: Iterable[Mapping]) -> str:
    """``{"acts": [{field: value}, …]}`` with every field of ``FIELDS``, ISO dates."""
    return json.dumps({"acts": [_row(r) for r in records]}, ensure_ascii=False, indent=1)


@cache
def _context_text() -> str:
    return CONTEXT_FILE.read_text(encoding="utf-8")


def jsonld_context() -> dict:
    """The shipped JSON-LD context document (``{"@context": {…}}``), a fresh copy."""
    return json.loads(_context_text())


def _distribution(distribution: Mapping) -> dict:
    return {
        "type": "Distribution",
        "title": distribution.get("title") or distribution["format"],
        "accessURL": distribution["url"],
        "downloadURL": distribution["url"],
        "format": FILE_TYPES + distribution["format"].upper(),
        "mediaType": MEDIA_TYPES + distribution["media_type"],
        "license": LICENSE,
    }


def dcat_catalog(
    municipality: Mapping,
    datasets: Sequence[Mapping],
    modified: date,
    context_url: str | None = None,
) -> dict:
    """A DCAT-AP catalog of a municipality's open datasets, as JSON-LD.

    ``municipality``: ``{"title", "ins", "url"}`` and optionally
    ``catalog_url``, ``catalog_title``, ``catalog_description`` (the Plone
    side passes translated texts; the defaults are the municipality's title
    and the datasets' titles). ``datasets``: ``[{"title", "description",
    "url", "distributions": [{"format", "media_type", "url"}]}]``.
    """
    url = municipality["url"]
    publisher = {
        "id": url,
        "type": "Agent",
        "name": municipality["title"],
        "identifier": str(municipality["ins"]),
        "publisherType": LOCAL_AUTHORITY,
    }
    entries = []
    for dataset in datasets:
        entries.append(
            {
                "id": dataset["url"],
                "type": "Dataset",
                "title": dataset["title"],
                "description": dataset["description"],
                "publisher": {"id": url},
                "landingPage": dataset["url"],
                "license": LICENSE,
                "language": LANGUAGE_FR,
                "modified": modified.isoformat(),
                "distribution": [_distribution(d) for d in dataset["distributions"]],
            }
        )
    description = municipality.get("catalog_description") or " ; ".join(
        d["title"] for d in datasets
    )
    return {
        "@context": context_url or jsonld_context()["@context"],
        "id": municipality.get("catalog_url") or f"{url.rstrip('/')}#catalog",
        "type": "Catalog",
        "title": municipality.get("catalog_title") or municipality["title"],
        "description": description or municipality["title"],
        "publisher": publisher,
        "homepage": url,
        "license": LICENSE,
        "language": LANGUAGE_FR,
        "modified": modified.isoformat(),
        "dataset": entries,
    }
