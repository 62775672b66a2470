"""Inter-municipal shared projects.

The rules (participants, shares, amounts, approvals) live in
``projects/rules.py``; this module turns their problems into messages for
forms and the REST API, and reads the approving acts of the participants.
"""

from collective.z3cform.datagridfield.row import DictRow
from decimal import Decimal
from imio.municipal import _
from imio.municipal.core import money
from imio.municipal.interfaces import IAct
from imio.municipal.interfaces import ISharedProject
from imio.municipal.platform.datagrid import constrained_datagrid_validator
from imio.municipal.platform.datagrid import DataGridWidget
from imio.municipal.platform.fields import ClearChoice
from imio.municipal.platform.groups import secretariats_of_current_user
from imio.municipal.platform.limits import chars
from imio.municipal.platform.limits import check_planned_date
from imio.municipal.platform.limits import items
from imio.municipal.platform.limits import TEXT_CHARS
from imio.municipal.platform.lookup import ins_code_of
from imio.municipal.platform.money_widget import MoneyField
from imio.municipal.platform.validators import MunicipalValidationError
from imio.municipal.projects import rules as rules
from plone import api
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators
from z3c.relationfield.schema import RelationChoice
from z3c.relationfield.schema import RelationList
from zope import schema
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import Invalid
from zope.interface import invariant


MUNICIPALITIES = "imio.municipal.vocabularies.PlatformMunicipalities"

PROBLEM_MESSAGES = {
    "no_lead": _("error_project_no_lead", default="Choose the lead municipality."),
    "lead_is_partner": _(
        "error_project_lead_is_partner",
        default="The lead municipality (${ins_code}) is not also a partner: remove it "
        "from the partners.",
    ),
    "partner_twice": _(
        "error_project_partner_twice",
        default="Partners listed twice: ${ins_codes}.",
    ),
    "too_few_participants": _(
        "error_project_too_few",
        default="A shared project has at least ${minimum} municipalities, the lead included: "
        "add a partner.",
    ),
    "share_out_of_range": _(
        "error_share_out_of_range",
        default="Shares: the share of ${ins_code} is not a percentage between 0 and 100.",
    ),
    "share_twice": _(
        "error_share_twice",
        default="Shares: ${ins_codes} has more than one row.",
    ),
    "share_not_participant": _(
        "error_share_not_participant",
        default="Shares: ${ins_codes} is neither the lead nor a partner.",
    ),
    "share_missing": _(
        "error_share_missing",
        default="Shares: give the share of every participant, the lead included "
        "(missing: ${ins_codes}).",
    ),
    "shares_not_100": _(
        "error_shares_not_100",
        default="Shares: they add up to ${total} %, not 100 %.",
    ),
}


def problem_message(problem: rules.Problem):
    message = PROBLEM_MESSAGES[problem.code]
    return _(message, default=message.default, mapping=dict(problem.values))


def _not_negative(value) -> bool:
    if value is not None and value < 0:
        raise MunicipalValidationError(
            _(
                "error_negative_amount",
                default="${value} is negative: an amount is 0 or more.",
                mapping={"value": str(value)},
            )
        )
    return True


class IShare(Interface):
    ins_code = ClearChoice(
        title=_("label_share_municipality", default="Municipality"),
        vocabulary=MUNICIPALITIES,
    )
    percent = schema.Decimal(
        title=_("label_share_percent", default="Share (%)"),
        min=Decimal(0),
        max=Decimal(100),
    )


class IMilestone(Interface):
    title = schema.TextLine(
        title=_("label_milestone_title", default="Milestone"), constraint=chars()
    )
    due = schema.Date(
        title=_("label_milestone_due", default="Due date"),
        required=False,
        constraint=check_planned_date,
    )
    done = schema.Bool(title=_("label_milestone_done", default="Done"), required=False)


def share_rows(rows) -> list[rules.Share]:
    return [
        rules.Share(row.get("ins_code"), row.get("percent"))
        for row in rows or []
        if row and row.get("ins_code")
    ]


