"""REST: a field the user may not write is refused with a 400, not skipped.

plone.restapi silently skips the fields a user may not write (answers 204
and changes nothing), and the read-only fields the platform computes. Where
that would hide a rule (an act frozen at adoption, the approving acts a
secretariat attaches by its own service, a number assigned at adoption), the
content type's deserializer derives from this one and says why.
"""

from imio.municipal import _
from imio.municipal.platform.basic_limits import check_basic
from imio.municipal.platform.basic_limits import LIMITS
from imio.municipal.platform.routing import check_responsible_service
from imio.municipal.platform.services.body import json_object
from imio.municipal.platform.validators import MunicipalValidationError
from plone.autoform.interfaces import WRITE_PERMISSIONS_KEY
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from plone.restapi.serializer.converters import json_compatible
from plone.supermodel.utils import mergedTaggedValueDict
from zExceptions import BadRequest
from zope.i18n import translate
from zope.schema import getFields


class ExplicitRefusalDeserializer(DeserializeFromJson):
    # Why a read-only field cannot be set, by field name (else a generic reason).
    computed_reasons: dict = {}

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

    def computed_fields(self, data: dict, create: bool) -> list[str]:
        """The read-only fields data would change (sending back the value
        read is fine: a client may PATCH what it got)."""
        found = []
        for schema in iterSchemata(self.context):
            for name, field in getFields(schema).items():
                if not field.readonly or name not in data:
                    continue
                current = None if create else getattr(self.context, name, None)
                sent, stored = data[name], json_compatible(current)
                if sent != stored and str(sent) != str(stored):
                    found.append(name)
        return found

    def computed_refusal(self, names: list[str]):
        reasons = [self.computed_reasons.get(name) for name in names]
        if all(reasons):
            return reasons[0]
        return _(
            "refusal_computed_fields",
            default="${fields}: set by the platform, never typed.",
            mapping={"fields": ", ".join(names)},
        )

    def raise_refusal(self, message) -> None:
        raise BadRequest(translate(message, context=self.request))

    def check(self, data: dict, create: bool) -> None:
        """Content rules the schema cannot express; raise BadRequest."""
        for name in LIMITS:
            try:
                check_basic(name, data.get(name))
            except MunicipalValidationError as error:
                reason = translate(error.message, context=self.request)
                raise BadRequest(f"{name}: {reason}") from None
        if "responsible_service" in data and "responsible_service" in self.field_names():
            current = None if create else getattr(self.context, "responsible_service", None)
            value = data["responsible_service"]
            if isinstance(value, dict):
                value = value.get("token")
            if not isinstance(value, str):
                return  # not a service id: the field's deserializer says why
            try:
                check_responsible_service(self.context, value, current)
            except MunicipalValidationError as error:
                self.raise_refusal(error.message)

    def field_names(self) -> set[str]:
        return {name for schema in iterSchemata(self.context) for name in schema.names()}

    def __call__(self, validate_all=False, data=None, create=False, **kwargs):
        if data is None:
            data = json_object(self.request)
        if not isinstance(data, dict):
            self.raise_refusal(
                _("refusal_body_not_object", default="The request body must be a JSON object.")
            )
        refused = self.refused_fields(data)
        if refused:
            self.raise_refusal(self.refusal(refused))
        computed = self.computed_fields(data, create)
        if computed:
            self.raise_refusal(self.computed_refusal(computed))
        self.check(data, create)
        return super().__call__(validate_all=validate_all, data=data, create=create, **kwargs)
