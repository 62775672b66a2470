"""REST: the retention proposal of a municipality and legal holds.

``GET <municipality>/@retention``: the proposal awaiting sign-off and the
disposal records. ``POST <municipality>/@retention`` ``{"sign_off": true}``:
the secretariat approves the proposal (the next run applies it).
``POST <dossier or act>/@legal-hold`` ``{"hold": true, "reason": "..."}``: a file on
hold is never disposed of (``{"hold": false}`` lifts it).
"""

from imio.municipal import _
from imio.municipal.authentic.authorisations import refusal
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import StateRefusal
from imio.municipal.platform.services.body import json_object
from imio.municipal.records import disposal
from plone.restapi.services import Service
from zope.interface import alsoProvides

import plone.protect.interfaces


class RetentionGet(Service):
    def reply(self):
        return {
            "proposal": disposal.proposal(self.context),
            "records": disposal.disposal_records(self.context),
        }


class RetentionPost(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        if json_object(self.request).get("sign_off") is not True:
            raise refusal(
                InvalidInput,
                _("error_retention_sign_off", default='Send {"sign_off": true} to sign off.'),
            )
        if not disposal.sign_off(self.context):
            raise refusal(
                StateRefusal,
                _(
                    "error_retention_no_proposal",
                    default="There is no list of case files to sign off: the daily job "
                    "prepares it.",
                ),
            )
        return RetentionGet.reply(self)


class LegalHoldPost(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = json_object(self.request)
        hold, reason = data.get("hold"), data.get("reason", "")
        if (
            not isinstance(hold, bool)
            or not isinstance(reason, str)
            or (hold and not reason.strip())
        ):
            raise refusal(
                InvalidInput,
                _(
                    "error_legal_hold",
                    default="Send hold (true or false) and, to put a hold, its reason.",
                ),
            )
        disposal.set_hold(self.context, hold, reason.strip())
        return {"hold": disposal.on_hold(self.context)}
