"""The Dossier type: a case file of a municipal service."""

from collective.z3cform.datagridfield.row import DictRow
from imio.municipal import _
from imio.municipal.core.calendar import belgian_date
from imio.municipal.dossiers import procedures
from imio.municipal.dossiers.queue.catalog_index import QUEUE_INDEX
from imio.municipal.dossiers.queue.catalog_index import SOURCES as QUEUE_SOURCES
from imio.municipal.interfaces import IDossier
from imio.municipal.platform.datagrid import constrained_datagrid_validator
from imio.municipal.platform.datagrid import DataGridWidget
from imio.municipal.platform.fields import ClearChoice
from imio.municipal.platform.limits import ADDRESS_CHARS
from imio.municipal.platform.limits import chars
from imio.municipal.platform.limits import check_past_date
from imio.municipal.platform.limits import check_planned_date
from imio.municipal.platform.limits import items
from imio.municipal.platform.own_service import own_service
from imio.municipal.platform.validators import validate_applicants
from imio.municipal.platform.validators import validate_not_negative
from imio.municipal.platform.validators import validate_parcel
from plone.app.z3cform.widgets.select import AjaxSelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.schema.email import Email
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


APPLICANT_KINDS = SimpleVocabulary(
    [
        SimpleTerm("person", "person", _("applicant_person", default="Person")),
        SimpleTerm("company", "company", _("applicant_company", default="Company")),
    ]
)

# Fields the workflow and the deadline computation fill: shown, never typed.
COMPUTED_FIELDS = (
    "reference",
    "completeness_deadline",
    "decision_deadline",
    "completion_limit",
)


DECISIONS = SimpleVocabulary(
    [
        SimpleTerm("granted", "granted", _("decision_granted", default="Granted")),
        SimpleTerm("refused", "refused", _("decision_refused", default="Refused")),
    ]
)


class IApplicant(Interface):
    """A row of the applicants table. Checks run on the whole table
    (validate_applicants), since the datagrid runs no row invariant."""

    kind = schema.Choice(
        title=_("label_applicant_kind", default="Kind"),
        vocabulary=APPLICANT_KINDS,
        default="person",
    )
    name = schema.TextLine(title=_("label_applicant_name", default="Name"), constraint=chars())
    niss = schema.TextLine(
        title=_("label_niss", default="NISS or BIS number"),
        required=False,
        constraint=chars(),
    )
    bce = schema.TextLine(
        title=_("label_bce", default="BCE number"), required=False, constraint=chars()
    )
    address = schema.TextLine(
        title=_("label_address", default="Address"),
        required=False,
        constraint=chars(ADDRESS_CHARS),
    )
    email = Email(title=_("label_email", default="E-mail"), required=False, constraint=chars())
    phone = schema.TextLine(
        title=_("label_phone", default="Phone"), required=False, constraint=chars()
    )
    contact = schema.TextLine(
        title=_("label_contact", default="Contact person"),
        required=False,
        constraint=chars(),
    )


APPLICANT_KEYS = tuple(schema.getFieldNames(IApplicant))


