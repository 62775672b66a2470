"""The « Documents » card on acts, case files and PIC plans."""

from collective.documentgenerator.viewlets.generationlinks import DocumentGeneratorLinksViewlet
from imio.municipal.documents.condition import spec_of
from imio.municipal.documents.generation import CONVERTED
from imio.municipal.documents.generation import converter_available
from imio.municipal.documents.generation import store_refusal
from imio.municipal.documents.generation import stored_pdf
from plone.memoize.view import memoize
from plone.protect.utils import addTokenToUrl
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


LABELS = {"odt": "ODT", "pdf": "PDF", "docx": "DOCX"}


class DocumentsViewlet(DocumentGeneratorLinksViewlet):
    index = ViewPageTemplateFile("documents.pt")

    def render(self):
        return self.index()

    @memoize
    def converter_available(self) -> bool:
        return converter_available()

    def documents(self) -> list[dict]:
        base = self.context.absolute_url()
        available = self.converter_available()
        found = []
        for template in self.get_generable_templates():
            links = []
            for output_format in template.get_available_formats():
                links.append(
                    {
                        "format": output_format,
                        "label": LABELS.get(output_format, output_format.upper()),
                        "url": f"{base}/document-generation?template_uid={template.UID()}"
                        f"&output_format={output_format}",
                        "enabled": available or output_format not in CONVERTED,
                    }
                )
            spec = spec_of(template)
            found.append(
                {
                    "id": template.getId(),
                    "title": template.Title(),
                    "description": template.Description(),
                    "links": links,
                    "storable": spec is not None and spec.id == "deliberation",
                }
            )
        return found

    def can_store(self) -> bool:
        return store_refusal(self.context) is None and self.converter_available()

    def store_url(self) -> str:
        return addTokenToUrl(f"{self.context.absolute_url()}/@@store-deliberation")

    def stored(self):
        return stored_pdf(self.context)
