"""Generating official documents: clear refusals, and the deliberation stored as annex.

documentgenerator's ``document-generation`` view renders a template on its
context; for our types it is replaced by :class:`GenerationView`, which
checks first (template, format, type, state, required values, LibreOffice)
and answers a refusal with a message instead of a traceback: a status
message and a redirect for a browser, a JSON error for an API client. A
refused generation writes nothing (the transaction is doomed).
"""

from AccessControl import Unauthorized
from collective.documentgenerator import config
from collective.documentgenerator.browser.generation_view import DocumentGenerationView
from collective.documentgenerator.content.pod_template import IPODTemplate
from imio.municipal import _
from imio.municipal import logger
from imio.municipal.documents import libreoffice
from imio.municipal.documents import pdfa
from imio.municipal.documents.condition import helper_for
from imio.municipal.documents.condition import refusal
from imio.municipal.documents.condition import renders_internally
from imio.municipal.documents.condition import spec_of
from imio.municipal.documents.definitions import CONVERTED
from imio.municipal.documents.definitions import FOLDER_ID
from imio.municipal.documents.masking import NoMaskerError
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.publication.signatures import sign_document
from imio.municipal.publication.signatures import SIGNATURE_PROBLEMS
from imio.municipal.publication.signatures import SigningRefused
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.i18n.normalizer.interfaces import IIDNormalizer
from plone.namedfile.file import NamedBlobFile
from plone.protect import CheckAuthenticator
from ZODB.POSException import ConflictError
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtility
from zope.i18n import translate

import html
import json
import os
import transaction


# Where the act keeps the UID of its stored deliberation PDF (the e-Tutelle
# package sends that file).
STORED_PDF_KEY = "imio.municipal.documents.deliberation_pdf"
STORE_STATES = ("adopted", "transmitted", "executory")


class Refusal(MunicipalRefusal):
    def __init__(self, message, status=400, kind="BadRequest"):
        super().__init__(message)
        self.message = message
        self.status = status
        self.kind = kind


def converter_available() -> bool:
    """The LibreOffice server answers and the UNO Python exists."""
    uno = config.get_uno_path()
    if not uno or not os.path.exists(uno):
        return False
    ports = config.get_oo_port_list()
    return bool(ports) and libreoffice.listening(config.get_oo_server(), ports[0])


UNAVAILABLE = _(
    "document_converter_unavailable",
    default="PDF and DOCX output is unavailable: the LibreOffice server does not answer. "
    "ODT output still works; ask the platform administrator to start LibreOffice.",
)


