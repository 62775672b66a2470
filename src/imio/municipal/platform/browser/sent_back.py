"""On top of a file or an act sent back: who sent it back, when and why."""

from imio.municipal.platform.worklist_reasons import sent_back
from plone import api
from plone.app.layout.viewlets.common import ViewletBase


class SentBackViewlet(ViewletBase):
    def update(self):
        super().update()
        self.note = None
        workflows = api.portal.get_tool("portal_workflow").getChainFor(self.context)
        if workflows:
            self.note = sent_back(self.context, workflows[0])

    def available(self) -> bool:
        return self.note is not None
