"""REST of the public inquiries.

``POST <case file>/@enquete-publique`` opens one (the case file's service)::

    {"start": "2026-12-07", "released": ["<annex uid>"], "how_to_react": "..."}

and answers 201 with the notice; ``GET <publications>/@enquetes-publiques``
lists the open notices for anyone. ``POST <inquiry>/@observations``
(``{"text": "..."}``) records a signed-in citizen's observation (201);
``GET <inquiry>/@observations`` gives all of them to the service and the
secretariat, his own ones to a citizen, 403 to anyone else. Closing is the
workflow's ``close`` (``POST <inquiry>/@workflow/close``). Refusals answer
400 (403 for who may not) with the reason in the user's language and
change nothing.
"""

from datetime import date
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.inquiries.notices import notice
from imio.municipal.inquiries.notices import public_notices
from imio.municipal.inquiries.observations import observations_for
from imio.municipal.inquiries.observations import submit_observation
from imio.municipal.inquiries.opening import open_inquiry
from imio.municipal.platform.refusals import refusal_answer
from imio.municipal.platform.services.body import json_write
from plone.restapi.services import Service


def _date(value) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(f'"start": {value!r} is not a date (YYYY-MM-DD)') from None


def _record(record: dict) -> dict:
    return {
        "id": record["id"],
        "name": record["name"],
        "text": record["text"],
        "submitted": record["submitted"].isoformat(),
        # Sent without signing in: when its e-mail address was confirmed.
        "email_confirmed": (
            record["email_confirmed"].isoformat() if record.get("email_confirmed") else None
        ),
    }


class OpenInquiryPost(Service):
    def reply(self):
        try:
            data = json_write(self.request, json_only=True)
            inquiry = open_inquiry(
                self.context,
                _date(data.get("start")),
                data.get("released") or [],
                data.get("how_to_react"),
            )
        except MunicipalRefusal as refused:
            return refusal_answer(refused, self.request)
        self.request.response.setStatus(201)
        return {**notice(inquiry), "UID": inquiry.UID(), "review_state": "open"}


class NoticesGet(Service):
    def reply(self):
        return {"items": [notice(inquiry) for inquiry in public_notices(self.context)]}


class ObservationsGet(Service):
    def reply(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        try:
            records = observations_for(self.context)
        except MunicipalRefusal as refused:
            return refusal_answer(refused, self.request)
        return {"items": [_record(record) for record in records], "items_total": len(records)}


class ObservationPost(Service):
    def reply(self):
        self.request.response.setHeader("Cache-Control", "private, no-store")
        try:
            data = json_write(self.request, json_only=True)
            record = submit_observation(self.context, data.get("text"))
        except MunicipalRefusal as refused:
            return refusal_answer(refused, self.request)
        self.request.response.setStatus(201)
        return _record(record)
