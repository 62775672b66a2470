"""The secretariat corrects an adopted act, with a comment kept in the history.

The act's content is frozen at adoption (the workflow maps the permission
to nobody). A material error (a typo, a wrong count) is still corrected by
the secretariat, through this form only: the comment is required and the
correction is recorded in the workflow history next to the transitions.
"""

from DateTime import DateTime
from imio.municipal import _
from imio.municipal.acts.content import check_votes
from imio.municipal.acts.content import IActSchema
from plone import api
from plone.z3cform.layout import wrap_form
from z3c.form import button
from z3c.form import field
from z3c.form import form
from zope import schema
from zope.event import notify
from zope.interface import Interface
from zope.interface import Invalid
from zope.lifecycleevent import ObjectModifiedEvent


CORRECTABLE = (
    "title",
    "motivation",
    "decision",
    "legal_basis",
    "members_present",
    "votes_for",
    "votes_against",
    "votes_abstention",
    "unanimity",
)
CORRECTABLE_STATES = ("adopted", "transmitted", "executory")
WORKFLOW = "municipal_act_workflow"


class ICorrectionComment(Interface):
    correction_comment = schema.Text(
        title=_("label_correction_comment", default="What is corrected and why"),
        description=_(
            "help_correction_comment",
            default="Kept in the act's history, with your name and the date.",
        ),
        required=True,
    )


class ICorrectionTitle(Interface):
    title = schema.TextLine(title=_("label_title", default="Title"))


class CorrectionForm(form.Form):
    label = _("heading_correct_act", default="Correct the adopted act")
    fields = (
        field.Fields(ICorrectionTitle)
        + field.Fields(IActSchema).select(*CORRECTABLE[1:])
        + field.Fields(ICorrectionComment)
    )
    ignoreContext = False

    def getContent(self):
        values = {name: getattr(self.context, name, None) for name in CORRECTABLE}
        values["correction_comment"] = ""
        return values

    def update(self):
        state = api.content.get_state(self.context, default="")
        if state not in CORRECTABLE_STATES:
            api.portal.show_message(
                _(
                    "message_correction_unavailable",
                    default="Only an adopted act is corrected this way; edit a draft directly.",
                ),
                request=self.request,
                type="error",
            )
            self.request.response.redirect(self.context.absolute_url())
        super().update()

    @button.buttonAndHandler(_("button_correct", default="Record the correction"), name="save")
    def handle_save(self, action):
        data, errors = self.extractData()
        if not errors:
            try:
                check_votes(
                    data["members_present"],
                    data["votes_for"],
                    data["votes_against"],
                    data["votes_abstention"],
                    data["unanimity"],
                )
            except Invalid as error:
                self.status = error.args[0]
                return
        if errors:
            self.status = self.formErrorsMessage
            return
        changed = [name for name in CORRECTABLE if data[name] != getattr(self.context, name, None)]
        if not changed:
            self.status = _("message_nothing_corrected", default="Nothing was changed.")
            return
        for name in changed:
            setattr(self.context, name, data[name])
        record_correction(self.context, data["correction_comment"], changed)
        notify(ObjectModifiedEvent(self.context))
        api.portal.show_message(
            _("message_corrected", default="The correction is recorded in the history."),
            request=self.request,
        )
        self.request.response.redirect(self.context.absolute_url())

    @button.buttonAndHandler(_("button_cancel", default="Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


def record_correction(act, comment: str, fields: list[str]) -> None:
    """A history entry (same state, action "correct") with the comment."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    state = api.content.get_state(act)
    workflow_tool.setStatusOf(
        WORKFLOW,
        act,
        {
            "action": "correct",
            "review_state": state,
            "actor": api.user.get_current().getId(),
            "comments": f"{comment.strip()} ({', '.join(fields)})",
            "time": DateTime(),
        },
    )
    act.reindexObject()


CorrectionView = wrap_form(CorrectionForm)
