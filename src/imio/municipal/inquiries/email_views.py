"""The pages of an observation sent with an e-mail address: the anonymous
visitor's form and the confirmation page the e-mailed link opens.

Neither page shows anything stored: the form shows back only what its sender
just typed, the confirmation page only whether it worked.
"""

from imio.municipal import _
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.inquiries.observations import check_open
from imio.municipal.inquiries.pending import confirm
from imio.municipal.inquiries.pending import submit_by_email
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


FIELDS = ("name", "address", "email", "text")


class _RefusingPage(BrowserView):
    refusal = None
    errors = ()

    def tr(self, message) -> str:
        return translate(message, context=self.request)

    def refuse(self, refusal: MunicipalRefusal, inline: bool = False):
        if inline:
            self.errors = [self.tr(refusal.reason())]
        else:
            self.refusal = self.tr(refusal.reason())
        self.request.response.setStatus(refusal.status)
        return self.index()


class EmailObservationView(_RefusingPage):
    """@@observation-courriel: name, postal address, e-mail and text; the
    observation waits for its confirmation."""

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        self.values = {name: "" for name in FIELDS}
        if not api.user.is_anonymous():
            # Signed in: the e-counter's form, which needs no confirmation.
            self.request.response.redirect(f"{self.context.absolute_url()}/@@enquete-observation")
            return ""
        try:
            check_open(self.context)
        except MunicipalRefusal as refusal:
            return self.refuse(refusal)
        if self.request.method == "POST":
            return self.submit()
        return self.index()

    def submit(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        self.values = {
            name: form.get(name) if isinstance(form.get(name), str) else "" for name in FIELDS
        }
        try:
            submit_by_email(self.context, self.request, **self.values)
        except MunicipalRefusal as refusal:
            return self.refuse(refusal, inline=True)
        api.portal.show_message(
            self.tr(
                _(
                    "inquiry_observation_email_sent",
                    default="An e-mail was sent to the address you gave: your observation is "
                    "received when you confirm it with the link it contains, before the end "
                    "of the inquiry.",
                )
            ),
            request=self.request,
        )
        self.request.response.redirect(self.context.absolute_url())
        return ""


class ConfirmObservationView(_RefusingPage):
    """@@confirmer-observation?jeton=…: the link only shows a button (mail
    scanners open links); the button's POST confirms."""

    done = False

    def __call__(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        self.request.response.setHeader("Referrer-Policy", "no-referrer")
        self.token = self.request.form.get("jeton")
        self.token = self.token if isinstance(self.token, str) else ""
        write = self.request.method == "POST"
        if write:
            CheckAuthenticator(self.request)
        try:
            confirm(self.context, self.token, write=write)
        except MunicipalRefusal as refusal:
            return self.refuse(refusal)
        self.done = write
        return self.index()
