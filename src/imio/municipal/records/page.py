"""The register of processing activities as a page: read by the DPO and the
secretariat, completed by the DPO only, exported as CSV or PDF."""

from imio.municipal import _
from imio.municipal.authentic.authorisations import refusal
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.errors import NotAllowed
from imio.municipal.platform.refusals import reason_of
from imio.municipal.records import completion
from imio.municipal.records import register
from imio.municipal.records import services
from imio.municipal.records.register_pdf import HEADINGS
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate


COMPLETE_PERMISSION = "imio.municipal: Complete processing register"
CONTROLLER_LABELS = {
    "controller_contact": _("label_register_controller", default="Controller (name and contact)"),
    "dpo_contact": _("label_register_dpo", default="Data-protection officer (contact)"),
}
DPO_ONLY = _(
    "error_register_dpo_only",
    default="Only the data-protection officer of the municipality completes the register.",
)


class RegisterPage(BrowserView):
    error = None
    saved = False

    @property
    def can_complete(self) -> bool:
        return bool(api.user.has_permission(COMPLETE_PERMISSION, obj=self.context))

    def controller_fields(self):
        return [
            {"name": name, "label": CONTROLLER_LABELS[name], "value": self.controller.get(name, "")}
            for name in register.CONTROLLER_FIELDS
        ]

    def activity_rows(self):
        rows = []
        for activity in self.activities:
            fields = [
                {
                    "name": field,
                    "heading": heading,
                    "value": getattr(activity, field),
                    "completed": field in register.COMPLETED_FIELDS,
                }
                for field, heading in HEADINGS.items()
            ]
            rows.append({"code": activity.code, "name": activity.name, "fields": fields})
        return rows

    def _submitted(self) -> dict:
        form = self.request.form
        controller = {name: form.get(name, "") for name in register.CONTROLLER_FIELDS}
        activities = {}
        for activity in register.build_register():
            fields = {}
            for field in register.COMPLETED_FIELDS:
                key = f"{activity.code}.{field}"
                if key in form:
                    fields[field] = form[key]
            if fields:
                activities[activity.code] = fields
        return {"controller": controller, "activities": activities}

    def __call__(self):
        if self.request.method == "POST":
            try:
                if not self.can_complete:
                    raise refusal(NotAllowed, DPO_ONLY)
                completion.complete(self.context, self._submitted())
                self.saved = True
            except MunicipalRefusal as refused:
                self.request.response.setStatus(refused.status)
                self.error = reason_of(refused, self.request)
        self.controller, self.activities = completion.municipality_register(self.context)
        return self.index()


class RegisterExport(BrowserView):
    """``@@processing-register-export?format=csv`` (or ``pdf``) for the page's links."""

    def __call__(self):
        export_format = self.request.form.get("format")
        if export_format not in ("csv", "pdf"):
            self.request.response.setStatus(400)
            self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
            message = _("error_register_format", default="The register is exported as CSV or PDF.")
            return translate(message, context=self.request)
        return services.export(self.context, self.request.response, export_format)
