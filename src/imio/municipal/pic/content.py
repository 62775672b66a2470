"""PIC investment plans and their investment sheets.

Money is Decimal, quantized to the cent when stored (an event subscriber),
serialized by plone.restapi as "1234.56"; computations live in pic/rules.py.
"""

from decimal import Decimal
from imio.municipal import _
from imio.municipal.core import money
from imio.municipal.interfaces import IInvestment
from imio.municipal.interfaces import IInvestmentPlan
from imio.municipal.pic import rules as pic
from imio.municipal.platform.fields import ClearChoice
from imio.municipal.platform.limits import chars
from imio.municipal.platform.limits import TEXT_CHARS
from imio.municipal.platform.money_widget import MoneyField
from imio.municipal.platform.own_service import own_service
from imio.municipal.platform.validators import MunicipalValidationError
from plone.app.z3cform.widgets.select import AjaxSelectFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.relationfield.schema import RelationChoice
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


def _amount(value) -> bool:
    if value is not None and value < 0:
        raise MunicipalValidationError(
            _(
                "error_negative_amount",
                default="${value} is negative: an amount is 0 or more.",
                mapping={"value": str(value)},
            )
        )
    return True


def _rate(value) -> bool:
    if value is not None and not Decimal(0) <= value <= Decimal(100):
        raise MunicipalValidationError(
            _(
                "error_rate_out_of_range",
                default="${value} % is not a rate: between 0 and 100.",
                mapping={"value": str(value)},
            )
        )
    return True


def Money(**kwargs):
    """A euro amount: Decimal, 0 or more."""
    kwargs.setdefault("required", False)
    return MoneyField(constraint=_amount, **kwargs)


PLAN_MONEY = ("envelope",)
INVESTMENT_MONEY = ("estimate_excl_vat", "estimate_incl_vat", "spge_share", "eligible_amount")


class IInvestmentPlanSchema(model.Schema):
    period = ClearChoice(
        title=_("label_pic_period", default="Programming period"),
        vocabulary="imio.municipal.vocabularies.PicPeriods",
    )
    envelope = Money(
        title=_("label_pic_envelope", default="Envelope (drawing right, €)"),
        description=_(
            "help_pic_envelope",
            default="The regional drawing right of the municipality for the period.",
        ),
        required=True,
    )
    subsidy_rate = schema.Decimal(
        title=_("label_pic_default_rate", default="Default subsidy rate (%)"),
        default=pic.DEFAULT_SUBSIDY_RATE,
        constraint=_rate,
    )
    responsible_service = ClearChoice(
        title=_("label_responsible_service", default="Responsible service"),
        vocabulary="imio.municipal.vocabularies.Services",
        defaultFactory=own_service,
    )
    directives.widget(
        "approving_act",
        AjaxSelectFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"recentlyUsed": False, "selectableTypes": ["Act"]},
    )
    approving_act = RelationChoice(
        title=_("label_pic_approving_act", default="Council act adopting the plan"),
        vocabulary="plone.app.vocabularies.Catalog",
        required=False,
    )
    region_comment = schema.Text(
        title=_("label_region_comment", default="Comment of the region"),
        required=False,
        constraint=chars(TEXT_CHARS),
    )


