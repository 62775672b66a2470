"""The acknowledgement of sending: a one-page PDF written with pikepdf
(Plone-free). What it states is fixed when the file is filed; the RFC 3161
timestamp is then taken over these exact bytes and kept next to them.
"""

from dataclasses import dataclass

import io
import pikepdf


PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN, LINE_HEIGHT, FONT_SIZE = 56, 16, 11
MAX_CHARACTERS = 90


@dataclass(frozen=True)
class ReceiptLine:
    text: str
    bold: bool = False


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (cp1252): French accents print as such."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _wrapped(lines: list[ReceiptLine]) -> list[ReceiptLine]:
    result = []
    for line in lines:
        text = line.text
        while len(text) > MAX_CHARACTERS:
            cut = text.rfind(" ", 0, MAX_CHARACTERS)
            cut = cut if cut > 0 else MAX_CHARACTERS
            result.append(ReceiptLine(text[:cut], line.bold))
            text = text[cut:].lstrip()
        result.append(ReceiptLine(text, line.bold))
    return result


def receipt_pdf(title: str, lines: list[ReceiptLine]) -> bytes:
    pdf = pikepdf.new()
    fonts = {
        name: pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name(base),
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
        for name, base in (("/F1", "/Helvetica"), ("/F2", "/Helvetica-Bold"))
    }
    operations = [b"BT", b"/F2 14 Tf", f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode()]
    operations.append(_pdf_string(title) + b" Tj")
    operations.append(f"0 -{LINE_HEIGHT * 2} Td".encode())
    for line in _wrapped(lines):
        font = b"/F2" if line.bold else b"/F1"
        operations.append(font + f" {FONT_SIZE} Tf".encode())
        operations.append(_pdf_string(line.text) + b" Tj")
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
