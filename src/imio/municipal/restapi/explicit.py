"""REST: a field the user may not write is refused with a 400, not skipped.

plone.restapi silently skips the fields a user may not write (answers 204
and changes nothing). Where that would hide a rule (an act frozen at
adoption, the approving acts a secretariat attaches by its own service), the
content type's deserializer derives from this one and says why.
"""

from imio.municipal import _
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.supermodel.utils import mergedTaggedValueDict
from zExceptions import BadRequest
from zope.i18n import translate


class ExplicitRefusalDeserializer(DeserializeFromJson):
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

    def refusal(self, refused: list[str]):
        return _(
            "refusal_fields_not_writable",
            default="You may not change ${fields}.",
            mapping={"fields": ", ".join(refused)},
        )

    def check(self, data: dict, create: bool) -> None:
        """Content rules the schema cannot express; raise BadRequest."""

    def __call__(self, validate_all=False, data=None, create=False, **kwargs):
        if data is None:
            data = json_body(self.request)
        refused = self.refused_fields(data)
        if refused:
            raise BadRequest(translate(self.refusal(refused), context=self.request))
        self.check(data, create)
        return super().__call__(validate_all=validate_all, data=data, create=create, **kwargs)