def find_template(context, template_uid):
    """Our templates are private: looked up unrestricted, by UID or by id."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = []
    if template_uid:
        brains = catalog.unrestrictedSearchResults(
            object_provides=IPODTemplate.__identifier__, UID=template_uid
        )
    if not brains:
        raise Refusal(
            _("document_template_not_found", default="This document template does not exist."),
            status=404,
            kind="NotFound",
        )
    return context.unrestrictedTraverse(brains[0].getPath())


def template_by_id(template_id):
    folder = api.portal.get().get(FOLDER_ID)
    template = folder.get(template_id) if folder is not None else None
    if template is None:
        raise Refusal(
            _("document_template_not_found", default="This document template does not exist."),
            status=404,
            kind="NotFound",
        )
    return template


class GenerationMixin:
    """Checks before rendering, and the answer to a refusal."""

    #: Render the public version (personal data masked, see masking.py): the
    #: publication sets it before calling ``render``.
    public_version = False
    #: The subject written in the file's metadata instead of the item's title
    #: (the publication gives the masked title).
    subject = None

    def get_generation_context_helper(self):
        helper = super().get_generation_context_helper()
        if self.public_version:
            helper.public_version = True
        return helper

    def check(self, pod_template, output_format):
        if output_format not in pod_template.get_available_formats():
            raise Refusal(
                _(
                    "document_format_unavailable",
                    default="« ${document} » is not available as ${format}.",
                    mapping={"document": pod_template.Title(), "format": output_format or "?"},
                )
            )
        internal = renders_internally(self.request)
        reason = refusal(pod_template, self.context, self.request, internal=internal)
        if reason is not None:
            raise Refusal(reason)
        spec = spec_of(pod_template)
        if spec is not None and spec.required:
            helper = helper_for(self.context, self.request)
            missing = helper.missing_values(spec.required)
            if missing:
                raise Refusal(
                    _(
                        "document_missing_values",
                        default="« ${document} » cannot be generated: ${missing} missing "
                        "on this item.",
                        mapping={
                            "document": pod_template.Title(),
                            "missing": ", ".join(
                                translate(MISSING_LABELS.get(name, name), context=self.request)
                                for name in missing
                            ),
                        },
                    )
                )
        if output_format in CONVERTED and not converter_available():
            raise Refusal(UNAVAILABLE, status=503, kind="ServiceUnavailable")

    def render(self, pod_template, output_format):
        """(bytes, filename) of the document; rendering errors become refusals."""
        self.pod_template, self.output_format = pod_template, output_format
        try:
            title, author, subject = self.document_metadata()
            options = {"metadata": html.escape(title, quote=False)}
            if output_format == "pdf":
                options["pdfOptions"] = pdfa.PDF_OPTIONS
            data, filename, _context = self._generate_doc(
                pod_template, output_format, raiseOnError=True, **options
            )
            if output_format == "pdf":
                data = pdfa.describe(data, title, author, subject)
        except (ConflictError, Unauthorized, Refusal):
            raise
        except Exception as error:
            original = getattr(error, "originalError", None)
            if isinstance(error, NoMaskerError) or isinstance(original, NoMaskerError):
                raise Refusal(
                    _(
                        "document_public_version_unavailable",
                        default="The public version is not available yet.",
                    )
                ) from error
            if output_format in CONVERTED and not converter_available():
                raise Refusal(UNAVAILABLE, status=503, kind="ServiceUnavailable") from error
            logger.exception("Document %s could not be generated", pod_template.getId())
            raise Refusal(
                _(
                    "document_generation_failed",
                    default="« ${document} » could not be generated; the error was logged "
                    "for the platform administrator.",
                    mapping={"document": pod_template.Title()},
                ),
                status=500,
                kind="InternalServerError",
            ) from error
        return data, filename

    def document_metadata(self) -> tuple[str, str, str]:
        """(title, author, subject) written into the file: « Délibération n° 2026/conseil/6 »,
        the municipality, the item's title."""
        context = self.context
        number = getattr(context, "number", None)
        reference = getattr(context, "reference", None)
        name = self.pod_template.Title()
        if number:
            title = f"{name} n° {number}"
        elif reference:
            title = f"{name} {reference}"
        else:
            title = f"{name} — {context.Title()}"
        municipality = municipality_of(context)
        # As the documents' heading names it.
        author = f"Commune de {municipality.Title()}" if municipality is not None else ""
        return title, author, self.subject or context.Title()

    def _get_filename(self):
        """« deliberation-2026-conseil-6.pdf », « accuse-de-reception-2026-pu-4.pdf ».

        (documentgenerator 4.0 formats bytes into the name on Python 3:
        « bDeliberation ….pdf ».)
        """
        context = self.context
        identifier = (
            getattr(context, "number", None)
            or getattr(context, "reference", None)
            or context.Title()
        )
        name = f"{self.pod_template.Title()} {identifier.replace('/', ' ')}"
        normalized = getUtility(IIDNormalizer).normalize(name, max_length=100)
        return f"{normalized}.{self.output_format}"

    def refuse(self, refused: Refusal):
        transaction.doom()
        text = translate(refused.message, context=self.request)
        accept = self.request.getHeader("Accept") or ""
        response = self.request.response
        if "text/html" in accept:
            api.portal.show_message(text, request=self.request, type="error")
            response.redirect(self.context.absolute_url())
            return ""
        response.setStatus(refused.status)
        response.setHeader("Content-Type", "application/json")
        return json.dumps({"error": {"type": refused.kind, "message": text}})


MISSING_LABELS = {
    "raw_number": _("label_act_number", default="Number"),
    "raw_session_date": _("label_session_date", default="Session date"),
    "raw_decision": _("label_decision", default="Decision"),
    "raw_reference": _("label_reference", default="Reference"),
    "raw_received_date": _("label_received_date", default="Received on"),
    "raw_acknowledgement_dates": _(
        "document_missing_acknowledgement",
        default="the completeness date (complete file) or the missing pieces and the "
        "limit to complete (incomplete file)",
    ),
}


class GenerationView(GenerationMixin, DocumentGenerationView):
    """``@@document-generation?template_uid=…&output_format=pdf`` on our types."""

    def __call__(self, template_uid="", output_format="", **kwargs):
        try:
            pod_template = find_template(self.context, template_uid or self.get_pod_template_uid())
            output_format = output_format or self.get_generation_format()
            self.check(pod_template, output_format)
            data, filename = self.render(pod_template, output_format)
        except Refusal as refused:
            return self.refuse(refused)
        self._set_header_response(filename)
        return data


