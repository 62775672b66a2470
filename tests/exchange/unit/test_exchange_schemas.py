"""The formats' codes follow the project's legal modules."""

from imio.municipal.acts import tutelle
from imio.municipal.dossiers import procedures
from imio.municipal.exchange.permits import json_schema
from imio.municipal.exchange.validation import SCHEMAS_DIR
from imio.municipal.pic import rules as pic
from lxml import etree

import pytest


XS = {"xs": "http://www.w3.org/2001/XMLSchema"}


def enumeration(xsd: str, type_name: str) -> list[str]:
    tree = etree.parse(str(SCHEMAS_DIR / xsd))
    path = f"xs:simpleType[@name='{type_name}']/xs:restriction/xs:enumeration/@value"
    return tree.xpath(path, namespaces=XS)


@pytest.mark.parametrize(
    ("type_name", "codes"),
    [
        ("Kind", tutelle.KINDS),
        ("Body", tutelle.BODIES),
        ("Matter", tutelle.MATTERS),
        ("Regime", tutelle.REGIMES),
    ],
)
def test_etutelle_codes(type_name, codes):
    assert sorted(enumeration("etutelle-1.0.xsd", type_name)) == sorted(codes)


def test_pic_codes():
    assert enumeration("pic-1.0.xsd", "Category") == list(pic.CATEGORIES)
    assert enumeration("pic-1.0.xsd", "Phase") == list(pic.PHASES)


def test_permit_procedures():
    schema = json_schema("permit-notification-1.0")
    assert schema["properties"]["dossier"]["properties"]["procedure"]["enum"] == list(
        procedures.PROCEDURES
    )


def test_schemas_are_well_formed():
    from jsonschema import Draft202012Validator

    for name in ("permit-notification-1.0", "permit-response-1.0"):
        Draft202012Validator.check_schema(json_schema(name))
    for xsd in ("etutelle-1.0.xsd", "pic-1.0.xsd"):
        etree.XMLSchema(etree.parse(str(SCHEMAS_DIR / xsd)))
