"""REST deserializers of the case files, plans and municipalities: refusals
with a reason (see explicit.py), nothing skipped in silence."""

from imio.municipal import _
from imio.municipal.interfaces import IDossier
from imio.municipal.interfaces import IInvestment
from imio.municipal.interfaces import IInvestmentPlan
from imio.municipal.interfaces import IMunicipality
from imio.municipal.platform.services.explicit import ExplicitRefusalDeserializer
from plone.restapi.interfaces import IDeserializeFromJson
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest


DEADLINE_REASON = _(
    "refusal_computed_deadline",
    default="Deadlines are computed from the dates of the file and its procedure; "
    "change those dates (or the extension) instead.",
)


@implementer(IDeserializeFromJson)
@adapter(IDossier, IBrowserRequest)
class DossierDeserializer(ExplicitRefusalDeserializer):
    computed_reasons = {
        "reference": _(
            "refusal_computed_reference",
            default="The reference is assigned when the file is received, never typed.",
        ),
        "completeness_deadline": DEADLINE_REASON,
        "decision_deadline": DEADLINE_REASON,
        "completion_limit": DEADLINE_REASON,
    }


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


@implementer(IDeserializeFromJson)
@adapter(IMunicipality, IBrowserRequest)
class MunicipalityDeserializer(ExplicitRefusalDeserializer):
    pass
