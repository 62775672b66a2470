"""The Inquiry type: the public notice of an inquiry, inside its case file.

The end date is never typed: it follows from the start date (see
:mod:`imio.municipal.inquiries.rules`), set on every change of the start.
The observations are records of the inquiry (:mod:`.observations`), never
fields: no form nor serializer can show them.
"""

from imio.municipal import _
from imio.municipal.inquiries import rules
from imio.municipal.inquiries.interfaces import IInquiry
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


HOW_TO_REACT = (
    "Les observations écrites peuvent être envoyées en ligne, après connexion au guichet "
    "électronique ou avec une adresse e-mail que vous confirmez, entre la date de début et "
    "la date de fin de l'enquête, ou adressées par "
    "courrier au collège communal. Le dossier peut être consulté à l'administration "
    "communale, sur rendez-vous."
)


class IInquirySchema(model.Schema):
    title = schema.TextLine(title=_("label_inquiry_project", default="Project"), max_length=300)
    location = schema.TextLine(
        title=_("label_inquiry_location", default="Location"), max_length=300
    )
    start = schema.Date(title=_("label_inquiry_start", default="First day of the inquiry"))
    end = schema.Date(
        title=_("label_inquiry_end", default="Last day of the inquiry (computed)"),
        required=False,
        readonly=True,
    )
    how_to_react = schema.Text(
        title=_("label_inquiry_how_to_react", default="How to react"),
        max_length=3000,
        default=HOW_TO_REACT,
    )
    released_documents = schema.List(
        title=_("label_inquiry_released", default="Documents released for the inquiry"),
        description=_(
            "help_inquiry_released",
            default="Publishable annexes of the case file, already masked.",
        ),
        value_type=schema.ASCIILine(),
        required=False,
        default=[],
    )


@implementer(IInquiry)
class Inquiry(Item):
    end = None
    released_documents = ()

    def compute_end(self) -> None:
        self.end = rules.inquiry_end(self.start) if self.start else None

    def period(self) -> rules.Period:
        return rules.Period(self.start, self.end)


def start_changed(inquiry, event) -> None:
    inquiry.compute_end()
    inquiry.reindexObject()
