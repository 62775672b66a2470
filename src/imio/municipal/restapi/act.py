"""REST: an adopted act's frozen fields refuse a PATCH, with the reason."""

from imio.municipal import _
from imio.municipal.content.act import FROZEN_FIELDS
from imio.municipal.interfaces import IAct
from imio.municipal.restapi.explicit import ExplicitRefusalDeserializer
from plone.restapi.interfaces import IDeserializeFromJson
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest


@implementer(IDeserializeFromJson)
@adapter(IAct, IBrowserRequest)
class ActDeserializer(ExplicitRefusalDeserializer):
    def refusal(self, refused: list[str]):
        frozen = [name for name in refused if name in FROZEN_FIELDS]
        if not frozen:
            return super().refusal(refused)
        return _(
            "refusal_frozen_fields",
            default="Adopted act: ${fields} cannot change any more. The "
            "secretariat corrects an adopted act with a comment (Correct the act).",
            mapping={"fields": ", ".join(frozen)},
        )
