"""Data-subject requests in the browser: the municipality's list with the
form that records one, and a request's page where the DPO or the secretariat
extends its deadline, attaches the person's data summary and answers it.

Every write is a POST checked against the CSRF token; a refusal answers its
status with the reason shown on the page, and nothing is changed.
"""

from imio.municipal import _
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.errors import NotAllowed
from imio.municipal.platform.refusals import reason_of
from imio.municipal.privacy import request_rules as rules
from imio.municipal.privacy import requests
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


ADD_PERMISSION = "imio.municipal: Add DataSubjectRequest"
HANDLE_PERMISSION = "imio.municipal: Handle data-subject request"
RECORD_FIELDS = ("kind", "requester", "niss", "received_date", "request_text")


class RequestNotAllowed(NotAllowed):
    def __init__(self, message):
        self.message = message
        super().__init__(message)


def belgian(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


class _RequestForm(BrowserView):
    error = None

    def t(self, message) -> str:
        return translate(message, context=self.request)

    def allowed(self, permission: str) -> bool:
        return bool(api.user.has_permission(permission, obj=self.context))

    def require(self, permission: str, message) -> None:
        if not self.allowed(permission):
            raise RequestNotAllowed(message)

    def handle_post(self, act):
        """Run ``act`` for a checked POST; its refusal is shown, nothing kept."""
        CheckAuthenticator(self.request)
        try:
            return act()
        except MunicipalRefusal as refusal:
            self.request.response.setStatus(refusal.status)
            self.error = reason_of(refusal, self.request)
        return None

    def kind_options(self, selected: str = "") -> list[dict]:
        return [
            {"value": kind.code, "title": self.t(kind.title), "selected": kind.code == selected}
            for kind in rules.KINDS.values()
        ]


class RequestsView(_RequestForm):
    """``@@subject-requests`` on a municipality: its requests and the form."""

    def values(self) -> dict:
        form = self.request.form
        values = {name: form.get(name) for name in RECORD_FIELDS}
        return {k: v if isinstance(v, str) else "" for k, v in values.items()}

    @property
    def can_record(self) -> bool:
        return self.allowed(ADD_PERMISSION)

    def rows(self) -> list[dict]:
        brains = api.content.find(
            context=self.context, portal_type="DataSubjectRequest", sort_on="created"
        )
        found = []
        for brain in brains:
            request = brain.getObject()
            found.append(
                {
                    "url": request.absolute_url(),
                    "title": request.Title(),
                    "received": belgian(request.received_date),
                    "deadline": belgian(request.deadline),
                    "extended": bool(request.extension_reason),
                    "state": api.content.get_state(request),
                    "state_title": state_title(request, self.request),
                }
            )
        return found

    def _record(self):
        self.require(
            ADD_PERMISSION,
            _(
                "error_dsr_record_not_allowed",
                default="Only the data-protection officer and the secretariat of the "
                "municipality record a data-subject request.",
            ),
        )
        data = {name: self.request.form.get(name) for name in RECORD_FIELDS}
        recorded = requests.record(self.context, data)
        api.portal.show_message(
            _("message_dsr_recorded", default="The request is recorded."), request=self.request
        )
        return self.request.response.redirect(recorded.absolute_url())

    def __call__(self):
        if self.request.method == "POST":
            redirected = self.handle_post(self._record)
            if redirected is not None:
                return redirected
        return self.index()


def state_title(request, http_request) -> str:
    """The title of the request's state in the user's language."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    state = api.content.get_state(request)
    title = workflow_tool.getTitleForStateOnType(state, request.portal_type) or state
    return translate(title, domain="plone", context=http_request)


class RequestView(_RequestForm):
    """The page of one request: its deadline, what was done, the next steps."""

    ACTIONS = ("extend", "attach", "answer")

    @property
    def received(self) -> bool:
        return api.content.get_state(self.context) == "received"

    @property
    def can_handle(self) -> bool:
        return self.received and self.allowed(HANDLE_PERMISSION)

    def details(self) -> dict:
        request = self.context
        kind = rules.KINDS.get(request.kind)
        return {
            "kind": self.t(kind.title) if kind else request.kind,
            "article": kind.article if kind else "",
            "received": belgian(request.received_date),
            "deadline": belgian(request.deadline),
            "answered": belgian(request.answered_date),
            "state_title": state_title(request, self.request),
        }

    def files(self) -> list[dict]:
        return [
            {"url": f"{item.absolute_url()}/@@download/file", "title": item.Title()}
            for item in self.context.objectValues()
            if item.portal_type == "File"
        ]

    def _act(self):
        self.require(
            HANDLE_PERMISSION,
            _(
                "error_dsr_handle_not_allowed",
                default="This request is answered or not yours to handle: it is kept as it is.",
            ),
        )
        form = self.request.form
        action = next((name for name in self.ACTIONS if name in form), None)
        if action == "extend":
            deadline = requests.extend(self.context, form.get("reason"))
            message = _(
                "message_dsr_extended",
                default="The deadline is extended to ${date}.",
                mapping={"date": belgian(deadline)},
            )
        elif action == "attach":
            requests.attach_summary(self.context, self.request)
            message = _(
                "message_dsr_summary_attached",
                default="The summary of the person's data is attached.",
            )
        elif action == "answer":
            requests.answer(self.context, form.get("text"))
            message = _("message_dsr_answered", default="The request is answered.")
        else:
            raise rules.RequestRefusal(
                _("error_dsr_action", default="Choose what to do with the request.")
            )
        api.portal.show_message(message, request=self.request)
        return self.request.response.redirect(self.context.absolute_url())

    def __call__(self):
        if self.request.method == "POST":
            redirected = self.handle_post(self._act)
            if redirected is not None:
                return redirected
        return self.index()