def stored_pdf(act):
    uid = IAnnotations(act).get(STORED_PDF_KEY)
    return uuidToObject(uid, unrestricted=True) if uid else None


def store_refusal(act):
    """Why the deliberation PDF cannot be stored on act now (a message), or None."""
    state = api.content.get_state(act, default=None)
    if state not in STORE_STATES:
        return _(
            "document_store_refused_state",
            default="The deliberation is stored as annex once the act is adopted.",
        )
    if not api.user.has_permission("Modify portal content", obj=act):
        return _(
            "document_store_refused_permission",
            default="Only the secretariat stores the deliberation.",
        )
    if state != "adopted" and stored_pdf(act) is not None:
        return _(
            "document_store_refused_sent",
            default="The deliberation was stored before the act was transmitted: it is "
            "not replaced.",
        )
    return None


def store_deliberation_pdf(act, data: bytes):
    """Keep the deliberation PDF as an annex of the act (replace the previous one)."""
    filename = f"deliberation-{(act.number or act.getId()).replace('/', '-')}.pdf"
    blob = NamedBlobFile(data=data, contentType="application/pdf", filename=filename)
    annex = stored_pdf(act)
    if annex is not None:
        annex.file = blob
        annex.reindexObject()
        return annex
    with api.env.adopt_roles(["Manager"]):
        annex = api.content.create(
            container=act,
            type="File",
            id=filename,
            title=f"Délibération n° {act.number} (PDF)",
            file=blob,
            annex_category="decision",
            confidential=False,
            # The publication publishes the masked public version instead.
            publishable=False,
            justificatory=False,
        )
    IAnnotations(act)[STORED_PDF_KEY] = annex.UID()
    return annex


class StoreDeliberationView(GenerationMixin, DocumentGenerationView):
    """POST ``@@store-deliberation``: the deliberation PDF becomes an annex of the act.

    The page's button posts here (with the CSRF token); API clients use
    ``POST {act}/@store-deliberation`` (services.py).
    """

    def store(self):
        """Render the deliberation PDF and keep it as annex: the annex, or Refusal."""
        reason = store_refusal(self.context)
        if reason is not None:
            raise Refusal(reason, status=403, kind="Unauthorized")
        pod_template = template_by_id("deliberation")
        self.check(pod_template, "pdf")
        data, _filename = self.render(pod_template, "pdf")
        # The tutelle receives the deliberation signed by the municipality.
        try:
            self.signed = sign_document(self.context, data, reason="Transmission à la tutelle")
        except SigningRefused as refused:
            raise Refusal(refused.message) from None
        return store_deliberation_pdf(self.context, self.signed.data)

    def stored_message(self, annex) -> str:
        message = translate(
            _(
                "document_stored",
                default="The deliberation PDF is stored as annex « ${title} ».",
                mapping={"title": annex.Title()},
            ),
            context=self.request,
        )
        signed = getattr(self, "signed", None)
        if signed is not None and not signed.is_signed:
            message += " " + translate(
                _(
                    "document_stored_unsigned",
                    default="It is not signed: ${reason}.",
                    mapping={
                        "reason": translate(
                            SIGNATURE_PROBLEMS[signed.problem], context=self.request
                        )
                    },
                ),
                context=self.request,
            )
        return message

    def __call__(self):
        try:
            if self.request.method != "POST":
                raise Refusal(
                    _("document_store_post", default="Use the button on the act's page."),
                    status=405,
                    kind="MethodNotAllowed",
                )
            CheckAuthenticator(self.request)
            annex = self.store()
        except Refusal as refused:
            return self.refuse(refused)
        message = self.stored_message(annex)
        accept = self.request.getHeader("Accept") or ""
        if "text/html" in accept:
            api.portal.show_message(message, request=self.request)
            self.request.response.redirect(self.context.absolute_url())
            return ""
        self.request.response.setStatus(201)
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps({"@id": annex.absolute_url(), "title": annex.Title(), "message": message})


class NotHereView(GenerationMixin, DocumentGenerationView):
    """documentgenerator's ``persistent-document-generation`` views store the
    document in the object as a Manager, for anyone who may view it: not on
    our types, where only the secretariat stores the deliberation."""

    def __call__(self, *args, **kwargs):
        return self.refuse(
            Refusal(
                _(
                    "document_not_here",
                    default="Documents are not stored this way here: the secretariat "
                    "stores the deliberation from the act's page.",
                ),
                status=404,
                kind="NotFound",
            )
        )