class IInvestmentSchema(model.Schema):
    location = schema.TextLine(
        title=_("label_investment_location", default="Location"),
        required=False,
        constraint=chars(),
    )
    category = ClearChoice(
        title=_("label_investment_category", default="Category"),
        vocabulary="imio.municipal.vocabularies.PicCategories",
        default="roads",
    )
    estimate_excl_vat = Money(title=_("label_estimate_excl_vat", default="Estimate excl. VAT (€)"))
    estimate_incl_vat = Money(
        title=_("label_estimate_incl_vat", default="Estimate incl. VAT (€)"), required=True
    )
    spge_share = Money(
        title=_("label_spge_share", default="SPGE share (€)"),
        description=_("help_spge_share", default="Sewer works only: the SPGE's part."),
    )
    eligible_amount = Money(
        title=_("label_eligible_amount", default="Eligible amount (€)"),
        description=_(
            "help_eligible_amount",
            default="Empty: the estimate incl. VAT minus the SPGE share.",
        ),
    )
    subsidy_rate = schema.Decimal(
        title=_("label_investment_rate", default="Subsidy rate (%)"),
        description=_("help_investment_rate", default="Empty: the plan's default rate."),
        required=False,
        constraint=_rate,
    )
    subsidy = schema.Decimal(
        title=_("label_subsidy", default="Subsidy (€)"),
        description=_("help_subsidy", default="Eligible amount × subsidy rate."),
        required=False,
        readonly=True,
    )
    municipal_share = schema.Decimal(
        title=_("label_municipal_share", default="Municipal share (€)"),
        required=False,
        readonly=True,
    )
    phase = ClearChoice(
        title=_("label_investment_phase", default="Phase"),
        vocabulary="imio.municipal.vocabularies.PicPhases",
        default="A",
    )
    priority = schema.Int(
        title=_("label_investment_priority", default="Priority"), required=False, min=1
    )
    pst_objective = schema.TextLine(
        title=_("label_pst_objective", default="Strategic programme (PST) objective"),
        required=False,
        constraint=chars(),
    )

    @invariant
    def amounts_fit_the_estimate(data):
        estimate = getattr(data, "estimate_incl_vat", None)
        spge = getattr(data, "spge_share", None) or Decimal(0)
        eligible = getattr(data, "eligible_amount", None)
        if estimate is None:
            return
        if spge > estimate:
            raise Invalid(
                _(
                    "error_spge_over_estimate",
                    default="The SPGE share (${spge}) is larger than the estimate (${estimate}).",
                    mapping={"spge": str(spge), "estimate": str(estimate)},
                )
            )
        if eligible is not None and eligible > estimate - spge:
            raise Invalid(
                _(
                    "error_eligible_over_estimate",
                    default="The eligible amount (${eligible}) is larger than the estimate "
                    "minus the SPGE share (${limit}).",
                    mapping={"eligible": str(eligible), "limit": str(estimate - spge)},
                )
            )

    @invariant
    def spge_only_for_sewers(data):
        category = getattr(data, "category", None)
        if getattr(data, "spge_share", None) and category != "sewers":
            raise Invalid(
                _(
                    "error_spge_not_sewers",
                    default="An SPGE share exists only for sewer works (category « sewers »).",
                )
            )


@implementer(IInvestmentPlan)
class InvestmentPlan(Container):
    """A PIC plan: its investments and their totals against the envelope."""

    def investment_rows(self) -> list[dict]:
        rows = []
        for investment in self.objectValues():
            if not IInvestment.providedBy(investment):
                continue
            rows.append(investment.amounts(self))
        return rows

    def totals(self) -> pic.PlanTotals:
        return pic.plan_totals(self.investment_rows(), self.envelope or Decimal(0))

    def approval_refusal(self):
        """Why the plan cannot be approved yet (a translatable message), or None."""
        totals = self.totals()
        if totals.over_envelope <= 0:
            return None
        return _(
            "refusal_pic_over_envelope",
            default="The subsidies exceed the envelope by ${amount}: the plan cannot be "
            "approved until they fit.",
            mapping={"amount": money.format_eur(totals.over_envelope)},
        )


@implementer(IInvestment)
class Investment(Item):
    """One investment sheet; its subsidy and municipal share are computed."""

    def rate(self, plan=None) -> Decimal:
        if self.subsidy_rate is not None:
            return self.subsidy_rate
        plan = plan if plan is not None else self.__parent__
        return getattr(plan, "subsidy_rate", None) or pic.DEFAULT_SUBSIDY_RATE

    def amounts(self, plan=None) -> dict:
        return pic.investment_amounts(
            estimate_incl_vat=self.estimate_incl_vat or Decimal(0),
            spge_share=self.spge_share or Decimal(0),
            eligible_amount=self.eligible_amount,
            subsidy_rate=self.rate(plan),
        )

    subsidy = None
    municipal_share = None

    def update_amounts(self, plan=None) -> None:
        """Store the computed subsidy and municipal share (indexed, in the API)."""
        amounts = self.amounts(plan)
        self.subsidy = amounts["subsidy"]
        self.municipal_share = amounts["municipal_share"]


def quantize_money(obj, event, names) -> None:
    for name in names:
        value = getattr(obj, name, None)
        if value is not None:
            setattr(obj, name, money.quantize(value))


def plan_changed(plan, event):
    quantize_money(plan, event, PLAN_MONEY)
    # The default rate may have changed: the sheets that use it follow.
    for investment in plan.objectValues():
        if IInvestment.providedBy(investment):
            investment.update_amounts(plan)


def investment_changed(investment, event):
    quantize_money(investment, event, INVESTMENT_MONEY)
    investment.update_amounts()
