"""The CSV's CSVW metadata describes its actual columns; the codes have
their French labels beside them and a published code list."""

from .test_opendata import RECORDS
from imio.municipal.acts import tutelle
from imio.municipal.publication.core import csvw
from imio.municipal.publication.core.opendata import acts_csv
from imio.municipal.publication.core.opendata import codes_csv

import csv
import io
import json
import re


CSV_URL = "https://namur.example/publications/@@opendata.csv"
CODES_URL = "https://namur.example/publications/@@opendata-codes.csv"
DATATYPES = {
    "date": r"^\d{4}-\d{2}-\d{2}$",
    "dateTime": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$",
    "anyURI": r"^https?://",
}


def parsed_csv():
    return list(csv.reader(io.StringIO(acts_csv(RECORDS))))


def test_metadata_describes_the_actual_columns():
    described = json.loads(json.dumps(csvw.metadata(CSV_URL, CODES_URL, "Actes de Namur")))
    header, *rows = parsed_csv()
    columns = described["tableSchema"]["columns"]
    assert [c["name"] for c in columns] == header
    assert described["url"] == CSV_URL and described["dialect"]["header"] is True
    for column in columns:
        assert column["titles"] and column["titles"][0].isupper()  # a French title
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            datatype = column["datatype"]
            pattern = DATATYPES.get(datatype) if isinstance(datatype, str) else datatype["format"]
            if value and pattern:
                assert re.match(pattern, value), (column["name"], value)


def test_metadata_context_and_code_list_link():
    described = csvw.metadata(CSV_URL, CODES_URL)
    assert described["@context"] == ["http://www.w3.org/ns/csvw", {"@language": "fr"}]
    assert described["rdfs:seeAlso"] == {"@id": CODES_URL}
    assert described["tableSchema"]["primaryKey"] == "identifier"


def test_labels_beside_the_codes():
    record = {**RECORDS[0], "matter": "budget"}
    header, first, *_ = csv.reader(io.StringIO(acts_csv([record])))
    row = dict(zip(header, first, strict=True))
    assert row["kind"] == "regulation" and row["kind_label"] == tutelle.KINDS["regulation"].title_fr
    assert row["matter_label"] == tutelle.MATTERS["budget"].title_fr
    assert row["tutelle_outcome_label"] == "Approuvé"
    assert row["body_label"] == "Conseil communal"
    for name in csvw.CODE_TABLES:
        assert header.index(f"{name}_label") == header.index(name) + 1


def test_code_list_covers_every_code():
    rows = list(csv.DictReader(io.StringIO(codes_csv())))
    listed = {(r["column"], r["code"]): r["label"] for r in rows}
    for column, table in csvw.CODE_TABLES.items():
        for code, item in table.items():
            assert listed[(column, code)] == item.title_fr
    assert len(listed) == len(rows)
