"""REST side of the Municipality rules plone.restapi cannot express alone."""

from imio.municipal.content.municipality import check_ins_code
from imio.municipal.content.municipality import IInsCodeField
from imio.municipal.interfaces import IMunicipality
from plone.restapi.deserializer.dxfields import ChoiceFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest


@implementer(IFieldDeserializer)
@adapter(IInsCodeField, IMunicipality, IBrowserRequest)
class InsCodeFieldDeserializer(ChoiceFieldDeserializer):
    """A PATCH that changes the INS code, or a POST reusing one, gets a 400."""

    def __call__(self, value):
        value = super().__call__(value)
        check_ins_code(self.context, value)
        return value
