"""Every PDF the product makes is PDF/A-2b, tagged, with fonts embedded and real
metadata (title, author, subject, fr-BE); its ODT and DOCX carry the same title."""

from io import BytesIO
from plone import api

import pikepdf
import pytest
import re


SECRETARY = "namur-secretaire"


def _adopted_act(portal):
    for act in portal["namur"]["actes"].objectValues():
        if act.Title().startswith("Règlement-redevance sur l'occupation du domaine public"):
            return act
    raise AssertionError("no adopted demo act")


def _dossier(portal):
    for dossier in portal["namur"]["dossiers"].objectValues():
        if api.content.get_state(dossier) == "in_progress":
            return dossier
    raise AssertionError("no demo case file in progress")


def _plan(portal):
    return next(iter(portal["namur"]["pic"].objectValues()))


DOCUMENTS = [
    ("deliberation", _adopted_act, SECRETARY),
    ("register_extract", _adopted_act, SECRETARY),
    ("transmission_letter", _adopted_act, SECRETARY),
    ("acknowledgement", _dossier, "namur-agent-urbanisme"),
    ("dossier_summary", _dossier, SECRETARY),
    ("pic_summary", _plan, "namur-agent-finances"),
]


def unembedded_fonts(pdf: pikepdf.Pdf) -> set[str]:
    """Names of the fonts used on the pages whose program is not in the file."""
    missing = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            descendants = font.get("/DescendantFonts") or [font]
            for descendant in descendants:
                descriptor = descendant.get("/FontDescriptor")
                if descriptor is None or not any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    missing.add(str(font.get("/BaseFont")))
    return missing


def assert_archival_pdf(data: bytes, title: str, author: str, subject: str):
    """PDF/A-2b identification and output intent, fonts, tags, metadata, language."""
    with pikepdf.open(BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") == "2"
        assert meta.get("pdfaid:conformance") == "B"
        intents = pdf.Root.get("/OutputIntents")
        assert intents is not None and len(intents) >= 1
        assert intents[0].S == "/GTS_PDFA1"
        assert "/DestOutputProfile" in intents[0]
        assert unembedded_fonts(pdf) == set()
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        assert len(pdf.Root.StructTreeRoot.K) >= 1
        assert str(pdf.Root.Lang) == "fr-BE"
        assert str(pdf.docinfo.Title) == title
        assert meta.get("dc:title") == title
        assert str(pdf.docinfo.Author) == author
        assert str(pdf.docinfo.Subject) == subject
        assert not re.search(r"tmp\w{8}", str(pdf.docinfo.Title))


@pytest.mark.parametrize("template_id, getter, user", DOCUMENTS)
def test_every_pdf_is_archival(libreoffice, generate, portal, template_id, getter, user):
    obj = getter(portal)
    status, body, _headers = generate(obj, template_id, "pdf", user)
    assert status == 200, body
    name = portal["document-templates"][template_id].Title()
    identifier = getattr(obj, "number", None) or getattr(obj, "reference", None)
    if getattr(obj, "number", None):
        title = f"{name} n° {identifier}"
    elif identifier:
        title = f"{name} {identifier}"
    else:
        title = f"{name} — {obj.Title()}"
    assert_archival_pdf(body, title, "Commune de Namur", obj.Title())


def test_the_deliberation_title_names_the_act(libreoffice, generate, portal):
    act = _adopted_act(portal)
    status, body, _headers = generate(act, "deliberation", "pdf", SECRETARY)
    assert status == 200
    with pikepdf.open(BytesIO(body)) as pdf:
        assert str(pdf.docinfo.Title) == f"Délibération n° {act.number}"
        assert str(pdf.docinfo.Author) == "Commune de Namur"


@pytest.mark.parametrize(
    "output_format, member", [("odt", "meta.xml"), ("docx", "docProps/core.xml")]
)
def test_odt_and_docx_carry_the_same_title(
    libreoffice, generate, portal, zipped_text, output_format, member
):
    act = _adopted_act(portal)
    status, body, _headers = generate(act, "deliberation", output_format, SECRETARY)
    assert status == 200, body
    assert f"<dc:title>Délibération n° {act.number}</dc:title>" in zipped_text(body, member)
