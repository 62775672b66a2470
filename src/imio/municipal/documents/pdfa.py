"""PDF/A-2b, tagged, with real metadata: what every PDF the product makes is.

LibreOffice exports PDF/A-2b and tags the structure when asked
(``PDF_OPTIONS``, passed to appy); it takes the language (/Lang) from the
templates' default paragraph style (fr-BE). Author and subject it cannot be
told through appy: ``describe`` writes title, author, subject and language
into both the XMP packet and the document information dictionary (PDF/A
requires them to agree), and ``pdfa_part`` checks the export really is
PDF/A (LibreOffice silently ignores a version it does not know).
"""

from io import BytesIO

import pikepdf


# SelectPdfVersion=2: PDF/A-2b (LibreOffice 7.4 ignores 3 and 4 without a word).
PDF_OPTIONS = "SelectPdfVersion=2,UseTaggedPDF=True,ExportNotes=False"
LANGUAGE = "fr-BE"


class NotPdfA(ValueError):
    """The converter did not produce a PDF/A file."""


def pdfa_part(data: bytes) -> str:
    """The PDF/A part and conformance (« 2B »), or "" when the file is not PDF/A."""
    with pikepdf.open(BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        part = meta.get("pdfaid:part") or ""
        conformance = meta.get("pdfaid:conformance") or ""
    return f"{part}{conformance}".upper() if part else ""


def describe(data: bytes, title: str, author: str, subject: str, language: str = LANGUAGE) -> bytes:
    """``data`` with its title, author, subject and language set; PDF/A kept.

    >>> describe(pdf, "Délibération n° 2026/conseil/6", "Ville de Namur", "…")  # doctest: +SKIP
    """
    if not pdfa_part(data):
        raise NotPdfA("the converter did not export PDF/A")
    out = BytesIO()
    with pikepdf.open(BytesIO(data)) as pdf:
        # set_pikepdf_as_editor=False: LibreOffice stays the producer.
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = title
            meta["dc:creator"] = [author]
            meta["dc:description"] = subject
            meta["dc:language"] = [language]
        # pikepdf keeps /Info in sync for title, author and subject.
        pdf.Root.Lang = pikepdf.String(language)
        if pdf.Root.get("/ViewerPreferences") is None:
            pdf.Root.ViewerPreferences = pikepdf.Dictionary()
        # Readers show the title, not the file name (PDF/UA asks for it).
        pdf.Root.ViewerPreferences.DisplayDocTitle = True
        pdf.save(out)
    return out.getvalue()
