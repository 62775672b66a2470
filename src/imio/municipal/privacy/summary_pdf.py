"""The summary given to a person who asked what the municipality holds on
him: a PDF/A-2b text document with its font embedded (Plone-free).
"""

from imio.municipal.core.textpdf import Line
from imio.municipal.core.textpdf import text_document


__all__ = ["Line", "summary_pdf"]


def summary_pdf(title: str, lines: list[Line], author: str = "") -> bytes:
    """``lines`` under ``title`` (in bold), ``author`` being the municipality.

    >>> summary_pdf("Résumé", [Line("Dossier 2026/PU/1")])[:5]
    b'%PDF-'
    """
    return text_document(
        title, [Line(title, bold=True, size=13), Line("")] + list(lines), author=author
    )
