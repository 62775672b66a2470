"""@linkintegrity with an unknown identifier answers 400, not 500.

plone.restapi's service reads every ``uids`` item as an object and fails on
the first unknown one. An item the user may not see is reported as unknown
too: the answer does not tell whether it exists.
"""

from AccessControl import Unauthorized
from imio.municipal import _
from plone.app.uuid.utils import uuidToObject
from plone.restapi.services.linkintegrity.get import LinkIntegrityGet
from zExceptions import BadRequest
from zope.i18n import translate


def unknown_uids(uids) -> list[str]:
    unknown = []
    for uid in uids:
        try:
            found = isinstance(uid, str) and uuidToObject(uid) is not None
        except (Unauthorized, KeyError, AttributeError):
            found = False
        if not found:
            unknown.append(str(uid))
    return unknown


class CheckedLinkIntegrityGet(LinkIntegrityGet):
    def reply(self):
        uids = self.request.form.get("uids", [])
        unknown = unknown_uids(uids if isinstance(uids, list) else [uids]) if uids else []
        if unknown:
            message = _(
                "refusal_unknown_uids",
                default="No item you may see has the identifier ${uids}.",
                mapping={"uids": ", ".join(unknown)},
            )
            raise BadRequest(translate(message, context=self.request))
        return super().reply()
