"""Case files, acts and plans are containers (for their annexes): their JSON
lists their children. Most have none when they are created or read; then the
answer is the same without asking the catalog for an empty folder (a
secured search: the user's roles and groups are computed for it)."""

from imio.municipal.interfaces import IServiceRouted
from plone.restapi.bbb import boolean_value
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


@implementer(ISerializeToJson)
@adapter(IServiceRouted, Interface)
class SerializeAnnexContainerToJson(SerializeFolderToJson):
    def __call__(self, version=None, include_items=True, include_expansion=True):
        if self.context.objectIds():
            return super().__call__(
                version=version, include_items=include_items, include_expansion=include_expansion
            )
        result = super().__call__(
            version=version, include_items=False, include_expansion=include_expansion
        )
        if boolean_value(self.request.form.get("include_items", include_items)):
            result.update(items=[], items_total=0)
        return result
