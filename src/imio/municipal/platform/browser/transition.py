"""Run a workflow transition from the Classic UI, with its comment.

Every dossier transition links here (see the workflow's action URLs): the
form asks for a comment, required for the transitions that send a file back;
a refusal (guard or BeforeTransition subscriber) is shown with its reason and
leaves nothing changed.
"""

from imio.municipal import _
from imio.municipal.acts import rules as act_rules
from imio.municipal.dossiers import receipt
from imio.municipal.dossiers.states import COMMENT_REQUIRED
from imio.municipal.pic import workflow as pic_workflow
from imio.municipal.platform.validators import MunicipalValidationError
from imio.municipal.projects import workflow as project_workflow
from plone import api
from plone.protect import CheckAuthenticator
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from zope.i18n import translate

import transaction


PREVIEWED = ("publish", "publish_erratum")


class TransitionView(BrowserView):
    comment_required_for = COMMENT_REQUIRED

    def form_action(self) -> str:
        return f"{self.context.absolute_url()}/@@dossier-transition"

    def transition_id(self) -> str:
        return self.request.form.get("transition", "")

    def transition(self):
        """The transition, when the current user may take it now."""
        workflow_tool = api.portal.get_tool("portal_workflow")
        for info in workflow_tool.getTransitionsFor(self.context):
            if info["id"] == self.transition_id():
                return info
        return None

    def transition_title(self) -> str:
        info = self.transition()
        title = info["title"] if info else self.transition_id()
        return translate(title, domain="plone", context=self.request)

    def comment_required(self) -> bool:
        return self.transition_id() in self.comment_required_for

    def asks_receipt_date(self) -> bool:
        return receipt.asks_receipt_date(self.context, self.transition_id())

    def receipt_date_value(self) -> str:
        typed = self.request.form.get("received_date")
        return typed or receipt.proposed_receipt_date(self.context).isoformat()

    def today(self) -> str:
        return receipt.belgian_today().isoformat()

    def earliest(self) -> str:
        return receipt.EARLIEST.isoformat()

    def receipt_date_refusals(self) -> dict[str, str]:
        """Shown by the browser (face.js) instead of its own, English, bubbles."""
        return {
            key: translate(message, context=self.request)
            for key, message in receipt.receipt_date_refusals().items()
        }

    def __call__(self):
        self.error = None
        if self.transition() is None:
            api.portal.show_message(
                _("message_transition_unavailable", default="This action is not available."),
                request=self.request,
                type="error",
            )
            return self.request.response.redirect(self.context.absolute_url())
        if self.request.method == "POST":
            if "form.buttons.cancel" in self.request.form:
                return self.request.response.redirect(self.context.absolute_url())
            CheckAuthenticator(self.request)
            if self.run():
                return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def run(self) -> bool:
        comment = (self.request.form.get("comment") or "").strip()
        if self.comment_required() and not comment:
            self.error = _(
                "refusal_comment_required",
                default="A comment is required: say why (it is kept in the history).",
            )
            return False
        if self.asks_receipt_date():
            try:
                self.context.received_date = receipt.receipt_date(
                    self.request.form.get("received_date")
                )
            except MunicipalValidationError as error:
                self.error = error.message
                return False
        workflow_tool = api.portal.get_tool("portal_workflow")
        # Read the title now: once taken, the transition is no longer offered.
        title = self.transition_title()
        try:
            # Not api.content.transition: it hides the refusal's reason.
            workflow_tool.doActionFor(self.context, self.transition_id(), comment=comment)
        except WorkflowException as error:
            # The subscriber doomed the transaction: start clean, keep the reason.
            transaction.abort()
            transaction.begin()
            self.error = str(error)
            return False
        api.portal.show_message(
            _(
                "message_transition_done",
                default="Done: ${action}.",
                mapping={"action": title},
            ),
            request=self.request,
        )
        return True


class ActTransitionView(TransitionView):
    comment_required_for = act_rules.COMMENT_REQUIRED

    def __call__(self):
        # Publishing starts from the preview, which shows what citizens will see.
        if self.request.method != "POST" and self.transition_id() in PREVIEWED:
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@publication-preview"
            )
        return super().__call__()

    def form_action(self) -> str:
        return f"{self.context.absolute_url()}/@@act-transition"


class PicTransitionView(TransitionView):
    comment_required_for = pic_workflow.COMMENT_REQUIRED

    def form_action(self) -> str:
        return f"{self.context.absolute_url()}/@@pic-transition"


class ProjectTransitionView(TransitionView):
    comment_required_for = project_workflow.COMMENT_REQUIRED

    def form_action(self) -> str:
        return f"{self.context.absolute_url()}/@@project-transition"
