"""Classic UI: a refused paste or rename says why on the page.

The rules are the subscribers' (platform/copy_move.py). Plone's paste view
re-raises a refusal as a bare 400 page, and its rename form is offered on
records that may not be renamed: here the user is sent back with the reason
as the page's message (the refusal doomed the transaction: nothing changed).
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from imio.municipal.platform.copy_move import move_refusal
from plone.app.content.browser.actions import ObjectPasteView
from plone.app.content.browser.actions import RenameForm
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import BadRequest


class ExplainedPasteView(ObjectPasteView):
    def do_action(self):
        try:
            return super().do_action()
        except BadRequest as error:
            if not getattr(error, "move_refused", False):
                raise
            # Plone's view put the reason in the status messages before re-raising.
            return self.request.response.redirect(self.canonical_object_url)


class ExplainedRenameForm(RenameForm):
    def update(self):
        parent = aq_parent(aq_inner(self.context))
        reason = move_refusal(self.context, parent, parent)
        if reason is not None:
            IStatusMessage(self.request).add(reason, type="error")
            self.request.response.redirect(self.view_url())
            return
        super().update()
