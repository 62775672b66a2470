"""The inquiry's report: how many observations and what they say, as a PDF
joining the case file when the inquiry closes.

Written with the e-counter's one-page PDF writer, one call per page, the
pages then joined: a plain PDF rather than a POD template (see the docs).
"""

from imio.municipal.core.calendar import belgian_date
from imio.municipal.core.calendar import BRUSSELS
from imio.municipal.counter.receipt import receipt_pdf
from imio.municipal.counter.receipt import ReceiptLine
from imio.municipal.inquiries import rules

import io
import pikepdf
import textwrap


LINES_PER_PAGE = 40
WIDTH = 88
EXCERPT = 600
TITLE = "Rapport d'enquête publique"


def report_lines(municipality: str, inquiry, reference: str, observations: list) -> list:
    period = inquiry.period()
    lines = [
        ReceiptLine(f"Commune : {municipality}", bold=True),
        ReceiptLine(f"Dossier : {reference}"),
        ReceiptLine(f"Projet : {inquiry.Title()}"),
        ReceiptLine(f"Localisation : {inquiry.location}"),
        ReceiptLine(
            f"Enquête du {belgian_date(period.start)} au {belgian_date(period.end)} "
            f"({rules.INQUIRY_DAYS} jours, {rules.LEGAL_BASIS})"
        ),
        ReceiptLine(""),
        ReceiptLine(f"Nombre d'observations reçues en ligne : {len(observations)}", bold=True),
    ]
    if observations:
        authors = {record["author"] for record in observations}
        lines.append(ReceiptLine(f"Nombre de personnes : {len(authors)}"))
        lines.append(ReceiptLine(""))
        lines.append(ReceiptLine("Résumé des observations :", bold=True))
    else:
        lines.append(ReceiptLine("Aucune observation n'a été reçue en ligne."))
    for number, record in enumerate(observations, 1):
        day = record["submitted"].astimezone(BRUSSELS)
        lines.append(
            ReceiptLine(f"{number}. {record['name'] or 'Citoyen'}, le {day:%d/%m/%Y à %H:%M}", True)
        )
        text = " ".join(record["text"].split())
        if len(text) > EXCERPT:
            text = text[:EXCERPT].rsplit(" ", 1)[0] + " […]"
        lines.extend(ReceiptLine("    " + part) for part in textwrap.wrap(text, WIDTH - 4))
    lines.append(ReceiptLine(""))
    lines.append(
        ReceiptLine(
            "Les observations complètes sont conservées avec le dossier ; elles contiennent "
            "des données personnelles et ne sont pas publiées."
        )
    )
    return lines


def report_pdf(lines: list) -> bytes:
    wrapped = []
    for line in lines:
        parts = textwrap.wrap(line.text, WIDTH, subsequent_indent="    ") or [""]
        wrapped.extend(ReceiptLine(part, line.bold) for part in parts)
    pages = [wrapped[i : i + LINES_PER_PAGE] for i in range(0, len(wrapped), LINES_PER_PAGE)]
    document = pikepdf.new()
    # The pages' sources stay open until the joined document is saved.
    sources = []
    try:
        for number, page_lines in enumerate(pages, 1):
            title = TITLE if len(pages) == 1 else f"{TITLE} ({number}/{len(pages)})"
            sources.append(pikepdf.open(io.BytesIO(receipt_pdf(title, page_lines))))
            document.pages.extend(sources[-1].pages)
        document.docinfo["/Title"] = TITLE
        document.docinfo["/Producer"] = "imio.municipal"
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    finally:
        for source in sources:
            source.close()
    return out.getvalue()
