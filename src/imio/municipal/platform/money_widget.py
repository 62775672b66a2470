"""Money in forms: typed the way people write it, shown the Belgian way.

z3c.form's Decimal converter follows the request locale strictly (French
wants no-break spaces between thousands and refuses "1 000 000,00" typed
with ordinary spaces). Money fields use money.parse instead, which accepts
"1234.56", "1 234,56", "1.234,56" and "1 234,56 €" and refuses what is
ambiguous.
"""

from imio.municipal import _
from imio.municipal.core import money
from z3c.form.converter import BaseDataConverter
from z3c.form.converter import FormatterValidationError
from z3c.form.interfaces import IWidget
from zope.component import adapter
from zope.interface import implementer
from zope.schema import Decimal as DecimalField
from zope.schema.interfaces import IDecimal


class IMoneyField(IDecimal):
    """A euro amount."""


@implementer(IMoneyField)
class MoneyField(DecimalField):
    """A Decimal field for euros (converter below, quantized when stored)."""


@adapter(IMoneyField, IWidget)
class MoneyDataConverter(BaseDataConverter):
    def toWidgetValue(self, value):
        if value is None or value == self.field.missing_value:
            return ""
        # The amount without the currency sign: the label says "(€)".
        return money.format_eur(value, "fr").replace("\u00a0€", "")

    def toFieldValue(self, value):
        if value is None or not str(value).strip():
            return self.field.missing_value
        try:
            return money.parse(value)
        except ValueError as error:
            raise FormatterValidationError(
                _(
                    "error_money_format",
                    default="${value} is not an amount: write it like 1 234,56 or 1234.56.",
                    mapping={"value": value},
                ),
                value,
            ) from error
