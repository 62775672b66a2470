"""@@ouvrir-enquete-publique: the agent opens a public inquiry from the case
file, in the browser (the « Add » menu leads here, not to a bare add form:
the project and its location come from the case file, the end is computed
and every check of the opening applies)."""

from datetime import date
from imio.municipal import _
from imio.municipal.inquiries.content import HOW_TO_REACT
from imio.municipal.inquiries.opening import open_inquiry
from imio.municipal.inquiries.opening import releasable_annexes
from imio.municipal.platform.refusals import form_outcome
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


def _start(value) -> date | None:
    try:
        return date.fromisoformat(str(value or ""))
    except ValueError:
        return None


class OpenInquiryForm(BrowserView):
    errors = ()

    def __call__(self):
        if self.request.method == "POST":
            return self.submit()
        return self.index()

    def annexes(self) -> list[dict]:
        return [
            {"uid": uid, "title": annex.Title()}
            for uid, annex in releasable_annexes(self.context).items()
        ]

    def how_to_react(self) -> str:
        return self.request.form.get("how_to_react") or HOW_TO_REACT

    def submit(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        released = form.get("released") or []
        if isinstance(released, str):
            released = [released]

        def open_it() -> str:
            inquiry = open_inquiry(
                self.context,
                _start(form.get("start")),
                list(released),
                form.get("how_to_react", ""),
            )
            return inquiry.absolute_url()

        return form_outcome(
            self,
            open_it,
            _("inquiry_opened", default="The public inquiry is open: its notice is public."),
        )
