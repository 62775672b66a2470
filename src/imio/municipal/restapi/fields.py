"""Deserializers that give API clients a reason, not a generic error."""

from imio.municipal import _
from imio.municipal.fields import IClearChoice
from imio.municipal.validators import MunicipalValidationError
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import ChoiceFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema.interfaces import ConstraintNotSatisfied

import json


@implementer(IFieldDeserializer)
@adapter(IClearChoice, IDexterityContent, IBrowserRequest)
class ClearChoiceFieldDeserializer(ChoiceFieldDeserializer):
    def refusal(self, value):
        allowed = [str(term.value) for term in self.field.vocabulary][:20]
        return _(
            "error_value_not_allowed",
            default='"${value}" is not an allowed value (allowed: ${allowed}).',
            mapping={"value": str(value), "allowed": ", ".join(allowed)},
        )

    def __call__(self, value):
        # A list or an object (other than {"token": ...}) is no choice:
        # plone.restapi looked it up as a token and failed (500).
        token = value.get("token") if isinstance(value, dict) else value
        if isinstance(token, (list, dict)):
            raise MunicipalValidationError(self.refusal(json.dumps(token)[:80]))
        try:
            return super().__call__(value)
        except ConstraintNotSatisfied as error:
            raise MunicipalValidationError(self.refusal(value)) from error
