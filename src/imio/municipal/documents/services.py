"""REST: ``GET {object}/@documents``, the documents that can be generated on it,
and ``POST {act}/@store-deliberation``, the deliberation PDF stored as annex.

Each entry gives, per format, the URL that renders it (documentgenerator's
``@@document-generation`` view, answered by :class:`.generation.GenerationView`):

    GET /plone/namur/actes/mon-acte/@documents
    {"items": [{"id": "deliberation", "title": "Délibération", "formats":
        {"pdf": "http://…/@@document-generation?template_uid=…&output_format=pdf", …}}],
     "pdf_available": true}
"""

from collective.documentgenerator.interfaces import IGenerablePODTemplates
from imio.municipal.documents.generation import CONVERTED
from imio.municipal.documents.generation import converter_available
from imio.municipal.documents.generation import Refusal
from imio.municipal.documents.generation import store_refusal
from imio.municipal.documents.generation import StoreDeliberationView
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.component import getAdapter
from zope.i18n import translate
from zope.interface import alsoProvides

import transaction


class DocumentsGet(Service):
    def reply(self):
        available = converter_available()
        base = self.context.absolute_url()
        items = []
        for template in getAdapter(self.context, IGenerablePODTemplates).get_generable_templates():
            formats = {
                output_format: f"{base}/@@document-generation?template_uid={template.UID()}"
                f"&output_format={output_format}"
                for output_format in template.get_available_formats()
                if available or output_format not in CONVERTED
            }
            items.append(
                {
                    "id": template.getId(),
                    "title": template.Title(),
                    "description": template.Description(),
                    "template_uid": template.UID(),
                    "formats": formats,
                }
            )
        result = {"@id": f"{base}/@documents", "items": items, "pdf_available": available}
        if self.context.portal_type == "Act":
            result["can_store_deliberation"] = available and store_refusal(self.context) is None
        return result


class StoreDeliberationPost(Service):
    """``POST {act}/@store-deliberation``: the deliberation PDF stored as annex (201)."""

    def reply(self):
        # A token-less API call (Basic auth or JWT), as plone.restapi's own writes.
        alsoProvides(self.request, IDisableCSRFProtection)
        view = StoreDeliberationView(self.context, self.request)
        try:
            annex = view.store()
        except Refusal as refused:
            transaction.doom()
            self.request.response.setStatus(refused.status)
            return {
                "error": {
                    "type": refused.kind,
                    "message": translate(refused.message, context=self.request),
                }
            }
        self.request.response.setStatus(201)
        return {
            "@id": annex.absolute_url(),
            "title": annex.Title(),
            "message": view.stored_message(annex),
        }
