"""``POST {folder}/@move`` that says why a move is refused.

The rules live in an IObjectWillBeMovedEvent subscriber (a numbered act or a
received case file stays where it is; nothing leaves its municipality) and
reach plone.restapi's answer as a 400 with the reason. plone.restapi checks
the delete permission first and answers a bare 403: for an object the user
may see, the product's reason is given first, whatever the permissions.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from imio.municipal.platform.copy_move import move_refusal
from imio.municipal.platform.copy_move import public_version_refusal
from imio.municipal.platform.services.body import json_object
from plone.restapi.services.copymove.copymove import Copy
from plone.restapi.services.copymove.copymove import Move
from zExceptions import BadRequest
from zope.i18n import translate
from zope.security import checkPermission


class ExplainedMove(Move):
    def reply(self):
        if checkPermission("cmf.AddPortalContent", self.context):
            reason = self.refusal()
            if reason is not None:
                raise BadRequest(translate(reason, context=self.request))
        return super().reply()

    def refusal(self):
        source = json_object(self.request).get("source") or []
        for item in source if isinstance(source, list) else [source]:
            obj = self.get_object(item) if isinstance(item, str) else None
            if obj is None:
                continue
            reason = move_refusal(obj, aq_parent(aq_inner(obj)), self.context)
            reason = reason or public_version_refusal(obj)
            if reason is not None:
                return reason
        return None


class ExplainedCopy(Copy):
    """``POST {folder}/@copy``: a public version (or a folder of them) is
    refused with the reason before plone.restapi's own checks (which may
    answer a bare 500 for a type the user may not add)."""

    def reply(self):
        source = json_object(self.request).get("source") or []
        for item in source if isinstance(source, list) else [source]:
            obj = self.get_object(item) if isinstance(item, str) else None
            reason = public_version_refusal(obj) if obj is not None else None
            if reason is not None:
                raise BadRequest(translate(reason, context=self.request))
        return super().reply()
