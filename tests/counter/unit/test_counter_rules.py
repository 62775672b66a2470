"""Plone-free rules of the e-counter: identities, the catalogue, pieces, the receipt."""

from imio.municipal.counter.catalogue import default_catalogue_data
from imio.municipal.counter.catalogue import parse_catalogue
from imio.municipal.counter.catalogue import Piece
from imio.municipal.counter.citizens import citizen_id
from imio.municipal.counter.citizens import citizen_roles
from imio.municipal.counter.citizens import national_number
from imio.municipal.counter.pieces import check_piece
from imio.municipal.counter.pieces import Upload
from imio.municipal.counter.receipt import receipt_pdf
from imio.municipal.counter.receipt import ReceiptLine
from imio.municipal.errors import InvalidInput

import copy
import io
import pikepdf
import pytest


CATEGORIES = {"application", "plan", "photo", "correspondence", "other"}
PLANS = Piece("plans", {"fr": "Plans"}, "plan", True, ("pdf",), 1000)


def _pdf(encrypted=False) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    if encrypted:
        pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="secret"))
    else:
        pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize("subject", ["namur-secretaire", "admin", "citizen-x", "../x"])
def test_a_citizen_id_is_namespaced_and_plain(subject):
    user_id = citizen_id(subject)
    assert user_id.startswith("citizen-") and user_id != subject
    assert set(user_id.removeprefix("citizen-")) <= set("0123456789abcdef")


def test_only_a_valid_national_number_links_a_citizen():
    assert national_number({"national_register_number": "78.05.12-123.26"}) == "78051212326"
    assert national_number({"national_register_number": "78051212327"}) is None
    assert national_number({"national_register_number": 78051212326}) is None
    assert national_number({}) is None


def test_citizen_roles_drop_every_staff_role():
    roles = ["Manager", "Site Administrator", "ServiceEditor", "Owner", "Authenticated", "Citizen"]
    assert citizen_roles(roles) == ["Authenticated", "Citizen"]


def test_the_default_catalogue_has_the_four_requests():
    definitions = parse_catalogue(default_catalogue_data(), CATEGORIES)
    assert set(definitions) == {
        "permis-urbanisme",
        "declaration-classe-3",
        "demande-ou-plainte",
        "copie-document",
    }
    permit = definitions["permis-urbanisme"]
    assert (permit.procedure, permit.service) == ("pu", "urbanisme")
    assert permit.pieces[0].types == ("pdf",) and permit.pieces[0].required


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda d: d.update(procedure="nope"), "unknown procedure"),
        (lambda d: d["fields"].append({"name": "reference", "label": d["title"]}), "is not one of"),
        (lambda d: d["pieces"][0].update(types=["exe"]), "types must be among"),
        (lambda d: d["pieces"][0].update(max_bytes=10**12), "max_bytes"),
        (lambda d: d["title"].pop("de"), "a text in each of"),
        (lambda d: d.update(fields=[]), "the title field is required"),
    ],
)
def test_a_bad_definition_is_refused_with_its_reason(change, reason):
    data = copy.deepcopy(default_catalogue_data())
    change(data["requests"][0])
    with pytest.raises(InvalidInput, match=reason):
        parse_catalogue(data, CATEGORIES)


def test_pieces_are_recognised_by_content():
    assert check_piece(PLANS, Upload("plan.pdf", _pdf())) is None
    assert check_piece(PLANS, Upload("anything.txt", _pdf())) is None
    refused = {
        "type": Upload("plan.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 10),
        "pdf": Upload("plan.pdf", b"%PDF-1.7 not really"),
        "empty": Upload("plan.pdf", b""),
        "too_large": Upload("plan.pdf", _pdf() + b"%" * 1000),
    }
    for kind, upload in refused.items():
        message = check_piece(PLANS, upload)
        assert message is not None and message.mapping["file"] == "plan.pdf", kind
    assert check_piece(PLANS, Upload("locked.pdf", _pdf(encrypted=True))) is not None


def test_the_receipt_is_a_readable_pdf():
    data = receipt_pdf("Accusé d'envoi", [ReceiptLine("Référence : 2026/PU/1", bold=True)])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        assert str(pdf.docinfo["/Title"]) == "Accusé d'envoi"
