"""REST of case files: the deserializer refuses computed fields with a reason
(see platform/services/explicit.py), nothing skipped in silence."""

from imio.municipal import _
from imio.municipal.interfaces import IDossier
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
