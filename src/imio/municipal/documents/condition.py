"""Which official document may be generated on which object, and why not."""

from collective.documentgenerator.content.condition import ConfigurablePODTemplateCondition
from contextlib import contextmanager
from imio.municipal import _
from imio.municipal.documents.definitions import FOLDER_ID
from imio.municipal.documents.definitions import SPECS
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.component import getMultiAdapter
from zope.globalrequest import getRequest
from zope.i18n import translate


# Set on the request (never from its form) while the platform renders a
# document itself.
INTERNAL_RENDERING = "imio.municipal.documents.internal_rendering"


@contextmanager
def rendering_internally(request):
    """While the platform renders a template not offered on request."""
    annotations = IAnnotations(request)
    annotations[INTERNAL_RENDERING] = True
    try:
        yield
    finally:
        annotations.pop(INTERNAL_RENDERING, None)


def renders_internally(request) -> bool:
    return request is not None and bool(IAnnotations(request).get(INTERNAL_RENDERING))


def spec_of(pod_template):
    """The TemplateSpec of one of our templates (None for a template an admin added)."""
    parent = pod_template.aq_parent
    if getattr(parent, "getId", lambda: None)() != FOLDER_ID:
        return None
    return SPECS.get(pod_template.getId())


def helper_for(context, request):
    return getMultiAdapter((context, request), name="document_generation_helper_view")


def refusal(pod_template, context, request=None, internal=False):
    """Why this template cannot be generated on context (a message), or None.
    `internal`: the product renders it itself (not a visitor's request)."""
    if not pod_template.enabled:
        return _("document_refused_disabled", default="This document template is disabled.")
    spec = spec_of(pod_template)
    if spec is not None and not spec.on_demand and not internal:
        return _(
            "document_refused_not_on_demand",
            default="« ${document} » is written by the platform itself, never on request.",
            mapping={"document": pod_template.Title()},
        )
    if spec is None:
        allowed = pod_template.pod_portal_types
        if allowed and context.portal_type not in allowed:
            return _("document_refused_type", default="This document is not made for this item.")
        return None
    if context.portal_type != spec.portal_type:
        return _("document_refused_type", default="This document is not made for this item.")
    state = api.content.get_state(context, default=None)
    if state not in spec.states:
        workflow = api.portal.get_tool("portal_workflow")
        title = workflow.getTitleForStateOnType(state, context.portal_type)
        request = request if request is not None else context.REQUEST
        return _(
            "document_refused_state",
            default="« ${document} » cannot be generated in the state « ${state} ».",
            mapping={
                "document": pod_template.Title(),
                "state": translate(title, domain="plone", context=request),
            },
        )
    if spec.condition:
        request = request if request is not None else context.REQUEST
        if not helper_for(context, request).check(spec.condition):
            # (the only condition today: acts under a tutelle)
            return _(
                "document_refused_not_under_tutelle",
                default="« ${document} » is only for acts under a tutelle.",
                mapping={"document": pod_template.Title()},
            )
    return None


class MunicipalTemplateCondition(ConfigurablePODTemplateCondition):
    """Our templates: their type and states come from definitions.py, not TAL."""

    def evaluate(self):
        if spec_of(self.pod_template) is None:
            return super().evaluate()
        internal = renders_internally(getRequest())
        return refusal(self.pod_template, self.context, internal=internal) is None
