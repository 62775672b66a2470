"""The register of processing activities as a PDF file (Plone-free).

A PDF/A-2b text document (its font embedded): the municipality's header
first, then one section per processing activity with its fields under
French headings. The register is plain text in columns a converter adds
nothing to: no template, no LibreOffice round trip.

>>> from imio.municipal.records.register import build_register
>>> data = register_pdf(build_register(), {"Commune": "Namur"}, "07/12/2026")
>>> data[:5]
b'%PDF-'
"""

from dataclasses import asdict
from imio.municipal.core.textpdf import Line
from imio.municipal.core.textpdf import text_document
from imio.municipal.records.register import Activity


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


def register_lines(activities: list[Activity], header: dict[str, str], edited: str) -> list[Line]:
    """Every line of the register, an empty line being space."""
    lines = [Line(TITLE, bold=True, size=15), Line("")]
    lines += [Line(f"{key} : {value or NOT_FILLED}") for key, value in header.items()]
    lines.append(Line(f"Édité le {edited}"))
    for activity in activities:
        lines += [Line(""), Line(f"{activity.name} ({activity.code})", bold=True, size=12)]
        row = asdict(activity)
        for field, heading in HEADINGS.items():
            lines.append(Line(heading, bold=True, indent=12))
            lines.append(Line(row[field] or NOT_FILLED, indent=24))
    return lines


def register_pdf(activities: list[Activity], header: dict[str, str], edited: str) -> bytes:
    """The register as PDF bytes; ``header`` (label: text) heads the first
    page, ``edited`` is the day it was made (dd/mm/yyyy)."""
    lines = register_lines(activities, header, edited)
    return text_document(TITLE, lines, author=header.get("Commune", ""))
