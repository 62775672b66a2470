"""REST deserializer of municipalities: refusals with a reason (see
explicit.py), nothing skipped in silence."""

from imio.municipal.interfaces import IMunicipality
from imio.municipal.platform.services.explicit import ExplicitRefusalDeserializer
from plone.restapi.interfaces import IDeserializeFromJson
from zope.component import adapter
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest


@implementer(IDeserializeFromJson)
@adapter(IMunicipality, IBrowserRequest)
class MunicipalityDeserializer(ExplicitRefusalDeserializer):
    pass
