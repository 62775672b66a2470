"""REST and download of the minutes of a session.

``GET <session>/@minutes`` says where the minutes are (generated, approved,
signed, published) and which earlier minutes this session may approve;
``POST <session>/@minutes`` generates the minutes of a closed session;
``POST <session>/@minutes-approval`` (``{"remarks": "..."}``) records, while
the session is held, the approval of the previous session's minutes.
``<session>/@@minutes.pdf`` is the PDF, for whoever may read the session.
Refusals answer 400 (403 for who may not, 503 without LibreOffice) with
their reason, and change nothing.
"""

from imio.municipal.platform.services.body import json_write
from imio.municipal.sessions import minutes as minutes_module
from imio.municipal.sessions.minutes import minutes_of
from imio.municipal.sessions.minutes import previous_session
from plone import api
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from zExceptions import NotFound


def minutes_json(session) -> dict:
    minutes = minutes_of(session)
    has_pdf = minutes is not None and minutes.pdf is not None
    approval = dict(minutes.approval) if minutes is not None and minutes.approval else None
    previous = previous_session(session)
    return {
        "session": session.absolute_url(),
        "title": session.Title(),
        "review_state": api.content.get_state(session),
        "generated": has_pdf,
        "generated_at": minutes.generated_at if has_pdf else None,
        "pdf": f"{session.absolute_url()}/@@minutes.pdf" if has_pdf else None,
        "may_generate": minutes_module.generation_refusal(session) is None,
        "approval": approval,
        "signed_by": minutes.signed_by if minutes is not None else None,
        "signature_problem": minutes.signature_problem if minutes is not None else None,
        "public": minutes.public_url if minutes is not None else None,
        "previous_minutes": None
        if previous is None
        else {
            "session": previous.absolute_url(),
            "title": previous.Title(),
            "review_state": api.content.get_state(previous),
        },
    }


class MinutesGet(Service):
    def reply(self):
        return minutes_json(self.context)


class MinutesPost(Service):
    def reply(self):
        json_write(self.request)
        minutes_module.generate(self.context, self.request)
        self.request.response.setStatus(201)
        return minutes_json(self.context)


class MinutesApprovalPost(Service):
    def reply(self):
        data = json_write(self.request)
        remarks = data.get("remarks", "")
        previous = minutes_module.approve_previous(self.context, remarks, self.request)
        return minutes_json(previous)


class MinutesDownload(BrowserView):
    """The minutes' PDF (the session's readers only: the view's permission)."""

    def __call__(self):
        minutes = minutes_of(self.context)
        if minutes is None or minutes.pdf is None:
            raise NotFound("No minutes yet")
        response = self.request.response
        response.setHeader("Content-Type", "application/pdf")
        response.setHeader("Content-Disposition", f'inline; filename="{minutes.pdf.filename}"')
        return minutes.pdf.data
