"""The e-Tutelle manifest: valid for a realistic act, readable errors otherwise."""

from dataclasses import replace
from datetime import datetime
from exchange_samples import namur_tax_files
from exchange_samples import namur_tax_regulation
from imio.municipal.exchange.common import FileEntry
from imio.municipal.exchange.common import InvalidManifest
from imio.municipal.exchange.etutelle import build_etutelle_package
from imio.municipal.exchange.etutelle import check_etutelle
from imio.municipal.exchange.etutelle import etutelle_manifest
from imio.municipal.exchange.package import read_package
from imio.municipal.exchange.package import sha256_hex
from imio.municipal.exchange.validation import validate
from lxml import etree

import pytest


NS = {"e": "urn:imio:municipal:etutelle:1.0"}


def test_namur_tax_regulation_is_valid():
    manifest = etutelle_manifest(namur_tax_regulation())
    assert validate(manifest, "etutelle-1.0") == []
    root = etree.fromstring(manifest)
    assert root.get("version") == "1.0"
    assert root.findtext("e:sender/e:insCode", namespaces=NS) == "92094"
    assert root.findtext("e:act/e:regime", namespaces=NS) == "approval"
    assert root.findtext("e:createdAt", namespaces=NS) == "2026-11-26T09:15:00Z"
    assert root.findtext("e:act/e:vote/e:for", namespaces=NS) == "27"
    files = root.findall("e:files/e:file", NS)
    assert [f.findtext("e:role", namespaces=NS) for f in files] == [
        "deliberation",
        "justificatory",
        "justificatory",
    ]
    first = namur_tax_files()[0]
    assert files[0].findtext("e:sha256", namespaces=NS) == sha256_hex(first.data)
    assert files[0].findtext("e:size", namespaces=NS) == str(len(first.data))


def test_manifest_is_deterministic_utf8_and_indented():
    one = etutelle_manifest(namur_tax_regulation())
    assert one == etutelle_manifest(namur_tax_regulation())
    assert one.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<etutelle:submission")
    assert "secondes résidences".encode() in one
    assert b"\n    <etutelle:number>2026/conseil/118</etutelle:number>\n" in one


def test_package_holds_the_manifest_and_the_files():
    submission = namur_tax_regulation()
    manifest, files = read_package(build_etutelle_package(submission))
    assert manifest == etutelle_manifest(submission)
    assert files == {entry.name: entry.data for entry in submission.files}


def test_act_without_vote_leaves_the_vote_out():
    order = namur_tax_regulation(
        number="2026/bourgmestre/3",
        kind="police_ordinance",
        body="bourgmestre",
        matter="police_ordinance",
        regime="none",
        members_present=None,
        votes_for=None,
        votes_against=None,
        votes_abstention=None,
        unanimity=None,
    )
    manifest = etutelle_manifest(order)
    assert b"vote" not in manifest
    assert validate(manifest, "etutelle-1.0") == []


def test_missing_deliberation_file_never_leaves():
    justificatory_only = namur_tax_regulation(files=namur_tax_files()[1:])
    with pytest.raises(InvalidManifest) as caught:
        build_etutelle_package(justificatory_only)
    assert caught.value.errors == [
        "Line 26, list of files (files): there is no deliberation; add the signed act as a "
        'file with the role "deliberation".'
    ]
    assert "The e-Tutelle manifest is not valid" in str(caught.value)


def test_no_file_at_all():
    errors = check_etutelle(namur_tax_regulation(files=()))
    assert any("list of files (files) is incomplete: file is missing" in e for e in errors)
    assert any("there is no deliberation" in e for e in errors)


def test_bad_ins_code_names_the_field_and_the_line():
    bad = namur_tax_regulation(sender=replace(namur_tax_regulation().sender, ins_code="9209"))
    assert check_etutelle(bad) == [
        'Line 6, INS code of the municipality (insCode): "9209" is not valid; '
        "expected 5 digits, e.g. 92094."
    ]


