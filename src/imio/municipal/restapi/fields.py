"""Deserializers that give API clients a reason, not a generic error."""

from collective.z3cform.datagridfield.deserializer import DatagridRowDeserializer
from collective.z3cform.datagridfield.interfaces import IRow
from decimal import Decimal
from imio.municipal import _
from imio.municipal.fields import IClearChoice
from imio.municipal.interfaces import IImioMunicipalLayer
from imio.municipal.validators import MunicipalValidationError
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import ChoiceFieldDeserializer
from plone.restapi.deserializer.dxfields import DecimalFieldDeserializer
from plone.restapi.deserializer.relationfield import RelationChoiceFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from z3c.relationfield.interfaces import IRelationChoice
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import IDecimal

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
        token = value.get("token", value) if isinstance(value, dict) else value
        if isinstance(token, (list, dict)):
            raise MunicipalValidationError(self.refusal(json.dumps(token)[:80]))
        try:
            return super().__call__(value)
        except ConstraintNotSatisfied as error:
            raise MunicipalValidationError(self.refusal(value)) from error


@implementer(IFieldDeserializer)
@adapter(IRelationChoice, IDexterityContent, IImioMunicipalLayer)
class CheckedRelationChoiceFieldDeserializer(RelationChoiceFieldDeserializer):
    """A reference given as an object needs its "@id" (a KeyError, 503, before)."""

    def __call__(self, value):
        if isinstance(value, dict) and "@id" not in value:
            refusal = _(
                "error_reference_without_id",
                default='A reference given as an object needs its "@id".',
            )
            raise ValueError(translate(refusal, context=self.request))
        return super().__call__(value)


@implementer(IFieldDeserializer)
@adapter(IDecimal, IDexterityContent, IImioMunicipalLayer)
class CheckedDecimalFieldDeserializer(DecimalFieldDeserializer):
    """An amount is a number or its text ("1234.56"): anything else was a 500."""

    def __call__(self, value):
        try:
            number = value if isinstance(value, Decimal) else Decimal(value)
            valid = not isinstance(value, bool) and number.is_finite()
        except (TypeError, ValueError, ArithmeticError):
            valid = False
        if not valid:
            refusal = _(
                "error_not_a_number",
                default="${value} is not a number.",
                mapping={"value": json.dumps(value, default=str)[:80]},
            )
            raise ValueError(translate(refusal, context=self.request))
        return super().__call__(number)


@implementer(IFieldDeserializer)
@adapter(IRow, IDexterityContent, IImioMunicipalLayer)
class CheckedRowDeserializer(DatagridRowDeserializer):
    """A row of a table (data grid) is an object: anything else was a 500."""

    def __call__(self, row):
        if not isinstance(row, dict):
            refusal = _(
                "error_row_not_an_object",
                default="Each row must be an object ({…}), not ${value}.",
                mapping={"value": json.dumps(row, default=str)[:80]},
            )
            raise ValueError(translate(refusal, context=self.request))
        return super().__call__(row)
