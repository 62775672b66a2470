"""Deserializers that give API clients a reason, not a generic error."""

from collective.z3cform.datagridfield.deserializer import DatagridRowDeserializer
from collective.z3cform.datagridfield.interfaces import IRow
from decimal import Decimal
from imio.municipal import _
from imio.municipal.interfaces import IImioMunicipalLayer
from imio.municipal.platform.fields import IClearChoice
from imio.municipal.platform.validators import MunicipalValidationError
from plone.app.textfield.interfaces import IRichText
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.deserializer.dxfields import ChoiceFieldDeserializer
from plone.restapi.deserializer.dxfields import CollectionFieldDeserializer
from plone.restapi.deserializer.dxfields import DatetimeFieldDeserializer
from plone.restapi.deserializer.dxfields import DecimalFieldDeserializer
from plone.restapi.deserializer.dxfields import RichTextFieldDeserializer
from plone.restapi.deserializer.relationfield import RelationChoiceFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from z3c.relationfield.interfaces import IRelationChoice
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema.interfaces import ConstraintNotSatisfied
from zope.schema.interfaces import ICollection
from zope.schema.interfaces import IDatetime
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
        except (ConstraintNotSatisfied, TypeError) as error:
            # TypeError: a list or an object is no vocabulary token.
            raise MunicipalValidationError(self.refusal(value)) from error


def _finite(value) -> bool:
    """A number that is one (not "NaN" nor "Infinity"); text that is no
    number at all is left to the stock deserializer's error."""
    try:
        return Decimal(value).is_finite()
    except ArithmeticError:
        return True


def wrong_value(value):
    shown = str(value)
    return _(
        "error_wrong_value",
        default='"${value}" is not a value this field takes (wrong type or format).',
        mapping={"value": shown if len(shown) <= 80 else shown[:77] + "..."},
    )


class ExplainedTypeErrors:
    """A field deserializer whose type errors answer 400, not 500: the
    stock deserializers assume the JSON type is the expected one."""

    def __call__(self, value):
        try:
            return super().__call__(value)
        except (TypeError, AttributeError, ArithmeticError) as error:
            raise MunicipalValidationError(wrong_value(value)) from error


@implementer(IFieldDeserializer)
@adapter(IDatetime, IDexterityContent, IImioMunicipalLayer)
class DatetimeDeserializer(ExplainedTypeErrors, DatetimeFieldDeserializer):
    pass


@implementer(IFieldDeserializer)
@adapter(IDecimal, IDexterityContent, IImioMunicipalLayer)
class DecimalDeserializer(ExplainedTypeErrors, DecimalFieldDeserializer):
    def __call__(self, value):
        if isinstance(value, (list, dict, bool)):
            # Decimal() reads a (sign, digits, exponent) tuple: not an amount.
            raise MunicipalValidationError(wrong_value(value))
        if isinstance(value, (str, int, float)) and not _finite(value):
            raise MunicipalValidationError(wrong_value(value))
        return super().__call__(value)


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
@adapter(IRichText, IDexterityContent, IImioMunicipalLayer)
class RichTextDeserializer(ExplainedTypeErrors, RichTextFieldDeserializer):
    pass


@implementer(IFieldDeserializer)
@adapter(ICollection, IDexterityContent, IImioMunicipalLayer)
class CollectionDeserializer(ExplainedTypeErrors, CollectionFieldDeserializer):
    pass


@implementer(IFieldDeserializer)
@adapter(IRow, IDexterityContent, IImioMunicipalLayer)
class RowDeserializer(ExplainedTypeErrors, DatagridRowDeserializer):
    """A table row is an object with the row's keys."""

    def __call__(self, row):
        if not isinstance(row, dict):
            keys = ", ".join(self.field.schema.names())
            raise MunicipalValidationError(
                _(
                    "error_row_not_object",
                    default='Each row is an object with the keys ${keys}; "${value}" is not.',
                    mapping={"keys": keys, "value": str(row)[:80]},
                )
            )
        return super().__call__(row)
