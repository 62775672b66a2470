"""The Act type: deliberations, decisions, orders, regulations, ordinances."""

from collective.z3cform.datagridfield.row import DictRow
from imio.municipal import _
from imio.municipal.acts import rules as act_rules
from imio.municipal.acts import tutelle
from imio.municipal.interfaces import IAct
from imio.municipal.platform.datagrid import DataGridWidget
from imio.municipal.platform.fields import ClearChoice
from imio.municipal.platform.limits import chars
from imio.municipal.platform.limits import check_past_date
from imio.municipal.platform.limits import check_session_date
from imio.municipal.platform.limits import items
from imio.municipal.platform.limits import rich_text
from imio.municipal.platform.limits import TEXT_CHARS
from imio.municipal.platform.money_widget import MoneyField
from imio.municipal.platform.own_service import own_service
from imio.municipal.platform.validators import MunicipalValidationError
from imio.municipal.platform.validators import validate_not_negative
from plone.app.textfield import RichText
from plone.app.z3cform.widgets.select import AjaxSelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import invariant


CONTENT = "imio.municipal.EditActContent"
OVERRIDE = "imio.municipal.OverrideTutelleRegime"
# The tutelle and publication blocks are the secretariat's business.
TUTELLE = "imio.municipal.ManageTutelle"
# The acts are written in the editor only: no text format selector above it.
HTML_ONLY = {
    "default_mime_type": "text/html",
    "output_mime_type": "text/x-html-safe",
    "allowed_mime_types": ("text/html",),
}

# Frozen at adoption: only the secretariat corrects them, with a comment.
FROZEN_FIELDS = (
    "kind",
    "body",
    "matter",
    "session_date",
    "motivation",
    "decision",
    "legal_basis",
    "members_present",
    "votes_for",
    "votes_against",
    "votes_abstention",
    "unanimity",
    "signatories",
)


def not_negative_amount(value) -> bool:
    if value is not None and value < 0:
        raise MunicipalValidationError(
            _(
                "error_negative_amount",
                default="${value} is negative: an amount is 0 or more.",
                mapping={"value": str(value)},
            )
        )
    return True


class ISignatory(Interface):
    name = schema.TextLine(title=_("label_signatory_name", default="Name"), constraint=chars())
    function = schema.TextLine(
        title=_("label_signatory_function", default="Function"), constraint=chars()
    )


