"""The page of a case file: identity, applicants, deadlines, annexes, history."""

from datetime import date
from imio.municipal import deadlines
from imio.municipal import procedures
from imio.municipal.browser.history import workflow_history
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.workflows.dossier import today
from imio.municipal.workflows.dossier_states import current_deadline_field
from plone import api
from Products.Five.browser import BrowserView


def format_date(value: date | None) -> str:
    """Belgian short form, e.g. 05/03/2026."""
    return value.strftime("%d/%m/%Y") if value else ""


class DossierView(BrowserView):
    def state(self) -> str:
        return api.content.get_state(self.context, default="")

    def procedure(self):
        return procedures.get(self.context.procedure)

    def service_title(self) -> str:
        titles = municipality_of(self.context).service_titles
        return titles.get(self.context.responsible_service, self.context.responsible_service)

    def agent_name(self) -> str:
        agent = self.context.assigned_agent
        user = api.user.get(userid=agent) if agent else None
        return (user.getProperty("fullname") or agent) if user else (agent or "")

    def deadline_rows(self) -> list[dict]:
        """Each deadline with its urgency (ok / soon / overdue), the running one first."""
        running = current_deadline_field(self.context, self.state())
        rows = []
        for field, label in (
            ("completeness_deadline", "label_completeness_deadline"),
            ("decision_deadline", "label_decision_deadline"),
            ("completion_limit", "label_completion_limit"),
        ):
            value = getattr(self.context, field, None)
            if value is None:
                continue
            urgency = deadlines.urgency(value, today()) if field == running else "done"
            rows.append(
                {
                    "field": field,
                    "label": label,
                    "date": format_date(value),
                    "iso": value.isoformat(),
                    "urgency": urgency,
                    "running": field == running,
                }
            )
        rows.sort(key=lambda row: not row["running"])
        return rows

    def dates(self) -> list[tuple[str, str]]:
        names = (
            ("received_date", "label_received_date"),
            ("incompleteness_date", "label_incompleteness_date"),
            ("complements_received_date", "label_complements_received_date"),
            ("completeness_date", "label_completeness_date"),
            ("due_date", "label_due_date"),
        )
        return [
            (label, format_date(getattr(self.context, name)))
            for name, label in names
            if getattr(self.context, name, None)
        ]

    def annexes(self) -> list:
        return api.content.find(
            context=self.context,
            depth=1,
            portal_type=["File", "Image"],
            sort_on="getObjPositionInParent",
        )

    def history(self) -> list[dict]:
        return workflow_history(self.context, "municipal_dossier_workflow")
