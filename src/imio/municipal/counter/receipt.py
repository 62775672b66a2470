"""The acknowledgement of sending: a one-page PDF written with pikepdf
(Plone-free). What it states is fixed when the file is filed; the RFC 3161
timestamp is then taken over these exact bytes and kept next to them, so its
layout stays as it is: Helvetica, not embedded.
"""

from dataclasses import dataclass
from imio.municipal.core.textpdf import pdf_literal
from imio.municipal.core.textpdf import standard_fonts
from imio.municipal.core.textpdf import wrap_characters

import io
import pikepdf


PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN, LINE_HEIGHT, FONT_SIZE = 56, 16, 11
MAX_CHARACTERS = 90


@dataclass(frozen=True)
class ReceiptLine:
    text: str
    bold: bool = False


def _wrapped(lines: list[ReceiptLine]) -> list[ReceiptLine]:
    return [
        ReceiptLine(part, line.bold)
        for line in lines
        for part in wrap_characters(line.text, MAX_CHARACTERS)
    ]


def receipt_pdf(title: str, lines: list[ReceiptLine]) -> bytes:
    pdf = pikepdf.new()
    fonts = standard_fonts()
    operations = [b"BT", b"/F2 14 Tf", f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode()]
    operations.append(pdf_literal(title) + b" Tj")
    operations.append(f"0 -{LINE_HEIGHT * 2} Td".encode())
    for line in _wrapped(lines):
        font = b"/F2" if line.bold else b"/F1"
        operations.append(font + f" {FONT_SIZE} Tf".encode())
        operations.append(pdf_literal(line.text) + b" Tj")
        operations.append(f"0 -{LINE_HEIGHT} Td".encode())
    operations.append(b"ET")
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, PAGE_WIDTH, PAGE_HEIGHT],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(fonts)),
        Contents=pdf.make_stream(b"\n".join(operations)),
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.docinfo["/Title"] = title
    pdf.docinfo["/Producer"] = "imio.municipal"
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()
