"""REST: the register of processing activities of a municipality.

``GET <municipality>/@processing-register`` answers it as JSON, with
``?format=csv`` as a CSV file, ``?format=pdf`` as a PDF file; ``PATCH``
completes it, for the data-protection officer only (``{"controller":
{"controller_contact": ..., "dpo_contact": ...}, "activities": {"pu":
{"security_measures": ..., "transfers_outside_eu": ..., "notes": ...}}}``).
Refusals answer 400 with their reason and change nothing.
"""

from dataclasses import asdict
from imio.municipal.core.calendar import belgian_today
from imio.municipal.platform.services.body import json_object
from imio.municipal.records import completion
from imio.municipal.records import register
from imio.municipal.records import register_pdf
from plone.restapi.services import Service
from zope.interface import alsoProvides

import plone.protect.interfaces


def register_header(municipality, controller: dict) -> dict[str, str]:
    """The lines heading the register's exports."""
    return {
        "Commune": municipality.Title(),
        "Code INS": municipality.ins_code or "",
        "Responsable du traitement": controller.get("controller_contact", ""),
        "Délégué à la protection des données": controller.get("dpo_contact", ""),
    }


def export(municipality, response, export_format: str) -> bytes:
    """The register as a CSV or PDF attachment written on ``response``."""
    controller, activities = completion.municipality_register(municipality)
    header = register_header(municipality, controller)
    filename = f"registre-traitements-{municipality.getId()}.{export_format}"
    response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
    if export_format == "pdf":
        response.setHeader("Content-Type", "application/pdf")
        edited = belgian_today().strftime("%d/%m/%Y")
        return register_pdf.register_pdf(activities, header, edited)
    response.setHeader("Content-Type", "text/csv; charset=utf-8")
    return register.register_csv(activities, header).encode("utf-8")


class RegisterGet(Service):
    def render(self):
        export_format = self.request.form.get("format")
        if export_format not in ("csv", "pdf"):
            return super().render()
        return export(self.context, self.request.response, export_format)

    def reply(self):
        controller, activities = completion.municipality_register(self.context)
        return {
            "municipality": self.context.Title(),
            "controller": controller,
            "activities": [asdict(activity) for activity in activities],
        }


class RegisterPatch(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = json_object(self.request)
        completion.complete(self.context, data)
        return RegisterGet.reply(self)
