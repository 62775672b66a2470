"""Classic UI: a refused paste or rename says why on the page.

The rules are the subscribers' (platform/copy_move.py). Plone's paste view
re-raises a refusal as a bare 400 page, and its rename form is offered on
records that may not be renamed: here the user is sent back with the reason
as the page's message (the refusal doomed the transaction: nothing changed).
The folder contents' paste and rename answer the reason in their message.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from imio.municipal.platform.copy_move import move_refusal
from imio.municipal.platform.copy_move import public_version_refusal
from plone import api
from plone.app.content.browser.actions import ObjectPasteView
from plone.app.content.browser.actions import RenameForm
from plone.app.content.browser.contents.paste import PasteActionView
from plone.app.content.browser.contents.rename import RenameActionView
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import BadRequest
from zope.i18n import translate


def clipboard_refusal(container):
    """Why the clipboard's public versions may not be pasted, or None (Plone
    refuses some of it first, without the reason)."""
    for obj in container.cb_dataItems():
        reason = public_version_refusal(obj)
        if reason is not None:
            return reason
    return None


class ExplainedPasteView(ObjectPasteView):
    def do_action(self):
        reason = clipboard_refusal(self.context)
        if reason is not None:
            return self.do_redirect(self.canonical_object_url, reason, "error")
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
        reason = reason or public_version_refusal(self.context)
        if reason is not None:
            IStatusMessage(self.request).add(reason, type="error")
            self.request.response.redirect(self.view_url())
            return
        super().update()


class ExplainedFolderContentsPaste(PasteActionView):
    """Folder contents' « Paste » answers its JSON message with the reason
    (Plone's view lets the refusal through as a bare error)."""

    def __call__(self):
        reason = clipboard_refusal(self.context)
        if reason is not None:
            self.protect()
            self.errors = [translate(reason, context=self.request)]
            return self.message()
        try:
            return super().__call__()
        except BadRequest as error:
            if not getattr(error, "move_refused", False):
                raise
            self.errors = [str(error)]
            return self.message()


class ExplainedFolderContentsRename(RenameActionView):
    """Folder contents' « Rename » refuses with the reason, and renames
    nothing (Plone's view reports a generic error per item)."""

    def __call__(self):
        self.protect()
        reasons = [reason for reason in map(self.refusal, self.renamed()) if reason]
        if not reasons:
            return super().__call__()
        self.errors = [translate(reason, context=self.request) for reason in reasons]
        return self.message()

    def renamed(self):
        """The selected objects given a new id."""
        catalog = api.portal.get_tool("portal_catalog")
        for key, uid in self.request.form.items():
            if not key.startswith("UID_"):
                continue
            new_id = self.request.form.get("newid_" + key.split("_")[-1])
            for brain in catalog(UID=uid, show_inactive=True):
                obj = brain.getObject()
                if new_id and new_id != obj.getId():
                    yield obj

    def refusal(self, obj):
        parent = aq_parent(aq_inner(obj))
        return move_refusal(obj, parent, parent) or public_version_refusal(obj)
