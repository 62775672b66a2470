"""The text PDF writer: embedded fonts, PDF/A-2b declaration, metadata."""

from imio.municipal.core import textpdf
from imio.municipal.core.textpdf import Line
from imio.municipal.privacy.summary_pdf import summary_pdf
from imio.municipal.records.register import build_register
from imio.municipal.records.register_pdf import register_pdf

import io
import pikepdf
import pytest
import subprocess


def _fonts(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    fonts = {}
    for page in pdf.pages:
        for name, font in page.Resources.Font.items():
            fonts[name] = font
    return fonts


def _text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.parametrize(
    "data, title",
    [
        (
            register_pdf(build_register(), {"Commune": "Namur"}, "07/12/2026"),
            "Registre des activités de traitement (RGPD, article 30)",
        ),
        (
            summary_pdf("Demande d'accès : résumé", [Line("Dossier 2026/PU/1 — clôturé")], "Namur"),
            None,
        ),
    ],
    ids=["register", "summary"],
)
def test_register_and_summary_embed_their_font_and_declare_pdfa(data, title):
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = _fonts(pdf)
        assert fonts, "no font used"
        for font in fonts.values():
            assert font.Subtype == pikepdf.Name.TrueType
            program = font.FontDescriptor.FontFile2
            assert len(program.read_bytes()) == int(program.Length1) > 100_000
            assert len(font.Widths) == int(font.LastChar) - int(font.FirstChar) + 1
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert str(pdf.Root.Lang) == "fr-BE"
        assert str(pdf.docinfo["/Title"]) == meta["dc:title"]
        assert str(pdf.docinfo["/Author"]) == "Namur"
        if title:
            assert meta["dc:title"] == title
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == pikepdf.Name.GTS_PDFA1 and int(intent.DestOutputProfile.N) == 3
        assert pdf.pdf_version == "1.7"


def test_widths_are_read_from_the_font_program():
    regular = textpdf.embedded_font("regular")
    width = dict(zip(range(textpdf.FIRST_CODE, textpdf.LAST_CODE + 1), regular.widths, strict=True))
    # DejaVu Sans: the space is narrower than "m", "é" as wide as "e".
    assert 0 < width[ord(" ")] < width[ord("m")]
    assert width[ord("é".encode("cp1252"))] == width[ord("e")]
    assert textpdf.embedded_font("bold").widths[ord("m") - 32] > width[ord("m")]


def test_long_lines_wrap_inside_the_page_and_accents_survive():
    text = "Délégué à la protection des données " * 12
    data = textpdf.text_document("Été", [Line(text), Line("x" * 300)])
    extracted = _text(data)
    assert "Délégué à la protection des données" in extracted
    limit = textpdf.PAGE_WIDTH - 2 * textpdf.MARGIN
    for line in textpdf.wrap_width(Line(text), limit) + textpdf.wrap_width(Line("x" * 300), limit):
        assert textpdf.embedded_font("regular").text_width(line.text, line.size) <= limit


def test_pages_are_numbered():
    data = textpdf.text_document("Long", [Line(f"ligne {n}") for n in range(200)])
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
    assert pages > 2
    assert f"Page {pages} / {pages}" in _text(data)
