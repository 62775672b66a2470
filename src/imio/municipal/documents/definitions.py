"""The official documents: which template, for which type, in which states.

Plain data, read by the profile (which installs one ConfigurablePODTemplate
per entry) and by the generation condition (which refuses a template for a
type or a state it is not for). Nothing is configured through TAL stored in
the database.
"""

from dataclasses import dataclass
from imio.municipal import _
from pathlib import Path


TEMPLATES_DIR = Path(__file__).parent / "templates"
# Where the templates live: a site-level folder, private (platform admins
# only), hidden from the navigation. Users reach templates only through
# generation, which looks them up unrestricted.
FOLDER_ID = "document-templates"
FORMATS = ("odt", "pdf", "docx")
# Formats that LibreOffice must produce (ODT is rendered by appy itself).
CONVERTED = ("pdf", "docx")

ACT_ADOPTED = ("adopted", "transmitted", "executory", "published", "annulled")
DOSSIER_EXAMINED = (
    "incomplete",
    "in_progress",
    "submitted",
    "proposed",
    "decided",
    "transmitted",
    "closed",
)
DOSSIER_ALL = (
    "draft",
    "received",
    "incomplete",
    "in_progress",
    "submitted",
    "proposed",
    "decided",
    "transmitted",
    "closed",
    "withdrawn",
    "inadmissible",
)
SESSION_CLOSED = ("closed", "minutes_approved")
INQUIRY_CLOSED = ("closed",)
PIC_ALL = ("draft", "approved_council", "transmitted", "to_correct", "approved_region")


@dataclass(frozen=True)
class TemplateSpec:
    """One official document."""

    id: str
    title: str
    description: str
    portal_type: str
    states: tuple[str, ...]
    # Values the document cannot do without: helper method names, checked
    # before rendering (a clear refusal instead of a broken document).
    required: tuple[str, ...] = ()
    # A helper method that must answer True too (e.g. "under_tutelle").
    condition: str | None = None
    formats: tuple[str, ...] = FORMATS
    # False: rendered only by the product itself (never offered as a link nor
    # generated on request, whoever asks).
    on_demand: bool = True

    @property
    def path(self) -> Path:
        return TEMPLATES_DIR / f"{self.id}.odt"


_SPECS = (
    TemplateSpec(
        id="deliberation",
        title=_("document_deliberation", default="Deliberation"),
        description=_(
            "document_deliberation_help",
            default="The act as adopted: heading, motivation, decision, vote, signatures.",
        ),
        portal_type="Act",
        states=ACT_ADOPTED,
        required=("raw_number", "raw_session_date", "raw_decision"),
    ),
    TemplateSpec(
        id="register_extract",
        title=_("document_register_extract", default="Extract of the register"),
        description=_(
            "document_register_extract_help",
            default="Certified copy of the act (« pour extrait conforme »).",
        ),
        portal_type="Act",
        states=ACT_ADOPTED,
        required=("raw_number", "raw_session_date", "raw_decision"),
    ),
    TemplateSpec(
        id="transmission_letter",
        title=_("document_transmission_letter", default="Transmission letter to the tutelle"),
        description=_(
            "document_transmission_letter_help",
            default="Cover letter sending the act and its justificatory pieces to the "
            "tutelle authority.",
        ),
        portal_type="Act",
        states=ACT_ADOPTED,
        required=("raw_number", "raw_session_date"),
        condition="under_tutelle",
    ),
    TemplateSpec(
        id="acknowledgement",
        title=_("document_acknowledgement", default="Acknowledgement of receipt"),
        description=_(
            "document_acknowledgement_help",
            default="To the applicant: complete (with the decision deadline) or "
            "incomplete (with the missing pieces and the 180-day limit).",
        ),
        portal_type="Dossier",
        states=DOSSIER_EXAMINED,
        required=("raw_reference", "raw_received_date", "raw_acknowledgement_dates"),
    ),
    TemplateSpec(
        id="dossier_summary",
        title=_("document_dossier_summary", default="Case file summary"),
        description=_(
            "document_dossier_summary_help",
            default="Identity, applicants, deadlines and history of the case file.",
        ),
        portal_type="Dossier",
        states=DOSSIER_ALL,
    ),
    TemplateSpec(
        id="pic_summary",
        title=_("document_pic_summary", default="PIC plan summary"),
        description=_(
            "document_pic_summary_help",
            default="The investments of the plan with their totals against the envelope.",
        ),
        portal_type="InvestmentPlan",
        states=PIC_ALL,
    ),
    TemplateSpec(
        id="minutes",
        title=_("document_minutes", default="Minutes"),
        description=_(
            "document_minutes_help",
            default="The minutes of a closed session: presences, each item with its "
            "decision and vote, the closed-session part apart, approval and signatures.",
        ),
        portal_type="Session",
        states=SESSION_CLOSED,
        required=("raw_session_date",),
        formats=("pdf", "odt"),
    ),
    TemplateSpec(
        id="inquiry_report",
        title=_("document_inquiry_report", default="Public inquiry report"),
        description=_(
            "document_inquiry_report_help",
            default="Written when the inquiry closes: the number of observations and a "
            "summary of each. Confidential (personal data), kept in the case file.",
        ),
        portal_type="Inquiry",
        states=INQUIRY_CLOSED,
        formats=("pdf",),
        on_demand=False,
    ),
)

#: Every official document, by id (also the id of its template in the site).
SPECS = {spec.id: spec for spec in _SPECS}


def specs_for(portal_type: str) -> list[TemplateSpec]:
    return [spec for spec in _SPECS if spec.portal_type == portal_type]
