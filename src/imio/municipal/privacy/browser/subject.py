"""The DPO's search for a person, and its export as JSON or a PDF summary."""

from imio.municipal import _
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.refusals import reason_of
from imio.municipal.privacy import data_subject
from imio.municipal.privacy.refusals import PrivacyInputRefusal
from imio.municipal.privacy.summary_pdf import Line
from imio.municipal.privacy.summary_pdf import summary_pdf
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate

import json


SECTIONS = (
    ("dossiers", _("subject_section_dossiers", default="Case files")),
    ("acts", _("subject_section_acts", default="Acts")),
    ("publications", _("subject_section_publications", default="Publications")),
    ("exchanges", _("subject_section_exchanges", default="Messages sent to the Region")),
    ("journal", _("subject_section_journal", default="Accesses to the person's data")),
)


def state_title(row: dict, request) -> str:
    """The French (user's language) title of a row's review state, not its id."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    title = workflow_tool.getTitleForStateOnType(row["review_state"], row["portal_type"])
    return translate(title or row["review_state"], domain="plone", context=request)


class DataSubjectView(BrowserView):
    error = None
    report = None

    def t(self, message) -> str:
        return translate(message, context=self.request)

    def state_title(self, row: dict) -> str:
        return state_title(row, self.request)

    def sections(self):
        return [{"name": name, "title": self.t(title)} for name, title in SECTIONS]

    def export_query(self, fmt: str) -> str:
        person = self.report["person"]
        return urlencode({"niss": person["niss"], "name": person["name"], "format": fmt})

    @property
    def can_record_request(self) -> bool:
        permission = "imio.municipal: Add DataSubjectRequest"
        return bool(api.user.has_permission(permission, obj=self.context))

    def request_query(self) -> str:
        """The request form filled with the person found."""
        person = self.report["person"]
        return urlencode({"niss": person["niss"], "requester": person["name"], "kind": "access"})

    def __call__(self):
        form = self.request.form
        if form.get("niss") or form.get("name"):
            try:
                person = data_subject.person_from(form)
                self.report = data_subject.search(self.context, person, source="view")
            except MunicipalRefusal as refusal:  # bad input (400), the journal down (503)
                self.error = reason_of(refusal, self.request)
                self.request.response.setStatus(refusal.status)
                return self.index()
        return self.index()


def summary_lines(report: dict, t, state=lambda row: row["review_state"]) -> list[Line]:
    """The report as lines of text (the PDF summary)."""
    person = report["person"]
    lines = [
        Line(
            t(
                _(
                    "subject_summary_intro",
                    default="Personal data held by ${municipality} on ${person}.",
                    mapping={
                        "municipality": report["municipality"],
                        "person": " / ".join(v for v in (person["name"], person["niss"]) if v),
                    },
                )
            )
        )
    ]
    for name, title in SECTIONS:
        rows = report[name]
        lines += [Line(""), Line(f"{t(title)} ({len(rows)})", True)]
        for row in rows:
            if name in ("dossiers", "acts"):
                lines.append(Line(f"- {row['reference']} {row['title']} ({state(row)})"))
            elif name == "publications":
                lines.append(Line(f"- {row['title']}"))
                for item in row["findings"]:
                    action = t(_("subject_released", default="released"))
                    if item["action"] != "release":
                        action = t(_("subject_masked", default="masked"))
                    reason = f" : {item['reason']}" if item["reason"] else ""
                    lines.append(Line(f"    « {item['text']} » {action}{reason}"))
            elif name == "exchanges":
                lines.append(Line(f"- {row['created'][:10]} {row['target']} {row['title']}"))
            else:
                lines.append(
                    Line(f"- {row['local_time']} {row['user_id']} {row['source']} {row['path']}")
                )
    return lines


class DataSubjectExport(BrowserView):
    def __call__(self):
        response = self.request.response
        fmt = self.request.form.get("format", "json")
        try:
            if fmt not in ("json", "pdf"):
                raise PrivacyInputRefusal(
                    _("error_subject_format", default="The export is JSON or PDF.")
                )
            person = data_subject.person_from(self.request.form)
            report = data_subject.search(self.context, person, source=f"export {fmt}")
        except MunicipalRefusal as refusal:
            response.setStatus(refusal.status)
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return reason_of(refusal, self.request)
        filename = f"donnees-personnelles-{person.niss or 'recherche'}.{fmt}"
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        if fmt == "json":
            response.setHeader("Content-Type", "application/json")
            return json.dumps(report, ensure_ascii=False, indent=2)
        t = lambda message: translate(message, context=self.request)  # noqa: E731
        title = t(_("subject_summary_title", default="Access request: summary"))
        response.setHeader("Content-Type", "application/pdf")
        lines = summary_lines(report, t, lambda row: state_title(row, self.request))
        return summary_pdf(title, lines, author=self.context.Title())
