"""The catalogue of online requests, as data (Plone-free).

A definition says which fields the citizen fills (each one a field of the case
file), which pieces he joins (allowed types, size limit, required or not),
the service that receives the file and the procedure it follows. The platform
ships a default catalogue (``data/requests.json``); each municipality offers
its own list, stored with it, checked by :func:`parse_catalogue`.
"""

from dataclasses import dataclass
from imio.municipal.dossiers import procedures
from imio.municipal.errors import InvalidInput
from pathlib import Path

import json
import re


DEFAULT_CATALOGUE = Path(__file__).parent / "data" / "requests.json"
# The fields of a case file a citizen may fill; everything else is the service's.
FIELD_TARGETS = frozenset({"title", "description", "location_address"})
# Types of pieces, recognised by content (see pieces.py).
PIECE_TYPES = frozenset({"pdf", "jpeg", "png"})
LANGUAGES = ("fr", "de", "en")
MAX_PIECE_BYTES = 50_000_000
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class RequestField:
    name: str
    label: dict
    required: bool
    max_length: int


@dataclass(frozen=True)
class Piece:
    id: str
    label: dict
    category: str
    required: bool
    types: tuple[str, ...]
    max_bytes: int


@dataclass(frozen=True)
class Definition:
    id: str
    title: dict
    procedure: str
    service: str
    fields: tuple[RequestField, ...]
    pieces: tuple[Piece, ...]

    def label(self, language: str = "fr") -> str:
        return text_in(self.title, language)


def text_in(texts: dict, language: str) -> str:
    return texts.get(language) or texts["fr"]


def _texts(value, where: str) -> dict:
    if not isinstance(value, dict) or not all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES
    ):
        raise InvalidInput(f"{where}: a text in each of {', '.join(LANGUAGES)} is required")
    return {lang: value[lang] for lang in LANGUAGES}


def _identifier(value, where: str) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise InvalidInput(f"{where}: {value!r} is not an identifier (a-z, 0-9, -)")
    return value


def _field(data: dict, where: str) -> RequestField:
    name = data.get("name")
    if name not in FIELD_TARGETS:
        raise InvalidInput(f"{where}: {name!r} is not one of {sorted(FIELD_TARGETS)}")
    max_length = data.get("max_length", 200)
    if not isinstance(max_length, int) or not 1 <= max_length <= 10_000:
        raise InvalidInput(f"{where}: max_length must be between 1 and 10000")
    return RequestField(
        name=name,
        label=_texts(data.get("label"), f"{where}.label"),
        required=bool(data.get("required", False)),
        max_length=max_length,
    )


def _piece(data: dict, where: str, categories) -> Piece:
    types = tuple(data.get("types") or ())
    if not types or not set(types) <= PIECE_TYPES:
        raise InvalidInput(f"{where}: types must be among {sorted(PIECE_TYPES)}")
    max_bytes = data.get("max_bytes")
    if not isinstance(max_bytes, int) or not 1 <= max_bytes <= MAX_PIECE_BYTES:
        raise InvalidInput(f"{where}: max_bytes must be between 1 and {MAX_PIECE_BYTES}")
    category = data.get("category", "other")
    if category not in categories:
        raise InvalidInput(f"{where}: unknown annex category {category!r}")
    return Piece(
        id=_identifier(data.get("id"), f"{where}.id"),
        label=_texts(data.get("label"), f"{where}.label"),
        category=category,
        required=bool(data.get("required", False)),
        types=types,
        max_bytes=max_bytes,
    )


def parse_definition(data: dict, categories) -> Definition:
    where = str(data.get("id", "?"))
    ident = _identifier(data.get("id"), "id")
    if data.get("procedure") not in procedures.PROCEDURES:
        raise InvalidInput(f"{where}: unknown procedure {data.get('procedure')!r}")
    fields = tuple(
        _field(item, f"{where}.fields[{index}]")
        for index, item in enumerate(data.get("fields", []))
    )
    if "title" not in {field.name for field in fields}:
        raise InvalidInput(f"{where}: the title field is required (it names the case file)")
    if len({field.name for field in fields}) != len(fields):
        raise InvalidInput(f"{where}: a field appears twice")
    pieces = tuple(
        _piece(item, f"{where}.pieces[{index}]", categories)
        for index, item in enumerate(data.get("pieces", []))
    )
    if len({piece.id for piece in pieces}) != len(pieces):
        raise InvalidInput(f"{where}: a piece appears twice")
    return Definition(
        id=ident,
        title=_texts(data.get("title"), f"{where}.title"),
        procedure=data["procedure"],
        service=_identifier(data.get("service"), f"{where}.service"),
        fields=fields,
        pieces=pieces,
    )


def parse_catalogue(data: dict, categories) -> dict[str, Definition]:
    """The definitions of a catalogue by id; InvalidInput says what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("requests"), list):
        raise InvalidInput('a catalogue is {"requests": [...]}')
    definitions = {}
    for item in data["requests"]:
        if not isinstance(item, dict):
            raise InvalidInput("each request is an object")
        definition = parse_definition(item, categories)
        if definition.id in definitions:
            raise InvalidInput(f"{definition.id}: defined twice")
        definitions[definition.id] = definition
    return definitions


def default_catalogue_data() -> dict:
    return json.loads(DEFAULT_CATALOGUE.read_text(encoding="utf-8"))
