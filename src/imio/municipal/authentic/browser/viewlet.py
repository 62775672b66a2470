"""« Compléter depuis les sources authentiques » in a case file's edit form.

A button beside each applicant's NISS/BCE asks ``@authentic-lookup`` (the
same service API clients use) and fills the row's name and address, marked
as coming from the source. Only in the edit form of an existing case file:
no lookup outside a case file.
"""

from imio.municipal.authentic.lookup import available_purposes
from plone import api
from plone.app.layout.viewlets import ViewletBase
from zope.i18n import translate


class AuthenticLookupViewlet(ViewletBase):
    def update(self):
        super().update()
        self.purposes = []
        if getattr(self.view, "__name__", "") != "edit":
            return
        if not api.user.has_permission("Modify portal content", obj=self.context):
            return
        self.purposes = [
            {"id": p.id, "title": translate(p.title, context=self.request)}
            for p in available_purposes(self.context)
        ]

    def available(self) -> bool:
        return bool(self.purposes)

    def service_url(self) -> str:
        return f"{self.context.absolute_url()}/@authentic-lookup"
