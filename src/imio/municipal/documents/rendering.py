"""A document the platform renders itself (an inquiry's report, a session's
minutes) as PDF/A, through the official documents' pipeline."""

from contextlib import nullcontext
from imio.municipal.documents.condition import rendering_internally
from imio.municipal.documents.generation import Refusal
from imio.municipal.documents.generation import template_by_id
from imio.municipal.errors import MunicipalRefusal
from zope.i18n import translate


def render_pdf(renderer, template_id: str, request, *, internal: bool = False) -> bytes:
    """The PDF/A ``renderer`` (a ``GenerationMixin`` view) makes from the
    template ``template_id``. ``internal``: a template never offered on
    request, rendered by the platform itself. The pipeline's refusal becomes
    the product's, with its status and its reason in the user's language
    (callers answer it as any other refusal)."""
    try:
        template = template_by_id(template_id)
        with rendering_internally(request) if internal else nullcontext():
            renderer.check(template, "pdf")
            data, _filename = renderer.render(template, "pdf")
    except Refusal as refused:
        error = MunicipalRefusal(translate(refused.message, context=request))
        error.status = refused.status
        raise error from None
    return data
