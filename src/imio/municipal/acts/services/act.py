"""REST: an adopted act's frozen fields refuse a PATCH, with the reason, for
every role; its number and regime are never typed; the authority's answers
are typed only where the procedure says (acts/entry.py)."""

from datetime import date
from imio.municipal import _
from imio.municipal.acts.entry import ANSWER_FIELDS
from imio.municipal.acts.entry import check_answer_entry
from imio.municipal.acts.entry import FROZEN_NAMES
from imio.municipal.acts.entry import is_frozen
from imio.municipal.interfaces import IAct
from imio.municipal.platform.services.explicit import ExplicitRefusalDeserializer
from imio.municipal.platform.validators import MunicipalValidationError
from plone.restapi.interfaces import IDeserializeFromJson
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest


def _answer_value(name: str, value):
    """The typed value of an answer field as sent (None when unreadable: the
    field's own deserializer then says why)."""
    if isinstance(value, dict):
        value = value.get("token")
    if value and name.endswith("_date"):
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
    return value


@implementer(IDeserializeFromJson)
@adapter(IAct, IBrowserRequest)
class ActDeserializer(ExplicitRefusalDeserializer):
    computed_reasons = {
        "number": _(
            "refusal_computed_number",
            default="The number is assigned at adoption (year/body/number, without "
            "gaps), never typed.",
        ),
        "tutelle_regime": _(
            "refusal_computed_regime",
            default="The tutelle regime follows the matter; the secretariat overrides it "
            "with regime_override and its justification (regime_justification).",
        ),
        "tutelle_deadline": _(
            "refusal_computed_tutelle_deadline",
            default="The tutelle deadline is computed from the receipt date and the regime.",
        ),
        "binding_date": _(
            "refusal_computed_binding_date",
            default="The binding date is computed from the publication date.",
        ),
    }

    def refused_fields(self, data: dict) -> list[str]:
        refused = super().refused_fields(data)
        if is_frozen(self.context):
            # The workflow lets platform admins write; the freeze holds for all.
            refused += [n for n in FROZEN_NAMES if n in data and n not in refused]
        return refused

    def refusal(self, refused: list[str]):
        frozen = [name for name in refused if name in FROZEN_NAMES]
        if not frozen or not is_frozen(self.context):
            return super().refusal(refused)
        return _(
            "refusal_frozen_fields",
            default="Adopted act: ${fields} cannot change any more. The "
            "secretariat corrects an adopted act with a comment (Correct the act).",
            mapping={"fields": ", ".join(frozen)},
        )

    def check(self, data: dict, create: bool) -> None:
        super().check(data, create)
        act = None if create else self.context
        for name in ANSWER_FIELDS:
            if name in data:
                try:
                    check_answer_entry(act, name, _answer_value(name, data[name]))
                except MunicipalValidationError as error:
                    self.raise_refusal(error.message)
