"""On an act or a PIC plan: what was sent to the region and what came back."""

from imio.municipal.exchange import outbox
from imio.municipal.exchange.browser.journal import message_row
from imio.municipal.platform.lookup import municipality_of
from plone import api
from plone.app.layout.viewlets import ViewletBase


class ExchangeStatusViewlet(ViewletBase):
    def update(self):
        super().update()
        self.rows = []
        if not api.user.has_permission("imio.municipal: Manage tutelle", obj=self.context):
            return
        found = outbox.messages(api.portal.get(), obj_uid=api.content.get_uuid(self.context))
        self.rows = [message_row(m, self.request) for m in found]
        # A package to deposit by hand: where it comes from and where it goes.
        base = municipality_of(self.context).absolute_url()
        for row in self.rows:
            row["package_url"] = f"{base}/@@exchange-package?message={row['id']}"
            row["journal_url"] = f"{base}/@@exchange-journal"

    def available(self) -> bool:
        return bool(self.rows)
