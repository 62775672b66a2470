"""The citizen's pages: « Mes démarches », the receipt, and the filing form.

Citizens never hold a permission on the case files: these views find their
files by the NISS of the signed-in account (unrestricted catalog search) and
show only what is meant for them.
"""

from imio.municipal import _
from imio.municipal.counter.catalogue import text_in
from imio.municipal.counter.filing import current_citizen
from imio.municipal.counter.filing import file_request
from imio.municipal.counter.filing import FilingRefused
from imio.municipal.counter.filing import NotACitizen
from imio.municipal.counter.follow import citizen_requests
from imio.municipal.counter.follow import offering_municipalities
from imio.municipal.counter.offers import offered_request
from imio.municipal.counter.offers import offered_requests
from imio.municipal.counter.pieces import Upload
from imio.municipal.counter.receipts import RECEIPT_ID
from imio.municipal.counter.receipts import receipt_of
from imio.municipal.errors import MunicipalRefusal
from pas.plugins.oidc import PLUGIN_ID
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from urllib.parse import quote
from zExceptions import NotFound
from zope.i18n import translate


def sign_in_url(came_from: str) -> str:
    portal = api.portal.get().absolute_url()
    return f"{portal}/acl_users/{PLUGIN_ID}/login?came_from={quote(came_from)}"


def _belgian(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


class CitizenPage(BrowserView):
    """Anonymous visitors are sent to the citizens' sign-in; others who are
    not citizens (staff) are told this page is not for them."""

    refusal = None

    def citizen(self):
        if api.user.is_anonymous():
            self.request.response.redirect(sign_in_url(self.request.getURL()))
            return None
        try:
            return current_citizen()
        except NotACitizen as refusal:
            self.refusal = translate(refusal.reason(), context=self.request)
            self.request.response.setStatus(403)
            return None

    def tr(self, message) -> str:
        return translate(message, context=self.request)


class MyRequestsView(CitizenPage):
    def __call__(self):
        self.user = self.citizen()
        if self.user is None and self.refusal is None:
            return ""
        return self.index()

    def municipalities(self) -> list[dict]:
        return offering_municipalities()

    def rows(self) -> list[dict]:
        return citizen_requests(self.user, self.request)


class ReceiptView(CitizenPage):
    """The acknowledgement (PDF) or its timestamp (``?format=tsr``), to the
    citizen whose NISS is on the file only."""

    def __call__(self):
        user = self.citizen()
        if user is None:
            return self.refusal or ""
        uid = self.request.form.get("uid") or ""
        brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
            UID=uid, portal_type="Dossier", applicant_niss=user.getProperty("niss")
        )
        if len(brains) != 1:
            raise NotFound(uid)
        dossier = brains[0]._unrestrictedGetObject()
        stored = receipt_of(dossier)
        if stored is None:
            raise NotFound(uid)
        if self.request.form.get("format") == "tsr":
            if stored.get("timestamp") is None:
                raise NotFound(uid)
            data, content_type, name = (
                stored["timestamp"].data,
                "application/timestamp-reply",
                f"{RECEIPT_ID}.tsr",
            )
        else:
            data = dossier._getOb(RECEIPT_ID).file.data
            content_type, name = "application/pdf", f"{RECEIPT_ID}.pdf"
        response = self.request.response
        response.setHeader("Content-Type", content_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        response.setHeader("Cache-Control", "private, no-store")
        return data


class FileRequestView(CitizenPage):
    """A municipality's online requests (``@@demarches``), one form each
    (``?demarche=<id>``), the filing on POST."""

    errors = ()
    values = None

    def __call__(self):
        self.user = self.citizen()
        if self.user is None and self.refusal is None:
            return ""
        if self.refusal is None and self.request.method == "POST":
            return self.submit()
        return self.index()

    def offers(self) -> list[dict]:
        url = self.context.absolute_url()
        return [
            {"id": d.id, "title": d.label("fr"), "url": f"{url}/@@demarches?demarche={d.id}"}
            for d in offered_requests(self.context).values()
        ]

    def definition(self):
        request_id = self.request.form.get("demarche")
        if not request_id:
            return None
        try:
            return offered_request(self.context, request_id)
        except MunicipalRefusal as refusal:
            self.errors = [self.tr(refusal.reason())]
            self.request.response.setStatus(400)
            return None

    def fields(self, definition) -> list[dict]:
        values = self.values or {}
        return [
            {
                "name": field.name,
                "label": text_in(field.label, "fr"),
                "required": field.required,
                "max_length": field.max_length,
                "long": field.max_length > 300,
                "value": values.get(field.name, ""),
            }
            for field in definition.fields
        ]

    def pieces(self, definition) -> list[dict]:
        return [
            {
                "id": piece.id,
                "label": text_in(piece.label, "fr"),
                "required": piece.required,
                "types": ", ".join(kind.upper() for kind in piece.types),
                "max_mb": f"{piece.max_bytes / 1_000_000:.0f}",
                "accept": ",".join(f".{kind}" for kind in piece.types),
            }
            for piece in definition.pieces
        ]

    def submit(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        request_id = form.get("demarche") or ""
        try:
            definition = offered_request(self.context, request_id)
            self.values = {field.name: form.get(field.name, "") for field in definition.fields}
            uploads = {}
            for piece in definition.pieces:
                files = form.get(f"piece-{piece.id}")
                files = files if isinstance(files, list) else [files] if files else []
                uploads[piece.id] = [
                    Upload(getattr(f, "filename", "") or "", f.read()) for f in files if f
                ]
                uploads[piece.id] = [u for u in uploads[piece.id] if u.filename or u.data]
            dossier = file_request(self.context, request_id, self.values, uploads)
        except FilingRefused as refused:
            self.errors = [self.tr(message) for message in refused.messages]
            self.request.response.setStatus(400)
            return self.index()
        except MunicipalRefusal as refusal:
            self.errors = [self.tr(refusal.reason())]
            self.request.response.setStatus(refusal.status)
            return self.index()
        api.portal.show_message(
            self.tr(
                _(
                    "counter_filed",
                    default="Your request was filed as ${reference}: the acknowledgement of "
                    "sending is in « My requests » and in your mailbox.",
                    mapping={"reference": dossier.reference},
                )
            ),
            request=self.request,
        )
        self.request.response.redirect(f"{api.portal.get().absolute_url()}/@@mes-demarches")
        return ""
