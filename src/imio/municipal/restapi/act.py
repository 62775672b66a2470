"""REST: an adopted act's frozen fields refuse a PATCH, with the reason.

plone.restapi silently skips the fields a user may not write (answers 204
and changes nothing). For acts that would hide the freeze at adoption, so a
write to a protected field is refused explicitly with a 400.
"""

from imio.municipal import _
from imio.municipal.content.act import FROZEN_FIELDS
from imio.municipal.interfaces import IAct
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.interfaces import IDeserializeFromJson
from plone.supermodel.utils import mergedTaggedValueDict
from zExceptions import BadRequest
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces.browser import IBrowserRequest


@implementer(IDeserializeFromJson)
@adapter(IAct, IBrowserRequest)
class ActDeserializer(DeserializeFromJson):
    def refused_fields(self, data: dict) -> list[str]:
        """The fields in data whose write permission the user lacks (the same
        check plone.restapi makes before it silently skips them)."""
        refused = []
        for schema in iterSchemata(self.context):
            permissions = mergedTaggedValueDict(schema, WRITE_PERMISSIONS_KEY)
            for name in schema.names():
                if name in data and not self.check_permission(permissions.get(name)):
                    refused.append(name)
        return refused

    def __call__(self, validate_all=False, data=None, create=False, **kwargs):
        if data is None:
            data = json_body(self.request)
        refused = self.refused_fields(data)
        if refused:
            frozen = [name for name in refused if name in FROZEN_FIELDS]
            message = (
                _(
                    "refusal_frozen_fields",
                    default="Adopted act: ${fields} cannot change any more. The "
                    "secretariat corrects an adopted act with a comment (Correct the act).",
                    mapping={"fields": ", ".join(frozen)},
                )
                if frozen
                else _(
                    "refusal_fields_not_writable",
                    default="You may not change ${fields}.",
                    mapping={"fields": ", ".join(refused)},
                )
            )
            raise BadRequest(translate(message, context=self.request))
        return super().__call__(validate_all=validate_all, data=data, create=create, **kwargs)
