"""Who writes what on an act, whatever the role.

- Frozen: from adoption (or refusal) on, the act's content changes only
  through the secretariat's correction, kept in the history. Platform
  admins included: the workflow's permission alone would let them through.
- The tutelle authority's answers (receipt date, outcome) exist once the act
  is transmitted; when the platform sent it (e-Tutelle over HTTP), the
  region sends them and nobody types them ahead of it. A package deposited by
  hand comes back by hand: the secretariat records the answer.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from imio.municipal import _
from imio.municipal.acts.content import FROZEN_FIELDS
from imio.municipal.acts.content import IActSchema
from imio.municipal.exchange import outbox
from imio.municipal.interfaces import IAct
from imio.municipal.platform.validators import MunicipalValidationError
from plone import api
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators


# The act was decided (or refused): its record is frozen.
FROZEN_STATES = ("refused", "adopted", "transmitted", "executory", "published", "annulled")
# The title is corrected like the content (see the correction form).
FROZEN_NAMES = ("title", *FROZEN_FIELDS)
# The tutelle authority answers a transmitted act only.
ANSWERED_STATES = ("transmitted", "executory", "published", "annulled")
ANSWER_FIELDS = ("tutelle_receipt_date", "tutelle_outcome", "tutelle_outcome_date")


def stored_act(context):
    """``context`` when it is an act already in its register, else None."""
    if IAct.providedBy(context) and aq_parent(aq_inner(context)) is not None:
        return context
    return None


def state_of(act) -> str | None:
    return api.content.get_state(act, default=None) if act is not None else None


def is_frozen(act) -> bool:
    return state_of(act) in FROZEN_STATES


def sent_by_the_platform(act) -> bool:
    """The act went to e-Tutelle over HTTP: the region answers by itself."""
    messages = outbox.messages(api.portal.get(), obj_uid=api.content.get_uuid(act))
    return any(m.target == "etutelle" and m.transport == "http" for m in messages)


def check_answer_entry(act, name: str, value) -> None:
    """Refuse typing the authority's answer ``name`` where it cannot be typed.

    ``act`` is the stored act (None while it is being created)."""
    current = getattr(act, name, None) if act is not None else None
    if value == current or (not value and not current):
        return
    transmitted = act is not None and getattr(act, "transmission_date", None) is not None
    if state_of(act) not in ANSWERED_STATES or not transmitted:
        # An act without tutelle becomes executory without being transmitted.
        raise MunicipalValidationError(
            _(
                "error_answer_before_transmission",
                default="${field}: the tutelle authority answers a transmitted act; "
                "record its answer once the act is transmitted.",
                mapping={"field": name},
            )
        )
    if sent_by_the_platform(act):
        raise MunicipalValidationError(
            _(
                "error_answer_sent_by_region",
                default="${field}: the act was sent to e-Tutelle by the platform; the "
                "region's answer is recorded when it arrives, not typed by hand.",
                mapping={"field": name},
            )
        )


class AnswerValidator(SimpleFieldValidator):
    """The form side of check_answer_entry."""

    def validate(self, value, force=False):
        super().validate(value, force)
        check_answer_entry(stored_act(self.context), self.field.__name__, value)


def answer_validators(schema) -> list:
    validators = []
    for name in ANSWER_FIELDS:
        validator = type(f"{name.title()}Validator", (AnswerValidator,), {})
        WidgetValidatorDiscriminators(validator, field=schema[name])
        validators.append(validator)
    return validators


# Registered in configure.zcml (the add and edit forms run them).
ReceiptDateValidator, OutcomeValidator, OutcomeDateValidator = answer_validators(IActSchema)