class IActSchema(model.Schema):
    """Fields of an act (title and description come from plone.basic)."""

    model.fieldset(
        "vote",
        label=_("fieldset_vote", default="Session and vote"),
        fields=[
            "session_date",
            "members_present",
            "votes_for",
            "votes_against",
            "votes_abstention",
            "unanimity",
            "signatories",
        ],
    )
    model.fieldset(
        "tutelle",
        label=_("fieldset_tutelle", default="Tutelle"),
        fields=[
            "tutelle_regime",
            "regime_override",
            "regime_justification",
            "transmission_date",
            "tutelle_receipt_date",
            "tutelle_extension_days",
            "tutelle_deadline",
            "tutelle_outcome",
            "tutelle_outcome_date",
        ],
    )
    model.fieldset(
        "publication",
        label=_("fieldset_publication", default="Publication"),
        fields=[
            "is_regulation",
            "persons_concerned",
            "modifies",
            "repeals",
            "publication_date",
            "binding_date",
        ],
    )

    number = schema.TextLine(
        title=_("label_act_number", default="Number"),
        description=_(
            "help_act_number",
            default="Assigned at adoption: year/body/number, gapless.",
        ),
        required=False,
        readonly=True,
    )

    directives.write_permission(kind=CONTENT, body=CONTENT, matter=CONTENT)
    kind = ClearChoice(
        title=_("label_act_kind", default="Kind of act"),
        vocabulary="imio.municipal.vocabularies.ActKinds",
        default="deliberation",
    )
    body = ClearChoice(
        title=_("label_act_body", default="Deciding body"),
        vocabulary="imio.municipal.vocabularies.Bodies",
        default="conseil",
    )
    matter = ClearChoice(
        title=_("label_act_matter", default="Matter"),
        description=_(
            "help_act_matter",
            default="Determines the tutelle regime (CDLD).",
        ),
        vocabulary="imio.municipal.vocabularies.Matters",
        default="other",
    )

    responsible_service = ClearChoice(
        title=_("label_responsible_service", default="Responsible service"),
        vocabulary="imio.municipal.vocabularies.Services",
        defaultFactory=own_service,
    )

    directives.write_permission(motivation=CONTENT, decision=CONTENT, legal_basis=CONTENT)
    motivation = RichText(
        title=_("label_motivation", default="Motivation"),
        description=_("help_motivation", default="« Vu … », « Considérant … »"),
        required=False,
        constraint=rich_text,
        **HTML_ONLY,
    )
    decision = RichText(
        title=_("label_decision", default="Decision"),
        description=_("help_decision", default="« DÉCIDE : Article 1 … »"),
        required=False,
        constraint=rich_text,
        **HTML_ONLY,
    )
    legal_basis = schema.Text(
        title=_("label_legal_basis", default="Legal basis"),
        required=False,
        constraint=chars(TEXT_CHARS),
    )
    directives.write_permission(financial_impact=CONTENT)
    financial_impact = MoneyField(
        title=_("label_financial_impact", default="Financial impact excl. VAT (€)"),
        description=_(
            "help_financial_impact",
            default="Above 22 000 € excluding VAT the written legality advice of the "
            "directeur financier is compulsory before the act goes on the agenda "
            "(CDLD L1124-40).",
        ),
        required=False,
        constraint=not_negative_amount,
    )

    directives.write_permission(
        session_date=CONTENT,
        members_present=CONTENT,
        votes_for=CONTENT,
        votes_against=CONTENT,
        votes_abstention=CONTENT,
        unanimity=CONTENT,
        signatories=CONTENT,
    )
    session_date = schema.Date(
        title=_("label_session_date", default="Session date"),
        required=False,
        constraint=check_session_date,
    )
    members_present = schema.Int(
        title=_("label_members_present", default="Members present"),
        required=False,
        constraint=validate_not_negative,
    )
    votes_for = schema.Int(
        title=_("label_votes_for", default="Votes for"),
        required=False,
        constraint=validate_not_negative,
    )
    votes_against = schema.Int(
        title=_("label_votes_against", default="Votes against"),
        required=False,
        constraint=validate_not_negative,
    )
    votes_abstention = schema.Int(
        title=_("label_votes_abstention", default="Abstentions"),
        required=False,
        constraint=validate_not_negative,
    )
    unanimity = schema.Bool(
        title=_("label_unanimity", default="Unanimity"),
        required=False,
        default=False,
    )
    directives.widget("signatories", DataGridWidget)
    signatories = schema.List(
        title=_("label_signatories", default="Signatories"),
        description=_(
            "help_signatories",
            default="The directeur général and the mayor (or their deputies).",
        ),
        value_type=DictRow(title=_("label_signatory", default="Signatory"), schema=ISignatory),
        required=False,
        constraint=items(),
        default=[],
    )

    directives.widget(
        "related_dossier",
        AjaxSelectFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"recentlyUsed": False, "selectableTypes": ["Dossier"]},
    )
    related_dossier = RelationChoice(
        title=_("label_related_dossier", default="Related case file"),
        vocabulary="plone.app.vocabularies.Catalog",
        required=False,
    )

    tutelle_regime = schema.TextLine(
        title=_("label_tutelle_regime", default="Tutelle regime"),
        description=_(
            "help_tutelle_regime",
            default="From the matter, unless the secretariat overrides it.",
        ),
        required=False,
        readonly=True,
    )
    directives.write_permission(regime_override=OVERRIDE, regime_justification=OVERRIDE)
    regime_override = ClearChoice(
        title=_("label_regime_override", default="Regime decided by the secretariat"),
        vocabulary="imio.municipal.vocabularies.TutelleRegimes",
        required=False,
    )
    regime_justification = schema.Text(
        title=_("label_regime_justification", default="Justification of the regime"),
        required=False,
        constraint=chars(TEXT_CHARS),
    )
    directives.write_permission(
        transmission_date=TUTELLE,
        tutelle_receipt_date=TUTELLE,
        tutelle_extension_days=TUTELLE,
        tutelle_outcome=TUTELLE,
        tutelle_outcome_date=TUTELLE,
        is_regulation=TUTELLE,
        publication_date=TUTELLE,
    )
    transmission_date = schema.Date(
        title=_("label_transmission_date", default="Transmitted on"),
        required=False,
        constraint=check_past_date,
    )
    tutelle_receipt_date = schema.Date(
        title=_("label_tutelle_receipt_date", default="Received by the authority on"),
        description=_(
            "help_tutelle_receipt_date",
            default="With its justificatory pieces: the tutelle delay runs from the day after.",
        ),
        required=False,
        constraint=check_past_date,
    )
    tutelle_extension_days = schema.Int(
        title=_("label_tutelle_extension_days", default="Extension of the tutelle delay (days)"),
        required=False,
        default=0,
        constraint=validate_not_negative,
    )
    tutelle_deadline = schema.Date(
        title=_("label_tutelle_deadline", default="Tutelle deadline"),
        required=False,
        readonly=True,
    )
    tutelle_outcome = ClearChoice(
        title=_("label_tutelle_outcome", default="Outcome of the tutelle"),
        vocabulary="imio.municipal.vocabularies.TutelleOutcomes",
        required=False,
    )
    tutelle_outcome_date = schema.Date(
        title=_("label_tutelle_outcome_date", default="Outcome on"),
        required=False,
        constraint=check_past_date,
    )

    is_regulation = schema.Bool(
        title=_("label_is_regulation", default="Regulation or ordinance (to publish)"),
        required=False,
        default=False,
    )
    persons_concerned = schema.Text(
        title=_("label_persons_concerned", default="Persons concerned"),
        description=_(
            "help_persons_concerned",
            default="The private persons the act names, one per line: name, then the "
            "address after a comma (« Jean Dupont, rue de Fer 25, 5000 Namur »). Their "
            "names and addresses are masked in the public version, like the applicants "
            "of the related case file.",
        ),
        required=False,
        constraint=chars(TEXT_CHARS),
    )
    directives.widget(
        "modifies",
        AjaxSelectFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"recentlyUsed": False, "selectableTypes": ["Act"]},
    )
    modifies = RelationList(
        title=_("label_act_modifies", default="Modifies"),
        description=_("help_act_modifies", default="The regulations this act modifies."),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
        constraint=items(),
    )
    directives.widget(
        "repeals",
        AjaxSelectFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"recentlyUsed": False, "selectableTypes": ["Act"]},
    )
    repeals = RelationList(
        title=_("label_act_repeals", default="Repeals"),
        description=_("help_act_repeals", default="The regulations this act repeals."),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
        constraint=items(),
    )
    publication_date = schema.Date(
        title=_("label_publication_date", default="Published on"),
        required=False,
        constraint=check_past_date,
    )
    binding_date = schema.Date(
        title=_("label_binding_date", default="Binding from"),
        description=_("help_binding_date", default="The 5th day after publication (CDLD L1133-2)."),
        required=False,
        readonly=True,
    )

    @invariant
    def votes_add_up(data):
        check_votes(
            getattr(data, "members_present", None),
            getattr(data, "votes_for", None),
            getattr(data, "votes_against", None),
            getattr(data, "votes_abstention", None),
            getattr(data, "unanimity", False),
        )

    @invariant
    def tutelle_consistent(data):
        check_tutelle(data)

    @invariant
    def body_fits_the_kind(data):
        kind, body = getattr(data, "kind", None), getattr(data, "body", None)
        if kind in tutelle.KINDS and body in tutelle.BODIES:
            if not tutelle.body_allowed(kind, body):
                raise Invalid(
                    _(
                        "error_body_not_allowed",
                        default="This kind of act is not decided by this body.",
                    )
                )


