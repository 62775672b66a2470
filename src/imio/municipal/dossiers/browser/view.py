"""The page of a case file: identity, applicants, deadlines, the decision and,
for a file from the permit platform, what went back to it; annexes, history."""

from datetime import date
from imio.municipal import _
from imio.municipal.authentic.lookup import filled_fields
from imio.municipal.core import calendar
from imio.municipal.dossiers import procedures
from imio.municipal.dossiers.content import DECISIONS
from imio.municipal.dossiers.states import current_deadline_field
from imio.municipal.dossiers.workflow import today
from imio.municipal.exchange import permits_responses
from imio.municipal.exchange.browser.journal import STATE_LABELS
from imio.municipal.platform.browser.history import workflow_history
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.platform.page_bundles import leave_out_form_bundles
from plone import api
from plone.memoize.instance import memoize
from Products.Five.browser import BrowserView
from zope.i18n import translate


def format_date(value: date | None) -> str:
    """Belgian short form, e.g. 05/03/2026."""
    return value.strftime("%d/%m/%Y") if value else ""


RESPONSE_KINDS = {
    "completeness": _("permit_response_completeness", default="Completeness"),
    "decision": _("permit_response_decision", default="Decision"),
}


class DossierView(BrowserView):
    def __call__(self, *args, **kwargs):
        leave_out_form_bundles(self.request)  # a page, not a form
        return self.index(*args, **kwargs)

    def authentic_marks(self) -> list[list[str]]:
        """Per applicant, the fields still as the authentic sources gave them."""
        if not hasattr(self, "_authentic_marks"):
            self._authentic_marks = filled_fields(self.context)
        return self._authentic_marks

    def state(self) -> str:
        return api.content.get_state(self.context, default="")

    def procedure(self):
        return procedures.get(self.context.procedure)

    def service_title(self) -> str:
        titles = municipality_of(self.context).service_titles
        return titles.get(self.context.responsible_service, self.context.responsible_service)

    @memoize  # the template asks twice
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
            urgency = calendar.urgency(value, today()) if field == running else "done"
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

    @memoize  # the template asks twice
    def annexes(self) -> list:
        return api.content.find(
            context=self.context,
            depth=1,
            portal_type=["File", "Image"],
            sort_on="getObjPositionInParent",
        )

    def history(self) -> list[dict]:
        return workflow_history(self.context, "municipal_dossier_workflow")

    def decision(self) -> dict | None:
        """The decision (its label) and its date, when recorded."""
        value = getattr(self.context, "decision", None)
        decided_on = getattr(self.context, "decision_date", None)
        if value is None and decided_on is None:
            return None
        label = ""
        if value in DECISIONS:
            label = translate(DECISIONS.getTerm(value).title, context=self.request)
        return {"value": value or "", "label": label, "date": format_date(decided_on)}

    def platform(self) -> dict | None:
        """For a file from the permit platform: its references and what was
        answered (kind, delivery state, receipt); None for other files."""
        if not permits_responses.from_platform(self.context):
            return None
        local = api.portal.get_localized_time
        rows = []
        for message in reversed(permits_responses.responses(self.context)):
            kind = permits_responses.message_kind(message)
            rows.append(
                {
                    "kind": kind,
                    "kind_label": translate(RESPONSE_KINDS.get(kind, kind), context=self.request),
                    "created": local(message.created_at, long_format=True),
                    "state": message.state,
                    "state_label": translate(STATE_LABELS[message.state], context=self.request),
                    "receipt": message.receipt_id or "",
                    "receipt_at": (
                        local(message.receipt_at, long_format=True) if message.receipt_at else ""
                    ),
                }
            )
        state = self.state()
        return {
            "reference": getattr(self.context, "permit_platform_reference", None) or "",
            "notification": self.context.permit_notification_id,
            "responses": rows,
            "to_transmit": state == "decided",
            "awaiting_receipt": state == "transmitted",
        }
