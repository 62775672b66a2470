"""Validation of the XML manifests against their XSD, in readable sentences (Plone-free).

:func:`validate` checks a manifest against ``schemas/<schema>.xsd``, then the
rules an XSD 1.0 cannot express (:mod:`imio.municipal.exchange.rules_xml`),
and returns one sentence per problem, starting with the line of the manifest,
meant for the secretariat rather than for an XML specialist::

    Line 7, INS code of the municipality (insCode): "9209" is not valid;
    expected 5 digits, e.g. 92094.

An empty list means the manifest is valid.
"""

from collections.abc import Callable
from functools import cache
from imio.municipal.exchange import rules_xml
from lxml import etree
from pathlib import Path

import re


SCHEMAS_DIR = Path(__file__).parent / "schemas"

#: Schema name -> (XSD file, rules beyond the XSD).
XML_SCHEMAS: dict[str, tuple[str, Callable[[etree._Element], list[str]]]] = {
    "etutelle-1.0": ("etutelle-1.0.xsd", rules_xml.etutelle_rules),
    "pic-1.0": ("pic-1.0.xsd", rules_xml.pic_rules),
}

_AMOUNT_HINT = "an amount with a dot and exactly two decimals, e.g. 125000.00"
_RATE_HINT = "a percentage from 0 to 100 with two decimals, e.g. 60.00"

#: Element -> (what it is, what a valid value looks like).
FIELDS: dict[str, tuple[str, str]] = {
    "messageId": (
        "message identifier",
        "a lowercase UUID, e.g. 0f8fad5b-d9cb-469f-a165-70867728950e",
    ),
    "createdAt": ("creation date", "a date and time with its time zone, e.g. 2026-11-28T18:30:00Z"),
    "sender": ("sender", ""),
    "insCode": ("INS code of the municipality", "5 digits, e.g. 92094"),
    "bceNumber": ("BCE number of the municipality", "10 digits written 0216.689.981"),
    "name": ("name", "a text of 1 to 200 characters"),
    "act": ("act", ""),
    "number": ("act number", "year/body/number, e.g. 2026/conseil/12"),
    "kind": ("kind of act", ""),
    "body": ("body", ""),
    "matter": ("matter", ""),
    "regime": ("tutelle regime", ""),
    "title": ("title", "a text that is not empty"),
    "sessionDate": ("session date", "a date, e.g. 2026-11-24"),
    "vote": ("vote", ""),
    "membersPresent": ("members present", "a whole number, 0 or more"),
    "for": ("votes for", "a whole number, 0 or more"),
    "against": ("votes against", "a whole number, 0 or more"),
    "abstention": ("abstentions", "a whole number, 0 or more"),
    "unanimity": ("unanimity", "true or false"),
    "files": ("list of files", ""),
    "file": ("file", ""),
    "mediaType": ("media type", "e.g. application/pdf"),
    "size": ("size", "a number of bytes, 0 or more"),
    "sha256": ("SHA-256", "64 lowercase hexadecimal characters"),
    "role": ("role of the file", ""),
    "plan": ("plan", ""),
    "period": ("programming period", "first and last year, e.g. 2025-2027"),
    "envelope": ("envelope", _AMOUNT_HINT),
    "subsidyRate": ("subsidy rate", _RATE_HINT),
    "councilAct": ("council act", ""),
    "investments": ("list of investments", ""),
    "investment": ("investment", ""),
    "category": ("category", ""),
    "location": ("location", "a text that is not empty"),
    "estimateExclVat": ("estimate excl. VAT", _AMOUNT_HINT),
    "estimateInclVat": ("estimate incl. VAT", _AMOUNT_HINT),
    "spgeShare": ("SPGE share", _AMOUNT_HINT),
    "eligibleAmount": ("eligible amount", _AMOUNT_HINT),
    "subsidy": ("subsidy", _AMOUNT_HINT),
    "municipalShare": ("municipal share", _AMOUNT_HINT),
    "phase": ("phase", ""),
    "priority": ("priority", "a whole number, 1 or more"),
    "pstObjective": ("PST objective", "a text that is not empty"),
    "totals": ("totals", ""),
    "estimates": ("total of the estimates", _AMOUNT_HINT),
    "eligible": ("total eligible amount", _AMOUNT_HINT),
    "subsidies": ("total of the subsidies", _AMOUNT_HINT),
}
_FILE_NAME_HINT = 'a file name without folder, without : * ? " < > | and not starting with a dot'

_ELEMENT = re.compile(r"^Element '(?P<element>[^']+)'(?:, attribute '(?P<attribute>[^']+)')?: ")
_FACET = re.compile(r"^\[facet '(?P<facet>\w+)'\] The value '(?P<value>.*?)' (?P<rest>.*)$", re.S)
_LENGTH = re.compile(r"^\[facet '(?P<facet>\w+)'\] The value has a length of '(?P<length>\d+)'")
_TYPE = re.compile(r"^'(?P<value>.*)' is not a valid value of the .*type", re.S)
_EXPECTED = re.compile(r"Expected is (?:one of )?\( (?P<names>.*) \)\.")
_SET = re.compile(r"\{(?P<values>.*)\}")
_NAMESPACE = re.compile(r"\{[^}]*\}")
_INDEX = re.compile(r"(file|investment)\[(\d+)\]")