def check_votes(present, for_, against, abstention, unanimity) -> None:
    """The votes cast add up to the members present (when given)."""
    counts = [for_, against, abstention]
    if unanimity and (against or abstention):
        raise Invalid(
            _(
                "error_unanimity_with_votes_against",
                default="A unanimous vote has no vote against and no abstention.",
            )
        )
    if present is None or all(count is None for count in counts):
        return
    total = sum(count or 0 for count in counts)
    if total != present:
        raise Invalid(
            _(
                "error_votes_do_not_add_up",
                default="${total} votes (${for_} for, ${against} against, ${abstention} "
                "abstentions) for ${present} members present: they must add up.",
                mapping={
                    "total": total,
                    "for_": for_ or 0,
                    "against": against or 0,
                    "abstention": abstention or 0,
                    "present": present,
                },
            )
        )


def effective_regime(matter: str | None, override: str | None) -> str:
    if override:
        return override
    return tutelle.regime_for(matter) if matter in tutelle.MATTERS else tutelle.NONE


def check_tutelle(data) -> None:
    override = getattr(data, "regime_override", None)
    if override and not (getattr(data, "regime_justification", None) or "").strip():
        raise Invalid(
            _(
                "error_override_without_justification",
                default="Overriding the tutelle regime needs a justification.",
            )
        )
    regime = effective_regime(getattr(data, "matter", None), override)
    extension = getattr(data, "tutelle_extension_days", None) or 0
    maximum = tutelle.REGIMES[regime].max_extension_days or 0
    if extension > maximum:
        raise Invalid(
            _(
                "error_tutelle_extension",
                default="The tutelle delay can be extended by at most ${maximum} days "
                "(${extension} asked).",
                mapping={"maximum": maximum, "extension": extension},
            )
        )
    check_tutelle_dates(data)
    transmitted = getattr(data, "transmission_date", None)
    received = getattr(data, "tutelle_receipt_date", None)
    if transmitted and received and received < transmitted:
        raise Invalid(
            _(
                "error_receipt_before_transmission",
                default="The authority cannot receive the act (${received}) before it "
                "was transmitted (${transmitted}).",
                mapping={"received": received.isoformat(), "transmitted": transmitted.isoformat()},
            )
        )
    outcome = getattr(data, "tutelle_outcome", None)
    matter = getattr(data, "matter", None)
    if outcome and not override and matter in tutelle.MATTERS:
        if not tutelle.outcome_allowed(matter, outcome):
            raise Invalid(
                _(
                    "error_outcome_not_allowed",
                    default="This outcome does not exist for this matter's tutelle.",
                )
            )