class IDossierSchema(model.Schema):
    """Fields of a case file (title and description come from plone.basic)."""

    model.fieldset(
        "deadlines",
        label=_("fieldset_deadlines", default="Dates and deadlines"),
        fields=[
            "received_date",
            "completeness_date",
            "delegated_officer",
            "opinions_requested",
            "public_inquiry",
            "extension_days",
            "due_date",
            "missing_pieces",
            "incompleteness_date",
            "complements_received_date",
            "completeness_deadline",
            "decision_deadline",
            "completion_limit",
            "decision",
            "decision_date",
        ],
    )
    model.fieldset(
        "privacy",
        label=_("fieldset_privacy", default="Personal data"),
        fields=["personal_data", "retention_years"],
    )
    model.fieldset(
        "links",
        label=_("fieldset_links", default="Links"),
        fields=["linked_acts"],
    )

    reference = schema.TextLine(
        title=_("label_reference", default="Reference"),
        description=_(
            "help_reference",
            default="Assigned when the file is received: year/procedure/number.",
        ),
        required=False,
        readonly=True,
    )

    procedure = ClearChoice(
        title=_("label_procedure", default="Procedure"),
        vocabulary="imio.municipal.vocabularies.Procedures",
        default="pu",
    )

    responsible_service = ClearChoice(
        title=_("label_responsible_service", default="Responsible service"),
        description=_(
            "help_responsible_service",
            default="Its agents handle the file, its head of service proposes it.",
        ),
        vocabulary="imio.municipal.vocabularies.Services",
        defaultFactory=own_service,
    )

    assigned_agent = ClearChoice(
        title=_("label_assigned_agent", default="Assigned agent"),
        vocabulary="imio.municipal.vocabularies.MunicipalStaff",
        required=False,
    )

    directives.widget("applicants", DataGridWidget, allow_reorder=True)
    applicants = schema.List(
        title=_("label_applicants", default="Applicants"),
        description=_(
            "help_applicants",
            default="A person (with NISS or BIS number) or a company (with BCE number).",
        ),
        value_type=DictRow(title=_("label_applicant", default="Applicant"), schema=IApplicant),
        constraint=items(then=validate_applicants),
        required=True,
    )

    location_address = schema.Text(
        title=_("label_location_address", default="Address of the property"),
        required=False,
        constraint=chars(ADDRESS_CHARS),
    )

    parcels = schema.List(
        title=_("label_parcels", default="Cadastral parcels"),
        description=_(
            "help_parcels",
            default="One CaPaKey per line, e.g. 92094A0123/00B000.",
        ),
        value_type=schema.TextLine(constraint=validate_parcel),
        required=False,
        default=[],
        constraint=items(),
    )

    received_date = schema.Date(
        title=_("label_received_date", default="Received on"),
        description=_("help_received_date", default="Today when left empty at receipt."),
        required=False,
        constraint=check_past_date,
    )
    completeness_date = schema.Date(
        title=_("label_completeness_date", default="Complete on"),
        description=_(
            "help_completeness_date",
            default="The day the file was found complete: the decision delay runs from it.",
        ),
        required=False,
        constraint=check_past_date,
    )
    delegated_officer = schema.Bool(
        title=_("label_delegated_officer", default="Delegated officer consulted"),
        required=False,
        default=False,
    )
    opinions_requested = schema.Bool(
        title=_("label_opinions_requested", default="External opinions requested"),
        required=False,
        default=False,
    )
    public_inquiry = schema.Bool(
        title=_("label_public_inquiry", default="Public inquiry"),
        required=False,
        default=False,
    )
    extension_days = schema.Int(
        title=_("label_extension_days", default="Extension (days)"),
        description=_(
            "help_extension_days",
            default="Days added to the decision delay when it is extended.",
        ),
        required=False,
        default=0,
        constraint=validate_not_negative,
    )
    due_date = schema.Date(
        title=_("label_due_date", default="Due date"),
        description=_(
            "help_due_date",
            default="For a generic case file: the date it should be handled by.",
        ),
        required=False,
        constraint=check_planned_date,
    )
    missing_pieces = schema.List(
        title=_("label_missing_pieces", default="Missing pieces"),
        description=_(
            "help_missing_pieces",
            default="One piece per line: sent to the applicant when the file is incomplete.",
        ),
        value_type=schema.TextLine(constraint=chars()),
        required=False,
        default=[],
        constraint=items(),
    )
    incompleteness_date = schema.Date(
        title=_("label_incompleteness_date", default="Pieces requested on"),
        required=False,
        constraint=check_past_date,
    )
    complements_received_date = schema.Date(
        title=_("label_complements_received_date", default="Complements received on"),
        required=False,
        constraint=check_past_date,
    )

    completeness_deadline = schema.Date(
        title=_("label_completeness_deadline", default="Acknowledgement due by"),
        required=False,
        readonly=True,
    )
    decision_deadline = schema.Date(
        title=_("label_decision_deadline", default="Decision due by"),
        required=False,
        readonly=True,
    )
    completion_limit = schema.Date(
        title=_("label_completion_limit", default="To be completed by"),
        description=_(
            "help_completion_limit",
            default="After this date an incomplete file is inadmissible.",
        ),
        required=False,
        readonly=True,
    )

    decision = ClearChoice(
        title=_("label_dossier_decision", default="Decision"),
        description=_(
            "help_dossier_decision",
            default="Recorded with the decision; the decision document is an annex of "
            "category « Decision ».",
        ),
        vocabulary=DECISIONS,
        required=False,
    )
    decision_date = schema.Date(
        title=_("label_dossier_decision_date", default="Decided on"),
        required=False,
        constraint=check_past_date,
    )

    personal_data = schema.Bool(
        title=_("label_personal_data", default="Contains personal data"),
        required=False,
        default=True,
    )
    retention_years = schema.Int(
        title=_("label_retention_years", default="Retention period (years)"),
        required=False,
        default=30,
        min=1,
        max=100,
    )

    directives.widget(
        "linked_acts",
        AjaxSelectFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"recentlyUsed": False, "selectableTypes": ["Act"]},
    )
    linked_acts = RelationList(
        title=_("label_linked_acts", default="Linked acts"),
        value_type=RelationChoice(
            title=_("label_linked_act", default="Act"),
            vocabulary="plone.app.vocabularies.Catalog",
        ),
        required=False,
        default=[],
        constraint=items(),
    )

    @invariant
    def dates_in_order(data):
        received = getattr(data, "received_date", None)
        complete = getattr(data, "completeness_date", None)
        if received and complete and complete < received:
            raise Invalid(
                _(
                    "error_completeness_before_receipt",
                    default="The file cannot be complete (${complete}) before it "
                    "was received (${received}).",
                    mapping={
                        "complete": belgian_date(complete),
                        "received": belgian_date(received),
                    },
                )
            )
        requested = getattr(data, "incompleteness_date", None)
        complements = getattr(data, "complements_received_date", None)
        if requested and complements and complements < requested:
            raise Invalid(
                _(
                    "error_complements_before_request",
                    default="Complements cannot arrive (${complements}) before "
                    "they were requested (${requested}).",
                    mapping={
                        "complements": belgian_date(complements),
                        "requested": belgian_date(requested),
                    },
                )
            )

    @invariant
    def extension_allowed(data):
        extension = getattr(data, "extension_days", None) or 0
        code = getattr(data, "procedure", None)
        if not extension or code not in procedures.PROCEDURES:
            return
        procedure = procedures.get(code)
        if procedure.decision_delay() is None:
            raise Invalid(
                _(
                    "error_extension_without_delay",
                    default="This procedure has no legal decision delay to extend.",
                )
            )
        maximum = procedure.max_extension_days
        if maximum is not None and extension > maximum:
            raise Invalid(
                _(
                    "error_extension_too_long",
                    default="The decision delay can be extended by at most ${maximum} "
                    "days (${article}); ${extension} days asked.",
                    mapping={
                        "maximum": maximum,
                        "article": procedure.article,
                        "extension": extension,
                    },
                )
            )


@implementer(IDossier)
class Dossier(Container):
    """A case file; reference and deadlines are set by the workflow and events."""

    reference = None
    completeness_deadline = None
    decision_deadline = None
    completion_limit = None

    def reindexObject(self, idxs=[], update_metadata=1, uid=None):  # noqa: B006 (CMFCore's)
        # A transition reindexes review_state, a sharing change
        # allowedRolesAndUsers, new deadlines current_deadline: the queue
        # holds those values too, so it follows each of them.
        if idxs and QUEUE_INDEX not in idxs and any(name in QUEUE_SOURCES for name in idxs):
            idxs = [*idxs, QUEUE_INDEX]
        super().reindexObject(idxs=idxs, update_metadata=update_metadata, uid=uid)

    def applicant_names(self) -> list[str]:
        return [row.get("name") or "" for row in (self.applicants or [])]


ApplicantsValidator = constrained_datagrid_validator(IDossierSchema["applicants"])
