"""The secretariat's form to correct an adopted act (the rule: acts/correction.py)."""

from imio.municipal import _
from imio.municipal.acts.content import IActSchema
from imio.municipal.acts.correction import check_correctable
from imio.municipal.acts.correction import correct_act
from imio.municipal.acts.correction import CORRECTABLE
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.refusals import show_refusal
from plone import api
from plone.z3cform.layout import wrap_form
from z3c.form import button
from z3c.form import field
from z3c.form import form
from zope import schema
from zope.interface import Interface


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
        try:
            check_correctable(self.context)
        except MunicipalRefusal as refused:
            show_refusal(refused, self.request)
            self.request.response.redirect(self.context.absolute_url())
        super().update()

    @button.buttonAndHandler(_("button_correct", default="Record the correction"), name="save")
    def handle_save(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        comment = data.pop("correction_comment")
        try:
            changed = correct_act(self.context, data, comment)
        except MunicipalRefusal as refused:
            self.status = refused.reason()
            return
        if not changed:
            self.status = _("message_nothing_corrected", default="Nothing was changed.")
            return
        api.portal.show_message(
            _("message_corrected", default="The correction is recorded in the history."),
            request=self.request,
        )
        self.request.response.redirect(self.context.absolute_url())

    @button.buttonAndHandler(_("button_cancel", default="Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


CorrectionView = wrap_form(CorrectionForm)
