"""What the open-data CSV means: French labels beside its codes, the code
list, and CSVW metadata (W3C "Metadata Vocabulary for Tabular Data").

>>> code_label("kind", "regulation")
'Règlement'
>>> [row[:2] for row in code_list() if row[1] == "approved"]
[('tutelle_outcome', 'approved')]
>>> metadata("https://x.example/opendata.csv")["tableSchema"]["columns"][0]["titles"]
'Identifiant'
"""

from imio.municipal.acts import tutelle


# The code columns, each with the column of its French label beside it.
CODE_TABLES = {
    "body": tutelle.BODIES,
    "kind": tutelle.KINDS,
    "matter": tutelle.MATTERS,
    "tutelle_outcome": tutelle.OUTCOMES,
}

# Every column of the CSV, in order: (name, French title, CSVW datatype).
COLUMNS = (
    ("identifier", "Identifiant", "string"),
    ("title", "Titre", "string"),
    ("number", "Numéro", "string"),
    ("body", "Organe (code)", "string"),
    ("body_label", "Organe", "string"),
    ("kind", "Type d'acte (code)", "string"),
    ("kind_label", "Type d'acte", "string"),
    ("matter", "Matière (code)", "string"),
    ("matter_label", "Matière", "string"),
    ("session_date", "Date de la séance", "date"),
    ("publication_date", "Date de publication", "date"),
    ("binding_date", "Date d'entrée en vigueur", "date"),
    ("tutelle_outcome", "Décision de tutelle (code)", "string"),
    ("tutelle_outcome_label", "Décision de tutelle", "string"),
    ("tutelle_outcome_date", "Date de la décision de tutelle", "date"),
    ("url", "Page publique", "anyURI"),
    ("pdf_url", "Version publique (PDF)", "anyURI"),
    ("sha256", "Empreinte SHA-256 du PDF", "string"),
    ("timestamp_time", "Heure de l'horodatage", "dateTime"),
)
FIELDS = tuple(name for name, _title, _type in COLUMNS)


def code_label(column: str, code: str | None) -> str:
    """The French label of a code ("" when empty or unknown)."""
    item = CODE_TABLES[column].get(code or "")
    return item.title_fr if item is not None else ""


def code_list() -> list[tuple[str, str, str]]:
    """``(column, code, French label)`` of every code the CSV may hold."""
    return [
        (column, code, item.title_fr)
        for column, table in CODE_TABLES.items()
        for code, item in table.items()
    ]


def _column(name: str, title: str, datatype: str) -> dict:
    column = {"name": name, "titles": title, "datatype": datatype}
    if datatype == "string" and name == "sha256":
        column["datatype"] = {"base": "string", "format": "[0-9a-f]{64}"}
    if name in CODE_TABLES:
        column["dc:description"] = "Code ; la liste des codes est publiée avec ces données."
    return column


def metadata(csv_url: str, codes_url: str | None = None, title: str = "") -> dict:
    """The CSVW metadata of the CSV at ``csv_url`` (JSON-LD, French titles)."""
    described = {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "fr"}],
        "url": csv_url,
        "dc:title": title or "Actes publiés",
        "dc:license": {"@id": "https://creativecommons.org/licenses/by/4.0/"},
        "dialect": {"header": True, "encoding": "utf-8", "lineTerminators": ["\r\n"]},
        "tableSchema": {
            "columns": [_column(*column) for column in COLUMNS],
            "primaryKey": "identifier",
        },
    }
    if codes_url:
        described["rdfs:seeAlso"] = {"@id": codes_url}
    return described
