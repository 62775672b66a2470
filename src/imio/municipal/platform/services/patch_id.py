"""``PATCH`` with a new ``id`` is refused with a reason, on every content type.

plone.restapi skips an ``id`` it has no field for (204, nothing changed) and
renames where the short name behavior is enabled, bypassing the rules that
@move and the site's rename apply. Sending back the current id is fine: a
client may PATCH what it got.
"""

from imio.municipal import _
from imio.municipal.platform.services.body import json_object
from plone.restapi.services.content.update import ContentPatch
from zExceptions import BadRequest
from zope.i18n import translate


REFUSAL = _(
    "refusal_patch_id",
    default="The id (the last part of the address) is not changed by PATCH. To move an "
    "item, use POST @move on the target folder, where the rules on moving apply.",
)


class PatchKeepingTheId(ContentPatch):
    def reply(self):
        data = json_object(self.request)
        if "id" in data and data["id"] != self.context.getId():
            raise BadRequest(translate(REFUSAL, context=self.request))
        return super().reply()
