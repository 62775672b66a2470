"""The inquiry's report: how many observations and what each says, an
official document (the ``inquiry_report`` POD template) rendered to PDF/A
when the inquiry closes, then kept in the case file as a confidential annex.

The observations are personal data: the report names their authors, so it
is never public, and its template is rendered only here, never from a
« Documents » card.
"""

from collections import namedtuple
from collective.documentgenerator.browser.generation_view import DocumentGenerationView
from imio.municipal.core.calendar import belgian_date
from imio.municipal.core.calendar import BRUSSELS
from imio.municipal.documents.generation import GenerationMixin
from imio.municipal.documents.helpers import MunicipalHelper
from imio.municipal.documents.rendering import render_pdf
from imio.municipal.inquiries import rules
from imio.municipal.inquiries.observations import all_observations


TEMPLATE_ID = "inquiry_report"
TITLE = "Rapport d'enquête publique"
EXCERPT = 600
Row = namedtuple("Row", "label value")
Summary = namedtuple("Summary", "number author submitted excerpt")


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The observation on one line, cut at a word past ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " […]"


def author_of(record) -> str:
    """The author as the report names him, and how the observation came."""
    name = record["name"] or "Citoyen"
    if record.get("email_confirmed"):
        return f"{name} (adresse e-mail confirmée)"
    return name


def summaries(observations: list) -> list[Summary]:
    return [
        Summary(
            number,
            author_of(record),
            f"{record['submitted'].astimezone(BRUSSELS):%d/%m/%Y à %H:%M}",
            excerpt(record["text"]),
        )
        for number, record in enumerate(observations, 1)
    ]


class InquiryReportHelper(MunicipalHelper):
    """What the report prints (``view`` in the template)."""

    def dossier(self):
        return self.obj.__parent__

    def reference(self) -> str:
        dossier = self.dossier()
        return getattr(dossier, "reference", None) or dossier.getId()

    def service_title(self) -> str:
        code = getattr(self.dossier(), "responsible_service", None)
        return self.municipality().service_titles.get(code, code or "")

    def inquiry_rows(self) -> list[Row]:
        inquiry = self.obj
        return [
            Row("Projet", inquiry.Title()),
            Row("Localisation", inquiry.location or ""),
            Row(
                "Période",
                f"du {belgian_date(inquiry.start)} au {belgian_date(inquiry.end)}",
            ),
            Row("Base légale", f"{rules.INQUIRY_DAYS} jours — {rules.LEGAL_BASIS}"),
        ]

    def observations(self) -> list:
        return all_observations(self.obj)

    def observation_count(self) -> int:
        return len(self.observations())

    def observation_count_sentence(self) -> str:
        records = self.observations()
        people = len({record["author"] for record in records})
        noun = "personne" if people == 1 else "personnes"
        by_email = sum(1 for record in records if record.get("email_confirmed"))
        how = (
            f", dont {by_email} avec une adresse e-mail confirmée (sans connexion)"
            if by_email
            else ""
        )
        return (
            f"{len(records)} observation(s) envoyée(s) par {people} {noun}{how}. "
            "Résumé de chacune :"
        )

    def summaries(self) -> list[Summary]:
        return summaries(self.observations())


class InquiryReportRenderer(GenerationMixin, DocumentGenerationView):
    """The report's PDF/A, through the official documents' pipeline."""

    def document_metadata(self):
        _title, author, _subject = super().document_metadata()
        dossier = self.context.__parent__
        reference = getattr(dossier, "reference", None) or dossier.getId()
        # The document is French whatever the site's language.
        return f"{TITLE} {reference}", author, self.context.Title()


def render_report(inquiry, request) -> bytes:
    """The report of a closed ``inquiry`` as PDF/A, or a refusal with its reason."""
    return render_pdf(InquiryReportRenderer(inquiry, request), TEMPLATE_ID, request, internal=True)