class ISharedProjectSchema(model.Schema):
    objectives = schema.Text(
        title=_("label_project_objectives", default="Objectives"),
        required=False,
        constraint=chars(TEXT_CHARS),
    )
    lead_municipality = ClearChoice(
        title=_("label_lead_municipality", default="Lead municipality"),
        description=_(
            "help_lead_municipality",
            default="The municipality that runs the project. Its secretariat prepares "
            "it; it cannot change after creation.",
        ),
        vocabulary=MUNICIPALITIES,
    )
    # Checkboxes: a platform hosts tens of municipalities, not thousands.
    directives.widget("partners", CheckBoxFieldWidget)
    partners = schema.List(
        title=_("label_partners", default="Partner municipalities"),
        description=_(
            "help_partners",
            default="Their staff see the project once it is proposed; their secretariat "
            "attaches the council act approving the agreement.",
        ),
        value_type=ClearChoice(vocabulary=MUNICIPALITIES),
        required=False,
        default=[],
        constraint=items(),
    )
    budget_total = MoneyField(
        title=_("label_budget_total", default="Total budget (€)"),
        required=True,
        constraint=_not_negative,
    )
    directives.widget("shares", DataGridWidget, allow_reorder=True)
    shares = schema.List(
        title=_("label_shares", default="Shares of the participants"),
        description=_(
            "help_shares",
            default="One row per municipality, the lead included; the percentages add "
            "up to exactly 100. The amounts are computed from the total budget.",
        ),
        value_type=DictRow(title=_("label_share", default="Share"), schema=IShare),
        required=False,
        default=[],
        constraint=items(),
    )
    # No auto-appended empty row: its "done" checkbox always submits a value,
    # so an untouched row would be validated (and refused) as a milestone.
    directives.widget("milestones", DataGridWidget, allow_reorder=True, auto_append=False)
    milestones = schema.List(
        title=_("label_milestones", default="Milestones"),
        value_type=DictRow(title=_("label_milestone", default="Milestone"), schema=IMilestone),
        required=False,
        default=[],
        constraint=items(),
    )
    # Set through @@approving-act / @approving-act, where each secretariat
    # attaches its own municipality's deliberation: never through the forms.
    directives.omitted("approving_acts")
    directives.write_permission(approving_acts="cmf.ManagePortal")
    approving_acts = RelationList(
        title=_("label_approving_acts", default="Approving acts"),
        value_type=RelationChoice(vocabulary="plone.app.vocabularies.Catalog"),
        required=False,
        default=[],
    )

    @invariant
    def participants_and_shares(data):
        lead = getattr(data, "lead_municipality", None)
        partners = getattr(data, "partners", None) or []
        problem = rules.participants_problem(lead, partners)
        if problem is None:
            shares = share_rows(getattr(data, "shares", None))
            problem = rules.shares_problem(shares, rules.participants(lead, partners))
        if problem is not None:
            raise Invalid(problem_message(problem))


def check_lead(context, value) -> None:
    """The lead is fixed after creation, and only its own secretariat creates."""
    current = (
        getattr(context, "lead_municipality", None) if ISharedProject.providedBy(context) else None
    )
    if current:
        if value != current:
            raise MunicipalValidationError(
                _(
                    "error_lead_fixed",
                    default="The lead municipality cannot change after creation (it is "
                    "${current}).",
                    mapping={"current": current},
                )
            )
        return
    if value and not secretariats_of_current_user([value]):
        raise MunicipalValidationError(
            _(
                "error_lead_not_yours",
                default="Only the secretariat of ${ins_code} may start a project it leads.",
                mapping={"ins_code": value},
            )
        )


class LeadValidator(SimpleFieldValidator):
    def validate(self, value, force=False):
        super().validate(value, force)
        check_lead(self.context, value)


WidgetValidatorDiscriminators(LeadValidator, field=ISharedProjectSchema["lead_municipality"])
SharesValidator = constrained_datagrid_validator(ISharedProjectSchema["shares"])


def _act_facts(act) -> rules.ApprovingAct:
    return rules.ApprovingAct(
        ins_code=ins_code_of(act),
        number=act.number,
        state=api.content.get_state(act, default=""),
        body=act.body,
        outcome=getattr(act, "tutelle_outcome", None),
    )


@implementer(ISharedProject)
class SharedProject(Container):
    """A project several municipalities run and pay for together."""

    def participants(self) -> list[str]:
        return rules.participants(self.lead_municipality, self.partners)

    def share_amounts(self) -> list[rules.ShareAmount]:
        return rules.share_amounts(self.budget_total, share_rows(self.shares))

    def milestone_list(self) -> list[rules.Milestone]:
        return [
            rules.Milestone(row.get("title") or "", row.get("due"), bool(row.get("done")))
            for row in self.milestones or []
        ]

    def next_milestone(self) -> rules.Milestone | None:
        return rules.next_milestone(self.milestone_list())

    def approving_act_objects(self) -> dict:
        """INS code → the attached act (unrestricted: a partner's act is
        private to that partner, but whether it is adopted is not)."""
        acts = {}
        for relation in self.approving_acts or []:
            if relation is None or relation.isBroken():
                continue
            act = relation.to_object
            if IAct.providedBy(act):
                acts[ins_code_of(act)] = act
        return acts

    def approvals(self) -> dict:
        return {code: _act_facts(act) for code, act in self.approving_act_objects().items()}

    def missing_approvals(self) -> list[str]:
        return rules.missing_approvals(self.participants(), self.approvals())


def project_changed(project, event):
    if project.budget_total is not None:
        project.budget_total = money.quantize(project.budget_total)
