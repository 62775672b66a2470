"""The register of processing activities as a PDF file (Plone-free).

Built with pikepdf: A4 pages of text in Helvetica (one of the PDF standard
fonts, WinAnsi-encoded, so French accents need no embedded font), the
municipality's header first, then one section per processing activity with
its fields under French headings. The register is plain text in columns a
converter adds nothing to: no template, no LibreOffice round trip.

>>> from imio.municipal.records.register import build_register
>>> data = register_pdf(build_register(), {"Commune": "Namur"}, "07/12/2026")
>>> data[:5]
b'%PDF-'
"""

from dataclasses import asdict
from imio.municipal.records.register import Activity
from io import BytesIO

import pikepdf
import textwrap


TITLE = "Registre des activités de traitement (RGPD, article 30)"
#: The French heading of each field of an activity, in the order printed.
HEADINGS = {
    "purpose": "Finalités du traitement",
    "legal_basis": "Base juridique",
    "persons": "Catégories de personnes concernées",
    "data": "Catégories de données à caractère personnel",
    "recipients": "Destinataires",
    "sources": "Sources des données",
    "retention": "Durée de conservation",
    "transfers_outside_eu": "Transferts hors de l'Union européenne",
    "security_measures": "Mesures de sécurité",
    "notes": "Remarques",
}
NOT_FILLED = "non renseigné"

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
# Helvetica's average glyph is about half its size wide: 10 pt text on a
# 483 pt line holds some 95 characters; 90 keeps wide letters inside.
WRAP = {10: 90, 12: 75, 15: 58}
LEADING = 1.35


def _line_items(activities: list[Activity], header: dict[str, str], edited: str):
    """(font, size, indent, text) of every line, with blank space as None."""
    yield ("bold", 15, 0, TITLE)
    yield None
    for key, value in header.items():
        yield ("regular", 10, 0, f"{key} : {value or NOT_FILLED}")
    yield ("regular", 10, 0, f"Édité le {edited}")
    for activity in activities:
        yield None
        yield ("bold", 12, 0, f"{activity.name} ({activity.code})")
        row = asdict(activity)
        for field, heading in HEADINGS.items():
            yield ("bold", 10, 12, heading)
            yield ("regular", 10, 24, row[field] or NOT_FILLED)


def _wrapped(items):
    for item in items:
        if item is None:
            yield None
            continue
        font, size, indent, text = item
        for part in textwrap.wrap(text, WRAP[size] - indent // 5) or [""]:
            yield font, size, indent, part


def _paginate(lines) -> list[list[tuple]]:
    """Lines placed on pages: (font, size, x, y, text)."""
    pages, current, y = [], [], PAGE_HEIGHT - MARGIN
    for line in lines:
        height = 10 * LEADING if line is None else line[1] * LEADING
        if y - height < MARGIN + 20:  # room left for the page number
            pages.append(current)
            current, y = [], PAGE_HEIGHT - MARGIN
            if line is None:
                continue
        y -= height
        if line is not None:
            font, size, indent, text = line
            current.append((font, size, MARGIN + indent, y, text))
    pages.append(current)
    return pages


def _text(font: str, size: int, x: float, y: float, text: str) -> list:
    op = pikepdf.Operator
    encoded = text.encode("cp1252", errors="replace")
    return [
        ([], op("BT")),
        ([pikepdf.Name("/" + font), size], op("Tf")),
        ([round(x, 2), round(y, 2)], op("Td")),
        ([pikepdf.String(encoded)], op("Tj")),
        ([], op("ET")),
    ]


def _font(pdf: pikepdf.Pdf, base: str):
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name("/" + base),
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )


def register_pdf(activities: list[Activity], header: dict[str, str], edited: str) -> bytes:
    """The register as PDF bytes; ``header`` (label: text) heads the first
    page, ``edited`` is the day it was made (dd/mm/yyyy)."""
    pdf = pikepdf.Pdf.new()
    fonts = pikepdf.Dictionary(regular=_font(pdf, "Helvetica"), bold=_font(pdf, "Helvetica-Bold"))
    pages = _paginate(_wrapped(_line_items(activities, header, edited)))
    for number, lines in enumerate(pages, start=1):
        instructions = []
        for line in lines:
            instructions += _text(*line)
        footer = f"Page {number} / {len(pages)}"
        instructions += _text("regular", 9, PAGE_WIDTH - MARGIN - 60, MARGIN - 20, footer)
        page = pdf.add_blank_page(page_size=(PAGE_WIDTH, PAGE_HEIGHT))
        page.obj.Resources = pikepdf.Dictionary(Font=fonts)
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
    pdf.docinfo["/Title"] = TITLE
    if header.get("Commune"):
        pdf.docinfo["/Author"] = header["Commune"]
    pdf.Root.Lang = pikepdf.String("fr-BE")
    out = BytesIO()
    pdf.save(out)
    return out.getvalue()
