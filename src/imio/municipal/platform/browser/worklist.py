"""The "À traiter" box on a municipality's home page."""

from imio.municipal.core.calendar import urgency
from imio.municipal.dossiers.browser.view import format_date
from imio.municipal.dossiers.workflow import today
from imio.municipal.platform.worklist import worklist
from plone import api
from plone.app.layout.viewlets.common import ViewletBase


class WorklistViewlet(ViewletBase):
    limit = 15

    def available(self) -> bool:
        return not api.user.is_anonymous()

    def update(self):
        super().update()
        self.items = []
        if self.available():
            user = api.user.get_current()
            # One more than shown: it says whether « more » is worth a link.
            self.items = worklist(self.context, user, self.limit + 1)

    def rows(self) -> list[dict]:
        workflow_tool = api.portal.get_tool("portal_workflow")
        rows = []
        for item in self.items[: self.limit]:
            workflow = workflow_tool.getWorkflowById(item.workflow)
            rows.append(
                {
                    "item": item,
                    "state_title": workflow.states[item.state].title
                    if item.state in workflow.states
                    else item.state,
                    "deadline": format_date(item.deadline),
                    "urgency": urgency(item.deadline, today()),
                }
            )
        return rows
