"""REST side of the Municipality rules plone.restapi cannot express alone."""

from imio.municipal import _
from imio.municipal.interfaces import IMunicipality
from imio.municipal.platform.municipality import check_ins_code
from imio.municipal.platform.municipality import IInsCodeField
from imio.municipal.platform.services.fields import ClearChoiceFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.serializer.dxfields import DefaultFieldSerializer
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.publisher.interfaces.browser import IBrowserRequest


@implementer(IFieldDeserializer)
@adapter(IInsCodeField, IMunicipality, IBrowserRequest)
class InsCodeFieldDeserializer(ClearChoiceFieldDeserializer):
    """Accepts "92094" (or {"token": "92094"}); a 400 says why a code is refused."""

    def refusal(self, value):
        return _(
            "error_unknown_ins_code",
            default="${value} is not the INS code of a Walloon municipality.",
            mapping={"value": str(value)},
        )

    def __call__(self, value):
        value = super().__call__(value)
        check_ins_code(self.context, value)
        return value


@implementer(IFieldSerializer)
@adapter(IInsCodeField, IMunicipality, Interface)
class InsCodeFieldSerializer(DefaultFieldSerializer):
    """The INS code as the 5-digit string API clients key on (not token/title)."""

    def __call__(self):
        return self.get_value()