def label(element: str, parent: str = "") -> str:
    """``element`` as the secretariat reads it: ``INS code of the municipality (insCode)``."""
    name = _NAMESPACE.sub("", element)
    what = FIELDS.get(name, (name, ""))[0]
    if name == "name" and parent == "file":
        what = "file name"
    elif name == "name" and parent == "sender":
        what = "name of the municipality"
    return f"{what} ({name})" if what != name else name


def hint(element: str, parent: str = "") -> str:
    name = _NAMESPACE.sub("", element)
    if name == "name" and parent == "file":
        return _FILE_NAME_HINT
    return FIELDS.get(name, ("", ""))[1]


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:57] + "..."


def _names(text: str) -> str:
    return ", ".join(label(name.strip()) for name in _NAMESPACE.sub("", text).split(","))


def _where(path: str | None) -> str:
    """``file 2, `` for an error inside the second file (from lxml's XPath)."""
    found = _INDEX.findall(path or "")
    return "".join(f"{kind} {index}, " for kind, index in found)


def _parent_of(path: str | None) -> str:
    parts = [_NAMESPACE.sub("", part).split(":")[-1] for part in (path or "").split("/")]
    parts = [re.sub(r"\[\d+\]$", "", part) for part in parts if part]
    return parts[-2] if len(parts) >= 2 else ""


def humanize(message: str, path: str | None = None) -> str:
    """One of lxml's schema messages, rewritten for the secretariat (without the line)."""
    match = _ELEMENT.match(message)
    if not match:
        return _NAMESPACE.sub("", message).strip()
    element = _NAMESPACE.sub("", match["element"])
    rest = message[match.end() :].strip()
    parent = _parent_of(path)
    where = _where(path)
    what = label(element, parent)
    if match["attribute"]:
        fixed = re.search(
            r"The value '(.*)' does not match the fixed value constraint '(.*)'", rest
        )
        if fixed:
            return (
                f'{where}the format version "{fixed[1]}" is not supported; '
                f"this is version {fixed[2]}."
            )
        return f"{where}{what}, attribute {match['attribute']}: {_NAMESPACE.sub('', rest)}"
    facet = _FACET.match(rest)
    if facet:
        value = _short(facet["value"])
        if facet["facet"] == "enumeration":
            allowed = _SET.search(facet["rest"])
            values = allowed["values"].replace("'", "") if allowed else ""
            return f'{where}{what}: "{value}" is not one of the allowed values ({values}).'
        expected = hint(element, parent)
        return f'{where}{what}: "{value}" is not valid; expected {expected or facet["rest"]}.'
    length = _LENGTH.match(rest)
    if length:
        if length["length"] == "0":
            return f"{where}{what} is empty."
        return f"{where}{what} is too long ({length['length']} characters)."
    typed = _TYPE.match(rest)
    if typed:
        expected = hint(element, parent)
        suffix = f"; expected {expected}" if expected else ""
        return f'{where}{what}: "{_short(typed["value"])}" is not valid{suffix}.'
    expected = _EXPECTED.search(rest)
    if rest.startswith("Missing child element"):
        names = _names(expected["names"]) if expected else "an element"
        return f"{where}{what} is incomplete: {names} is missing."
    if rest.startswith("This element is not expected"):
        if expected:
            return f"{where}{_names(expected['names'])} is missing (found {what} instead)."
        return f"{where}{what} is not expected here."
    duplicate = re.match(r"Duplicate key-sequence \['(.*)'\]", rest)
    if duplicate:
        return f'{where}the file name "{duplicate[1]}" is used twice.'
    if "No matching global declaration" in rest:
        return f"the document is not a manifest of this format (its root element is {element})."
    return f"{where}{what}: {_NAMESPACE.sub('', rest)}"


@cache
def xml_schema(name: str) -> etree.XMLSchema:
    """The compiled XSD of ``name`` ("etutelle-1.0" or "pic-1.0")."""
    if name not in XML_SCHEMAS:
        raise ValueError(f"Unknown schema {name!r}; known schemas: {', '.join(XML_SCHEMAS)}.")
    return etree.XMLSchema(etree.parse(str(SCHEMAS_DIR / XML_SCHEMAS[name][0])))


def _parser() -> etree.XMLParser:
    # No DTD, no entities, no network: a manifest is data from elsewhere.
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def validate(xml: bytes, schema: str) -> list[str]:
    """The problems of the manifest ``xml`` against ``schema``; [] when valid.

    ``schema`` is "etutelle-1.0" or "pic-1.0". Each message starts with
    ``Line <n>, `` when the line is known.
    """
    compiled = xml_schema(schema)
    try:
        document = etree.fromstring(xml, _parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno or 1
        return [f"Line {line}, the manifest is not well-formed XML: {error.msg}."]
    if document.getroottree().docinfo.internalDTD is not None:
        return ["Line 1, the manifest has a DOCTYPE; a manifest has none (no DTD, no entities)."]
    errors: list[str] = []
    seen: set[tuple[int, str]] = set()
    if not compiled.validate(document):
        for entry in compiled.error_log:
            key = (entry.line, entry.path or "")
            if key in seen:
                continue
            seen.add(key)
            errors.append(f"Line {entry.line}, {humanize(entry.message, entry.path)}")
    errors += XML_SCHEMAS[schema][1](document)
    return sorted(errors, key=_line_of)


def _line_of(message: str) -> int:
    match = re.match(r"Line (\d+),", message)
    return int(match[1]) if match else 0
