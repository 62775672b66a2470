"""The pages of one request: the citizen's (« Ma démarche »: what is
missing, the documents, the messages), the decision download, and the
service's messages page on the case file."""

from imio.municipal import _
from imio.municipal.counter.complements import send_complements
from imio.municipal.counter.filing import FilingRefused
from imio.municipal.counter.messages import CITIZEN
from imio.municipal.counter.messages import is_staff_of
from imio.municipal.counter.messages import messages_of
from imio.municipal.counter.messages import post_message
from imio.municipal.counter.messages import SERVICE
from imio.municipal.counter.ownership import own_request
from imio.municipal.counter.pieces import Upload
from imio.municipal.counter.request_detail import decision_annexes
from imio.municipal.counter.request_detail import request_detail
from imio.municipal.counter.views import CitizenPage
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.refusals import form_outcome
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import NotFound


def _uploads(files) -> list:
    files = files if isinstance(files, list) else [files] if files else []
    uploads = [Upload(getattr(f, "filename", "") or "", f.read()) for f in files if f]
    return [u for u in uploads if u.filename or u.data]


class MyRequestView(CitizenPage):
    """``@@ma-demarche?uid=<uid>``; POST ``action=pieces`` or ``action=message``."""

    errors = ()

    def __call__(self):
        self.user = self.citizen()
        if self.user is None:
            return self.index() if self.refusal else ""
        try:
            self.dossier = own_request(self.user, self.request.form.get("uid") or "")
        except MunicipalRefusal:
            raise NotFound(self.request.form.get("uid")) from None
        if self.request.method == "POST":
            return self.submit()
        return self.index()

    def detail(self) -> dict:
        return request_detail(self.dossier, self.request)

    def url(self) -> str:
        return f"{api.portal.get().absolute_url()}/@@ma-demarche?uid={self.dossier.UID()}"

    def submit(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        try:
            if form.get("action") == "pieces":
                send_complements(self.dossier, self.user, _uploads(form.get("pieces")))
                done = _(
                    "counter_pieces_sent",
                    default="Your pieces were sent: the service checks your file again.",
                )
            else:
                post_message(self.dossier, self.user, CITIZEN, form.get("text"))
                done = _("counter_message_sent", default="Your message was sent to the service.")
        except FilingRefused as refused:
            self.errors = [self.tr(message) for message in refused.messages]
            self.request.response.setStatus(400)
            return self.index()
        except MunicipalRefusal as refusal:
            self.errors = [self.tr(refusal.reason())]
            self.request.response.setStatus(refusal.status)
            return self.index()
        api.portal.show_message(self.tr(done), request=self.request)
        self.request.response.redirect(self.url())
        return ""


class DecisionView(CitizenPage):
    """A decision annex of the citizen's own request, once notified."""

    def __call__(self):
        user = self.citizen()
        if user is None:
            return self.refusal or ""
        try:
            dossier = own_request(user, self.request.form.get("uid") or "")
        except MunicipalRefusal:
            raise NotFound(self.request.form.get("uid")) from None
        wanted = self.request.form.get("id")
        found = [annex for annex in decision_annexes(dossier) if annex.getId() == wanted]
        if not found:
            raise NotFound(wanted)
        blob = found[0].file
        response = self.request.response
        response.setHeader("Content-Type", blob.contentType)
        response.setHeader("Content-Disposition", f'attachment; filename="{wanted}"')
        response.setHeader("Cache-Control", "private, no-store")
        return blob.data


class StaffMessagesView(BrowserView):
    """The messages with the applicant, on the case file (its readers)."""

    errors = ()

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)

            def post() -> str:
                text = self.request.form.get("text")
                post_message(self.context, api.user.get_current(), SERVICE, text)
                return f"{self.context.absolute_url()}/@@messages-demandeur"

            sent = _(
                "counter_message_sent_citizen", default="Your message was sent to the applicant."
            )
            return form_outcome(self, post, sent)
        return self.index()

    def messages(self) -> list[dict]:
        return messages_of(self.context)

    def can_write(self) -> bool:
        return is_staff_of(self.context, api.user.get_current())
