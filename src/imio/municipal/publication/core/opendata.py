"""Published acts as open data: CSV and JSON (the DCAT-AP catalog: ``dcat``,
the French labels of the codes and the CSVW metadata: ``csvw``).

Records hold only public data (the masked public version). Dates and
datetimes are written in ISO 8601. The JSON-LD context is shipped in
``jsonld/dcat-ap.jsonld``; nothing is fetched at run time (the catalog
embeds it unless ``context_url`` says where the caller serves it).

>>> record = {"identifier": "namur-2026-college-42", "session_date": date(2026, 3, 2)}
>>> acts_csv([record]).splitlines()[1]
'namur-2026-college-42,,,,,,,,,2026-03-02,,,,,,,,,'
"""

from collections.abc import Iterable
from collections.abc import Mapping
from datetime import date
from datetime import datetime
from imio.municipal.core.csv_safe import safe_row
from imio.municipal.publication.core import csvw
from imio.municipal.publication.core.dcat import dcat_catalog
from imio.municipal.publication.core.dcat import jsonld_context
from imio.municipal.publication.core.dcat import LICENSE

import csv
import io
import json


__all__ = [
    "FIELDS",
    "LICENSE",
    "acts_csv",
    "codes_csv",
    "acts_json",
    "dcat_catalog",
    "jsonld_context",
]

FIELDS = csvw.FIELDS


def _value(value) -> str | int | float | bool | None:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _row(record: Mapping) -> dict:
    labels = {f"{c}_label": csvw.code_label(c, record.get(c)) for c in csvw.CODE_TABLES}
    return {field: _value(record.get(field, labels.get(field))) for field in FIELDS}


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


def codes_csv() -> str:
    """The code list of the CSV's code columns: column, code, French label."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("column", "code", "label"))
    writer.writerows(safe_row(row) for row in csvw.code_list())
    return out.getvalue()


def acts_json(records: Iterable[Mapping]) -> str:
    """``{"acts": [{field: value}, …]}`` with every field of ``FIELDS``, ISO dates."""
    return json.dumps({"acts": [_row(r) for r in records]}, ensure_ascii=False, indent=1)
