"""The Dexterity types of the sessions: folder, mandate, session.

The agenda, presences and votes live on the session as persistent records
(:mod:`imio.municipal.sessions.records`): they only exist within their
session, in its order, under its workflow.
"""

from Acquisition import aq_base
from imio.municipal import _
from imio.municipal.platform.fields import ClearChoice
from imio.municipal.platform.folders import MunicipalFolder
from imio.municipal.platform.limits import check_session_date
from imio.municipal.platform.validators import MunicipalValidationError
from imio.municipal.sessions import composition
from imio.municipal.sessions import rules
from imio.municipal.sessions.interfaces import IMandate
from imio.municipal.sessions.interfaces import ISession
from imio.municipal.sessions.interfaces import ISessionFolder
from imio.municipal.sessions.messages import message
from imio.municipal.sessions.records import SessionRecords
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.schema import Email
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _vocabulary(*terms):
    return SimpleVocabulary([SimpleTerm(value, value, title) for value, title in terms])


BODIES = _vocabulary(
    (rules.COLLEGE, _("body_college", default="Municipal college")),
    (rules.COUNCIL, _("body_conseil", default="Municipal council")),
)
FUNCTIONS = _vocabulary(
    (composition.BOURGMESTRE, _("function_bourgmestre", default="Mayor (bourgmestre)")),
    (composition.ECHEVIN, _("function_echevin", default="Alderman (échevin)")),
    (composition.PRESIDENT_CPAS, _("function_president_cpas", default="President of the CPAS")),
    (composition.CONSEILLER, _("function_conseiller", default="Councillor")),
    (composition.DIRECTEUR_GENERAL, _("function_directeur_general", default="Director general")),
    (
        composition.DIRECTEUR_FINANCIER,
        _("function_directeur_financier", default="Financial director"),
    ),
)
SESSION_KINDS = _vocabulary(
    (rules.ORDINARY, _("session_kind_ordinary", default="Ordinary")),
    (rules.URGENT, _("session_kind_urgent", default="Urgent")),
)


@implementer(ISessionFolder)
class SessionFolder(MunicipalFolder):
    """The sessions and the mandates of one municipality."""


class IMandateSchema(model.Schema):
    person = schema.TextLine(title=_("label_person", default="Person"), max_length=200)
    office = ClearChoice(title=_("label_office", default="Function"), vocabulary=FUNCTIONS)
    rank = schema.Int(
        title=_("label_rank", default="Rank"),
        description=_("help_rank", default="The rank of an alderman (1st, 2nd ...)."),
        required=False,
        min=1,
        max=20,
    )
    acting = schema.Bool(
        title=_("label_acting", default="Acting (f.f.)"),
        description=_("help_acting", default="Replaces the holder of the function."),
        required=False,
        default=False,
    )
    political_group = schema.TextLine(
        title=_("label_political_group", default="Political group"),
        required=False,
        max_length=100,
    )
    start = schema.Date(title=_("label_mandate_start", default="Start of the mandate"))
    end = schema.Date(title=_("label_mandate_end", default="End of the mandate"), required=False)
    precedence = schema.Int(
        title=_("label_precedence", default="Order of precedence"),
        required=False,
        min=1,
        max=200,
    )
    email = Email(
        title=_("label_mandate_email", default="E-mail"),
        description=_(
            "help_mandate_email",
            default="Where the convocation goes when the member has no platform account.",
        ),
        required=False,
    )
    user_id = schema.TextLine(
        title=_("label_user_id", default="Platform account"),
        description=_(
            "help_user_id",
            default="The member's login, when they use the platform; leave empty otherwise.",
        ),
        required=False,
        max_length=100,
    )

    @invariant
    def consistent(data):
        problem = composition.mandate_refusal(
            getattr(data, "office", None),
            getattr(data, "start", None),
            getattr(data, "end", None),
            getattr(data, "rank", None),
        )
        if problem:
            raise Invalid(message(problem))


@implementer(IMandate)
class Mandate(Item):
    """One person in one function for a period."""

    def Title(self):
        return self.person or ""

    def seat(self) -> composition.Seat:
        # Unwrapped: local roles are also asked at commit, when no site gives
        # the schema's defaults, and an unset field must not be acquired.
        own = aq_base(self)
        return composition.Seat(
            member_id=self.UID(),
            person=self.person,
            function=self.office,
            start=self.start,
            end=getattr(own, "end", None),
            rank=getattr(own, "rank", None),
            precedence=getattr(own, "precedence", None),
        )


def _convocation_number(value) -> bool:
    if value is not None and not 1 <= value <= rules.LAST_CONVOCATION:
        raise MunicipalValidationError(
            _(
                "error_convocation_number",
                default="A session is convened at most three times (1, 2 or 3).",
            )
        )
    return True


class ISessionSchema(model.Schema):
    body = ClearChoice(title=_("label_body", default="Body"), vocabulary=BODIES)
    session_date = schema.Date(
        title=_("label_session_date", default="Session date"),
        constraint=check_session_date,
    )
    start_time = schema.TextLine(
        title=_("label_start_time", default="Start time"),
        required=False,
        max_length=5,
    )
    place = schema.TextLine(title=_("label_place", default="Place"), required=False, max_length=200)
    kind = ClearChoice(
        title=_("label_session_kind", default="Kind of session"),
        vocabulary=SESSION_KINDS,
        default=rules.ORDINARY,
    )
    convocation_number = schema.Int(
        title=_("label_convocation_number", default="Convocation"),
        description=_(
            "help_convocation_number",
            default="2 or 3 when the previous session had no quorum (CDLD L1122-17).",
        ),
        default=1,
        constraint=_convocation_number,
    )
    convocation_sent = schema.Date(
        title=_("label_convocation_sent", default="Convocation sent on"),
        required=False,
        readonly=True,
    )


@implementer(ISession)
class Session(Container, SessionRecords):
    """A session; its agenda, presences and votes are records of its own."""

    convocation_sent = None

    def __init__(self, id=None, **kwargs):
        super().__init__(id, **kwargs)
        self.init_records()

    def Title(self):
        body = {rules.COLLEGE: "Collège communal", rules.COUNCIL: "Conseil communal"}
        day = rules.belgian(self.session_date) if self.session_date else ""
        return f"{body.get(self.body, '')} du {day}".strip()
