"""REST of PIC plans and investments: the deserializers refuse computed
fields with a reason (see platform/services/explicit.py)."""

from imio.municipal import _
from imio.municipal.interfaces import IInvestment
from imio.municipal.interfaces import IInvestmentPlan
from imio.municipal.platform.services.explicit import ExplicitRefusalDeserializer
from plone.restapi.interfaces import IDeserializeFromJson
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest


@implementer(IDeserializeFromJson)
@adapter(IInvestmentPlan, IBrowserRequest)
class InvestmentPlanDeserializer(ExplicitRefusalDeserializer):
    pass


@implementer(IDeserializeFromJson)
@adapter(IInvestment, IBrowserRequest)
class InvestmentDeserializer(ExplicitRefusalDeserializer):
    computed_reasons = {
        "subsidy": _(
            "refusal_computed_subsidy",
            default="The subsidy and the municipal share are computed from the eligible "
            "amount and the rate; change those instead.",
        ),
    }
    computed_reasons["municipal_share"] = computed_reasons["subsidy"]
