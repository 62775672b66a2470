"""Pages of the public inquiries: the notice, the municipality's list, the
Atom feed, a released document."""

from datetime import datetime
from datetime import timezone
from imio.municipal import _
from imio.municipal.core.calendar import BRUSSELS
from imio.municipal.counter.views import CitizenPage
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.inquiries.notices import notice
from imio.municipal.inquiries.notices import public_notices
from imio.municipal.inquiries.notices import released_annexes
from imio.municipal.inquiries.notices import updated_of
from imio.municipal.inquiries.observations import check_open
from imio.municipal.inquiries.observations import observations_for
from imio.municipal.inquiries.observations import submit_observation
from imio.municipal.platform.lookup import municipality_of
from lxml import etree
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zExceptions import Unauthorized


ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class NoticeView(BrowserView):
    """The inquiry's default view: its public notice."""

    def notice(self) -> dict:
        return notice(self.context)

    def can_react(self) -> bool:
        return api.content.get_state(self.context) == "open"

    def anonymous(self) -> bool:
        return api.user.is_anonymous()


class NoticesView(BrowserView):
    """@@enquetes-publiques on the municipality's publications folder."""

    def notices(self) -> list[dict]:
        return [notice(inquiry) for inquiry in public_notices(self.context)]

    def feed_url(self) -> str:
        return f"{self.context.absolute_url()}/@@enquetes-publiques.atom"


class NoticesFeedView(BrowserView):
    """The open inquiries as an Atom feed."""

    def __call__(self):
        municipality = municipality_of(self.context)
        inquiries = public_notices(self.context)
        feed = etree.Element(f"{{{ATOM}}}feed", {XML_LANG: "fr"}, nsmap={None: ATOM})
        etree.SubElement(
            feed, f"{{{ATOM}}}title", {XML_LANG: "fr"}
        ).text = f"Enquêtes publiques — {municipality.Title()}"
        page = f"{self.context.absolute_url()}/@@enquetes-publiques"
        etree.SubElement(feed, f"{{{ATOM}}}id").text = page
        etree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{page}.atom")
        etree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=page)
        updated = max((updated_of(inquiry) for inquiry in inquiries), default=None)
        etree.SubElement(feed, f"{{{ATOM}}}updated").text = (
            updated or datetime.now(timezone.utc)
        ).isoformat()
        author = etree.SubElement(feed, f"{{{ATOM}}}author")
        etree.SubElement(author, f"{{{ATOM}}}name").text = municipality.Title()
        for inquiry in inquiries:
            facts = notice(inquiry)
            entry = etree.SubElement(feed, f"{{{ATOM}}}entry")
            etree.SubElement(entry, f"{{{ATOM}}}title", {XML_LANG: "fr"}).text = facts["title"]
            etree.SubElement(entry, f"{{{ATOM}}}id").text = facts["@id"]
            etree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=facts["@id"])
            etree.SubElement(entry, f"{{{ATOM}}}updated").text = updated_of(inquiry).isoformat()
            etree.SubElement(entry, f"{{{ATOM}}}summary", {XML_LANG: "fr"}).text = (
                f"Enquête publique du {facts['start_text']} au {facts['end_text']} — "
                f"{facts['location']}"
            )
        self.request.response.setHeader("Content-Type", "application/atom+xml; charset=utf-8")
        return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)


class ReleasedDocumentView(BrowserView):
    """A document released for the inquiry, for whoever may read the notice.

    The case file stays private: the annex is read on the notice's behalf,
    and only if it is one of the released, still publishable annexes.
    """

    def __call__(self):
        uid = self.request.form.get("uid")
        for annex in released_annexes(self.context):
            if annex.UID() == uid:
                blob = annex.file
                response = self.request.response
                response.setHeader("Content-Type", blob.contentType)
                name = (blob.filename or "document").replace('"', "").replace("\\", "")
                response.setHeader("Content-Disposition", f'inline; filename="{name}"')
                response.setHeader("X-Content-Type-Options", "nosniff")
                return blob.data
        raise NotFound("No such document released for this inquiry")


class ObservationView(CitizenPage):
    """@@enquete-observation: a signed-in citizen sends an observation and
    reads his own ones; anyone else is sent to sign in or told why not."""

    errors = ()
    text = ""

    def __call__(self):
        if not api.user.has_permission("View", obj=self.context):
            return self.closed()
        self.user = self.citizen()
        if self.user is None and self.refusal is None:
            return ""
        if self.refusal is None and self.request.method == "POST":
            return self.submit()
        return self.index()

    def closed(self):
        """A form sent after the closing: its reason, and nothing of the notice
        (which is no longer public)."""
        try:
            check_open(self.context)
        except MunicipalRefusal as refusal:
            self.refusal = self.tr(refusal.reason())
            self.request.response.setStatus(refusal.status)
            return self.index()
        raise Unauthorized("enquete-observation")

    def notice(self) -> dict:
        return notice(self.context)

    def mine(self) -> list[dict]:
        return [
            {"date": record["submitted"].astimezone(BRUSSELS).strftime("%d/%m/%Y %H:%M"),
             "text": record["text"]}
            for record in observations_for(self.context)
        ]  # fmt: skip

    def submit(self):
        CheckAuthenticator(self.request)
        self.text = self.request.form.get("text", "")
        try:
            submit_observation(self.context, self.text)
        except MunicipalRefusal as refusal:
            self.errors = [self.tr(refusal.reason())]
            self.request.response.setStatus(refusal.status)
            return self.index()
        api.portal.show_message(
            self.tr(
                _(
                    "inquiry_observation_received",
                    default="Your observation was received. It is kept with the case file and "
                    "is not published.",
                )
            ),
            request=self.request,
        )
        self.request.response.redirect(f"{self.context.absolute_url()}/@@enquete-observation")
        return ""
