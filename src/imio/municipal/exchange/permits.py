"""The JSON messages of the permit platform (Plone-free).

Two formats, JSON Schema files in ``schemas/``, described in
``docs/exchange/README.md``:

- ``permit-notification-1.0``: what the platform publishes for a
  municipality; a "file_transfer" notification hands a permit request over,
  and :func:`dossier_fields` turns it into the fields of a new Dossier;
- ``permit-response-1.0``: what the municipality answers, built by
  :func:`completeness_response` and :func:`decision_response`.

:func:`validate_json` checks a message against its schema, then what a JSON
Schema cannot (check digits of NISS and BCE numbers, the SHA-256 of a
decision document), and returns readable sentences; [] when valid.
"""

from datetime import date
from functools import cache
from imio.municipal.exchange.package import sha256_hex
from pathlib import Path
from typing import Any

import base64
import binascii
import json
import re


SCHEMAS_DIR = Path(__file__).parent / "schemas"
JSON_SCHEMAS = {
    "permit-notification-1.0": "permit-notification-1.0.schema.json",
    "permit-response-1.0": "permit-response-1.0.schema.json",
}

#: What a valid value looks like, by the name of the field.
HINTS = {
    "ins_code": "5 digits, e.g. 92094",
    "niss": "a national register or BIS number, 11 digits, e.g. 85.07.30-033.28",
    "bce": "a BCE number, 10 digits, e.g. 0216.689.981",
    "created_at": "a date and time with its time zone, e.g. 2026-11-28T09:15:00Z",
    "received_date": "a date, e.g. 2026-11-20",
    "decided_on": "a date, e.g. 2026-12-15",
    "parcels": "a CaPaKey, e.g. 92094A0123/00B000",
    "email": "an e-mail address, e.g. anne.dupont@example.be",
    "dossier_reference": "year/procedure/number, e.g. 2026/pu/12",
    "sha256": "64 lowercase hexadecimal characters",
    "content_base64": "the file in base64",
    "media_type": "e.g. application/pdf",
    "id": "letters, digits, dot, dash or underscore",
    "name": "a name without folder",
}


@cache
def json_schema(name: str) -> dict:
    """The JSON Schema ``name`` ("permit-notification-1.0" or "permit-response-1.0")."""
    if name not in JSON_SCHEMAS:
        raise ValueError(f"Unknown schema {name!r}; known schemas: {', '.join(JSON_SCHEMAS)}.")
    return json.loads((SCHEMAS_DIR / JSON_SCHEMAS[name]).read_text(encoding="utf-8"))


def _path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the message"


def _field_name(parts) -> str:
    names = [part for part in parts if isinstance(part, str)]
    return names[-1] if names else ""


def _sentence(error) -> str:
    where = _path(error.absolute_path)
    validator = error.validator
    if validator == "required":
        missing = re.match(r"'([^']+)'", error.message)
        return f"{where}: {missing[1] if missing else 'a field'} is missing."
    if validator == "additionalProperties":
        names = re.findall(r"'([^']+)'", error.message)
        return f"{where}: unexpected field {', '.join(names) or error.message}."
    if validator in ("pattern", "format", "type", "minLength", "maxLength", "const"):
        hint = HINTS.get(_field_name(error.absolute_path), "")
        value = json.dumps(error.instance, ensure_ascii=False)
        if validator == "const":
            hint = json.dumps(error.validator_value)
        if validator == "minLength" and error.instance == "":
            return f"{where} is empty."
        return f"{where}: {value} is not valid" + (f"; expected {hint}." if hint else ".")
    if validator == "enum":
        allowed = ", ".join(str(value) for value in error.validator_value)
        value = json.dumps(error.instance, ensure_ascii=False)
        return f"{where}: {value} is not one of the allowed values ({allowed})."
    if validator == "not" and isinstance(error.validator_value, dict):
        extra = error.validator_value.get("required", ["a field"])[0]
        return f"{where}: {extra} does not belong here."
    if validator == "minItems" and error.validator_value == 1:
        return f"{where}: at least one is needed."
    if validator == "maxItems" and error.validator_value == 0:
        return f"{where}: must be empty."
    return f"{where}: {error.message}"


def _schema_errors(data: Any, schema: dict) -> list[str]:
    from jsonschema import Draft202012Validator
    from jsonschema import FormatChecker

    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    sentences = {_sentence(error) for error in validator.iter_errors(data)}
    # What concerns the whole message first, then by field.
    return sorted(sentences, key=lambda text: (not text.startswith("the message"), text))