def check_tutelle_dates(data) -> None:
    """The tutelle follows the session: nothing is transmitted, received or
    decided before the act was adopted, nor decided before it was received."""
    session = getattr(data, "session_date", None)
    for name in ("transmission_date", "tutelle_receipt_date", "tutelle_outcome_date"):
        value = getattr(data, name, None)
        if session and value and value < session:
            raise Invalid(
                _(
                    "error_tutelle_before_session",
                    default="${field} (${date}) cannot come before the session (${session}).",
                    mapping={
                        "field": name,
                        "date": value.isoformat(),
                        "session": session.isoformat(),
                    },
                )
            )
    received = getattr(data, "tutelle_receipt_date", None)
    decided = getattr(data, "tutelle_outcome_date", None)
    if received and decided and decided < received:
        raise Invalid(
            _(
                "error_outcome_before_receipt",
                default="The authority cannot decide (${decided}) before it received the "
                "act (${received}).",
                mapping={"decided": decided.isoformat(), "received": received.isoformat()},
            )
        )


@implementer(IAct)
class Act(Container):
    """An act; number, regime and deadlines are set by the workflow and events."""

    number = None
    tutelle_regime = None
    tutelle_deadline = None
    binding_date = None

    def effective_regime(self) -> str:
        return effective_regime(self.matter, self.regime_override)

    # Guard expressions of municipal_act_workflow.
    def tutelle_applies(self) -> bool:
        return self.effective_regime() != tutelle.NONE

    def executory_allowed(self) -> bool:
        return act_rules.executory_allowed(self)

    def annulment_recorded(self) -> bool:
        return self.tutelle_outcome in ("annulled", "not_approved")