def test_bad_sha256():
    manifest = etutelle_manifest(namur_tax_regulation())
    digest = sha256_hex(namur_tax_files()[1].data).encode()
    errors = validate(manifest.replace(digest, digest[:-1] + b"Z"), "etutelle-1.0")
    assert len(errors) == 1
    assert errors[0].startswith("Line 38, file 2, SHA-256 (sha256): ")
    assert errors[0].endswith("is not valid; expected 64 lowercase hexadecimal characters.")


def test_rules_beyond_the_xsd():
    bad = namur_tax_regulation(
        number="2026/college/118",
        members_present=30,
        unanimity=True,
    )
    assert check_etutelle(bad) == [
        "Line 11, act number (number): 2026/college/118 is a number of the college, "
        'but the body is "conseil".',
        "Line 18, vote: 27 for, 8 against and 4 abstentions make 39 votes, more than the "
        "30 members present.",
        "Line 23, vote: the vote is unanimous but has 8 votes against.",
    ]


def test_incomplete_vote_and_unknown_codes():
    bad = namur_tax_regulation(votes_against=None, regime="tutelle", kind="loi")
    assert check_etutelle(bad) == [
        'Line 12, kind of act (kind): "loi" is not one of the allowed values (deliberation, '
        "college_decision, mayor_order, regulation, police_ordinance).",
        'Line 15, tutelle regime (regime): "tutelle" is not one of the allowed values '
        "(general, approval, none).",
        "Line 21, votes against (against) is missing (found abstentions (abstention) instead).",
    ]


def test_file_names_must_be_plain_and_unique():
    files = namur_tax_files()
    twice = namur_tax_regulation(files=(files[0], replace(files[1], name=files[0].name)))
    assert any("is used twice" in e for e in check_etutelle(twice))
    escaping = namur_tax_regulation(files=(files[0], replace(files[1], name="../etc/passwd")))
    (error,) = check_etutelle(escaping)
    assert 'file 2, file name (name): "../etc/passwd" is not valid' in error


def test_naive_datetime_and_uppercase_uuid_refused():
    naive = namur_tax_regulation(created_at=datetime(2026, 11, 26, 9, 15))
    with pytest.raises(InvalidManifest) as caught:
        build_etutelle_package(naive)
    assert caught.value.errors == ["The date and time 2026-11-26T09:15:00 has no time zone."]
    upper = namur_tax_regulation(message_id="3F2B8C1E-6D4A-4F0B-9A57-2C8E1D9B7A10")
    assert "message identifier (messageId)" in check_etutelle(upper)[0]


def test_not_a_manifest():
    assert validate(b"<a><b></a>", "etutelle-1.0")[0].startswith(
        "Line 1, the manifest is not well-formed XML: "
    )
    assert validate(b"<plan/>", "etutelle-1.0") == [
        "Line 1, the document is not a manifest of this format (its root element is plan)."
    ]
    wrong_version = etutelle_manifest(namur_tax_regulation()).replace(
        b'version="1.0"', b'version="2.0"', 1
    )
    assert validate(wrong_version, "etutelle-1.0") == [
        'Line 2, the format version "2.0" is not supported; this is version 1.0.'
    ]
    with pytest.raises(ValueError, match="Unknown schema 'etutelle-2.0'"):
        validate(b"<a/>", "etutelle-2.0")


def test_doctype_refused():
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<etutelle:submission xmlns:etutelle="urn:imio:municipal:etutelle:1.0" version="1.0">'
        b"<etutelle:messageId>&e;</etutelle:messageId></etutelle:submission>"
    )
    assert validate(evil, "etutelle-1.0") == [
        "Line 1, the manifest has a DOCTYPE; a manifest has none (no DTD, no entities)."
    ]


def test_file_entry_computes_size_and_hash():
    entry = FileEntry("a.pdf", "application/pdf", b"abc", "deliberation")
    assert entry.size == 3
    assert entry.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