def _applicant_errors(data: Any) -> list[str]:
    from stdnum.be import bis
    from stdnum.be import nn
    from stdnum.be import vat

    errors = []
    applicants = data.get("dossier", {}).get("applicants", []) if isinstance(data, dict) else []
    for position, row in enumerate(applicants if isinstance(applicants, list) else []):
        if not isinstance(row, dict):
            continue
        where = f"dossier.applicants[{position}]"
        niss, bce = row.get("niss"), row.get("bce")
        if isinstance(niss, str) and not (nn.is_valid(niss) or bis.is_valid(niss)):
            errors.append(f"{where}.niss: {niss} is not a valid NISS or BIS number (check digits).")
        if isinstance(bce, str) and not vat.is_valid(bce):
            errors.append(f"{where}.bce: {bce} is not a valid BCE number (check digits).")
    return errors


def _document_errors(data: Any) -> list[str]:
    document = data.get("document") if isinstance(data, dict) else None
    if not isinstance(document, dict) or not isinstance(document.get("content_base64"), str):
        return []
    try:
        content = base64.b64decode(document["content_base64"], validate=True)
    except (binascii.Error, ValueError):
        return ["document.content_base64: the content is not valid base64."]
    declared = document.get("sha256")
    if isinstance(declared, str) and declared != sha256_hex(content):
        return [
            f"document.sha256: {declared} is not the SHA-256 of the content "
            f"({sha256_hex(content)})."
        ]
    return []


def validate_json(data: Any, schema: str) -> list[str]:
    """The problems of the JSON message ``data`` (parsed) against ``schema``; [] when valid.

    ``schema`` is "permit-notification-1.0" or "permit-response-1.0". A
    response is checked against the branch of its ``kind``, so that the
    messages speak of that kind.
    """
    definition = json_schema(schema)
    if not isinstance(data, dict):
        return ["the message: expected a JSON object."]
    if schema == "permit-response-1.0":
        branches = {branch["title"]: branch for branch in definition["oneOf"]}
        kind = data.get("kind")
        if kind not in branches:
            allowed = ", ".join(branches)
            return [f"kind: {json.dumps(kind)} is not one of the allowed values ({allowed})."]
        base = {key: value for key, value in definition.items() if key != "oneOf"}
        merged = {
            **base,
            **branches[kind],
            "properties": {**base["properties"], **branches[kind]["properties"]},
        }
        merged["properties"]["dossier_reference"] = base["properties"]["dossier_reference"]
        return _schema_errors(data, merged) or _document_errors(data)
    return _schema_errors(data, definition) or _applicant_errors(data)


def completeness_response(dossier_reference: str, missing_pieces: list[str] | tuple = ()) -> dict:
    """A completeness response: complete when ``missing_pieces`` is empty.

    >>> completeness_response("2026/pu/12", ["Plan d'implantation"])["complete"]
    False
    """
    pieces = [piece for piece in missing_pieces if piece and piece.strip()]
    return {
        "kind": "completeness",
        "dossier_reference": dossier_reference,
        "complete": not pieces,
        "missing_pieces": pieces,
    }


def decision_response(
    dossier_reference: str,
    decision: str,
    decided_on: date,
    document_name: str,
    document: bytes,
    media_type: str = "application/pdf",
) -> dict:
    """A decision response ("granted" or "refused") carrying the decision document."""
    return {
        "kind": "decision",
        "dossier_reference": dossier_reference,
        "decision": decision,
        "decided_on": decided_on.isoformat(),
        "document": {
            "name": document_name,
            "media_type": media_type,
            "sha256": sha256_hex(document),
            "content_base64": base64.b64encode(document).decode("ascii"),
        },
    }


#: The fields of a Dossier's applicant row (imio.municipal.dossiers.content.IApplicant).
APPLICANT_FIELDS = ("kind", "name", "niss", "bce", "address", "email", "phone", "contact")


def dossier_fields(notification: dict) -> dict:
    """The fields of the Dossier a valid "file_transfer" notification creates.

    Keys: ``procedure``, ``title``, ``received_date`` (a date), ``applicants``
    (rows with every key of :data:`APPLICANT_FIELDS`, None when absent),
    ``location_address``, ``parcels`` and ``platform_reference``. Raises
    ValueError with the reasons when the notification is not valid.
    """
    errors = validate_json(notification, "permit-notification-1.0")
    if errors:
        raise ValueError("The notification is not valid:\n- " + "\n- ".join(errors))
    dossier = notification["dossier"]
    return {
        "procedure": dossier["procedure"],
        "title": dossier["title"],
        "received_date": date.fromisoformat(dossier["received_date"]),
        "applicants": [
            {key: row.get(key) for key in APPLICANT_FIELDS} for row in dossier["applicants"]
        ],
        "location_address": dossier.get("location_address"),
        "parcels": list(dossier.get("parcels", [])),
        "platform_reference": dossier["platform_reference"],
    }
