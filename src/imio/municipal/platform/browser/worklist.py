"""The "À traiter" box on a municipality's home page, and the full list."""

from imio.municipal import _
from imio.municipal.core.calendar import urgency
from imio.municipal.dossiers.browser.view import format_date
from imio.municipal.dossiers.workflow import today
from imio.municipal.platform.worklist import full_worklist
from imio.municipal.platform.worklist import worklist
from imio.municipal.platform.worklist import worklist_counts
from imio.municipal.platform.worklist_reasons import explain
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized


KIND_LABELS = {
    ("Dossier", "handle"): _("kind_dossier_handle", default="Case files to handle"),
    ("Dossier", "validate"): _("kind_dossier_validate", default="Case files to propose"),
    ("Dossier", "decide"): _("kind_dossier_decide", default="Case files to decide"),
    ("Act", "handle"): _("kind_act_handle", default="Acts to write"),
    ("Act", "validate"): _("kind_act_validate", default="Acts to check"),
    ("Act", "decide"): _("kind_act_decide", default="Acts to follow up"),
}


def kind_label(kind):
    return KIND_LABELS.get(kind, kind[1])


def rows_of(items) -> list[dict]:
    """What the templates show of each item: links, state, why now, deadline."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    day = today()
    rows = []
    for item in items:
        workflow = workflow_tool.getWorkflowById(item.workflow)
        obj = api.content.get(path=item.path) if item.path else None
        rows.append(
            {
                "item": item,
                "state_title": workflow.states[item.state].title
                if item.state in workflow.states
                else item.state,
                "why": explain(item, obj, day) if obj is not None else None,
                "deadline": format_date(item.deadline),
                "urgency": urgency(item.deadline, day),
            }
        )
    return rows


def count_rows(counts, base_url: str) -> list[dict]:
    return [
        {
            "label": kind_label(kind),
            "count": count,
            "url": f"{base_url}/@@worklist#kind-{kind[0]}-{kind[1]}",
            "kind": f"{kind[0]}-{kind[1]}",
        }
        for kind, count in sorted(counts.items())
    ]


class WorklistViewlet(ViewletBase):
    limit = 15

    def available(self) -> bool:
        return not api.user.is_anonymous()

    def update(self):
        super().update()
        self.items = []
        self.counts = {}
        if self.available():
            user = api.user.get_current()
            # The most urgent ones from the deadline queue; the counts from
            # the catalog: neither loads every item at 100 000 case files.
            self.items = worklist(self.context, user, self.limit)
            self.counts = worklist_counts(self.context, user)

    def rows(self) -> list[dict]:
        return rows_of(self.items)

    def count_rows(self) -> list[dict]:
        return count_rows(self.counts, self.context.absolute_url())

    def total(self) -> int:
        return sum(self.counts.values())


class WorklistView(BrowserView):
    """Everything waiting for the user in the municipality, by kind, and
    what waits for someone else (the Region) apart."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("the worklist is for staff")
        user = api.user.get_current()
        items = full_worklist(self.context, user)
        self.todo = [item for item in items if not item.waiting]
        self.waiting = [item for item in items if item.waiting]
        return self.index()

    def sections(self) -> list[dict]:
        kinds = {}
        for item in self.todo:
            kinds.setdefault((item.portal_type, item.reason), []).append(item)
        return [
            {
                "anchor": f"kind-{kind[0]}-{kind[1]}",
                "label": kind_label(kind),
                "count": len(items),
                "rows": rows_of(items),
            }
            for kind, items in sorted(kinds.items())
        ]

    def waiting_rows(self) -> list[dict]:
        return rows_of(self.waiting)
