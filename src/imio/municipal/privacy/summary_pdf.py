"""A plain multi-page PDF of lines of text, written with pikepdf (Plone-free).

Used for the summary given to a person who asked what the municipality holds
on him: Helvetica in WinAnsi, so French accents print as such.
"""

from dataclasses import dataclass

import io
import pikepdf


PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN, LINE_HEIGHT, FONT_SIZE = 56, 15, 10
MAX_CHARACTERS = 95
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN) // LINE_HEIGHT


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool = False


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def wrapped(lines: list[Line]) -> list[Line]:
    """Lines cut at a space to fit the page width.

    >>> [line.text for line in wrapped([Line("a " * 60)])][1]
    'a a a a a a a a a a a a a'
    """
    result = []
    for line in lines:
        text = line.text
        while len(text) > MAX_CHARACTERS:
            cut = text.rfind(" ", 0, MAX_CHARACTERS)
            cut = cut if cut > 0 else MAX_CHARACTERS
            result.append(Line(text[:cut], line.bold))
            text = text[cut:].lstrip()
        result.append(Line(text, line.bold))
    return result


def summary_pdf(title: str, lines: list[Line]) -> bytes:
    pdf = pikepdf.new()
    fonts = pikepdf.Dictionary(
        {
            name: pikepdf.Dictionary(
                Type=pikepdf.Name.Font,
                Subtype=pikepdf.Name.Type1,
                BaseFont=pikepdf.Name(base),
                Encoding=pikepdf.Name.WinAnsiEncoding,
            )
            for name, base in (("/F1", "/Helvetica"), ("/F2", "/Helvetica-Bold"))
        }
    )
    body = [Line(title, True), Line("")] + wrapped(lines)
    for first in range(0, len(body), LINES_PER_PAGE):
        operations = [b"BT", f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td".encode()]
        for line in body[first : first + LINES_PER_PAGE]:
            font = b"/F2" if line.bold else b"/F1"
            operations.append(font + f" {FONT_SIZE} Tf".encode())
            operations.append(_pdf_string(line.text) + b" Tj")
            operations.append(f"0 -{LINE_HEIGHT} Td".encode())
        operations.append(b"ET")
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, PAGE_WIDTH, PAGE_HEIGHT],
            Resources=pikepdf.Dictionary(Font=fonts),
            Contents=pdf.make_stream(b"\n".join(operations)),
        )
        pdf.pages.append(pikepdf.Page(page))
    pdf.docinfo["/Title"] = title
    pdf.docinfo["/Producer"] = "imio.municipal"
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()
