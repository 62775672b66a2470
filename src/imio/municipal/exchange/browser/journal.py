"""The exchange journal of a municipality, and what the secretariat does there:
send a failed message again, download a package, record a deposit receipt.
What the region sent and the platform rejected is listed there too, with why.
An action the message's state does not allow is refused with the reason
(HTTP 400), nothing changed."""

from datetime import date
from imio.municipal import _
from imio.municipal.core.calendar import belgian_today
from imio.municipal.core.calendar import BRUSSELS
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rejections
from imio.municipal.exchange import rules
from imio.municipal.exchange.targets import TARGETS
from plone import api
from plone.app.uuid.utils import uuidToURL
from plone.batching import Batch
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import NotFound
from zope.i18n import translate

import json


# What the region sent and the platform rejected (not a message's state).
REJECTED = "rejected"
# A deposit receipt reference of the regional portal.
MAX_REFERENCE = 100

STATE_LABELS = {
    rules.PENDING: _("exchange_state_pending", default="To send"),
    rules.CLAIMED: _("exchange_state_claimed", default="Being sent"),
    rules.ACKNOWLEDGED: _("exchange_state_acknowledged", default="Acknowledged"),
    rules.FAILED: _("exchange_state_failed", default="Failed"),
    rules.AWAITING_DEPOSIT: _("exchange_state_awaiting_deposit", default="To deposit by hand"),
    REJECTED: _("exchange_state_rejected", default="Rejected (sent by the region)"),
}


def message_row(message, request) -> dict:
    local = api.portal.get_localized_time
    return {
        "id": message.id,
        "created": local(message.created_at, long_format=True),
        "target": TARGETS[message.target].title,
        "title": message.obj_title,
        "url": uuidToURL(message.obj_uid) or "",
        "state": message.state,
        "state_label": translate(STATE_LABELS[message.state], context=request),
        "attempts": message.attempts,
        "error": message.last_error or "",
        "receipt": message.receipt_id or "",
        "receipt_at": local(message.receipt_at, long_format=True) if message.receipt_at else "",
        "sha256": message.payload_sha256,
        "size": message.payload_size,
        "failed": message.state == rules.FAILED,
        "awaiting_deposit": message.state == rules.AWAITING_DEPOSIT,
        "incoming": False,
        "package": message.media_type == "application/zip",
        "item": "",
    }


class Refusal(MunicipalRefusal):
    """A journal action that cannot be done; ``message`` says why (translatable)."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def rejection_row(rejection, request) -> dict:
    """A row for what the region sent and the platform rejected."""
    local = api.portal.get_localized_time
    return {
        "id": rejection.id,
        "created": local(rejection.created_at, long_format=True),
        "target": TARGETS[rejection.target].title,
        "title": rejection.obj_title or "",
        "url": (uuidToURL(rejection.obj_uid) or "") if rejection.obj_uid else "",
        "state": REJECTED,
        "state_label": translate(STATE_LABELS[REJECTED], context=request),
        "attempts": "",
        "error": translate(rejection.reason_message(), context=request),
        "receipt": rejection.receipt_id or "",
        "receipt_at": "",
        "sha256": "",
        "size": 0,
        "failed": False,
        "awaiting_deposit": False,
        "incoming": True,
        "package": False,
        "item": rejection.item,
    }


def _state_label(message, request) -> str:
    return translate(STATE_LABELS[message.state], context=request)


class JournalView(BrowserView):
    page_size = 20

    def _message(self):
        message_id = self.request.form.get("message") or ""
        message_id = message_id if isinstance(message_id, str) else ""
        found = outbox.get_outbox(api.portal.get())
        message = found.messages.get(message_id) if found is not None else None
        if message is None and rejections.find(found, self.context.ins_code, message_id):
            raise Refusal(
                _(
                    "exchange_refusal_incoming",
                    default="This line is what the region sent and the platform rejected: "
                    "there is nothing to send again nor to deposit.",
                )
            )
        # Another municipality's message does not exist for this journal.
        if message is None or message.ins_code != self.context.ins_code:
            raise NotFound(message_id)
        return message

    def rows(self) -> list[dict]:
        portal = api.portal.get()
        ins_code = self.context.ins_code
        found = [
            (m.created_at, message_row(m, self.request))
            for m in outbox.messages(portal, ins_code=ins_code)
        ]
        found += [
            (r.created_at, rejection_row(r, self.request))
            for r in rejections.rejections(outbox.get_outbox(portal), ins_code)
        ]
        return [row for _when, row in sorted(found, key=lambda pair: pair[0], reverse=True)]

    def batch(self) -> Batch:
        start = self.request.form.get("b_start") or "0"
        start = int(start) if isinstance(start, str) and start.isdigit() else 0
        return Batch(self.rows(), self.page_size, start)

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                if "retry" in form:
                    self.retry()
                elif "deposit" in form:
                    self.record_deposit()
            except Refusal as refusal:
                return self.refuse(refusal.message)
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@exchange-journal"
            )
        return self.index()

    def refuse(self, message):
        """400 with the reason: in JSON for an API client, else on the journal page."""
        response = self.request.response
        response.setStatus(400)
        if "application/json" in (self.request.getHeader("Accept") or ""):
            response.setHeader("Content-Type", "application/json")
            text = translate(message, context=self.request)
            return json.dumps({"error": {"type": "BadRequest", "message": text}})
        if getattr(self, "index", None) is None:  # the package download has no page
            response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return translate(message, context=self.request)
        api.portal.show_message(message, request=self.request, type="error")
        return self.index()

    def retry(self) -> None:
        message = self._message()
        if message.state != rules.FAILED:
            raise Refusal(
                _(
                    "exchange_refusal_retry_state",
                    default="Only a failed message is sent again; this one is « ${state} ».",
                    mapping={"state": _state_label(message, self.request)},
                )
            )
        message.retry_now(outbox.utcnow())
        api.portal.show_message(
            _("message_exchange_retry", default="The message will be sent again."),
            request=self.request,
        )

    def record_deposit(self) -> None:
        reference = self.request.form.get("reference") or ""
        reference = reference.strip() if isinstance(reference, str) else ""
        try:
            deposited = date.fromisoformat(self.request.form.get("deposited_on") or "")
        except (TypeError, ValueError):
            deposited = None
        message = self._message()
        if message.state != rules.AWAITING_DEPOSIT:
            raise Refusal(
                _(
                    "exchange_refusal_deposit_state",
                    default="Only a message waiting to be deposited by hand takes a deposit "
                    "receipt; this one is « ${state} ».",
                    mapping={"state": _state_label(message, self.request)},
                )
            )
        if (
            not reference
            or len(reference) > MAX_REFERENCE
            or deposited is None
            or deposited > belgian_today()
            or deposited < message.created_at.astimezone(BRUSSELS).date()
        ):
            raise Refusal(
                _(
                    "message_deposit_invalid",
                    default="Give the receipt reference of the regional portal (at most "
                    "${max} characters) and the deposit date (not in the future, not before "
                    "the message was made).",
                    mapping={"max": MAX_REFERENCE},
                )
            )
        message.record_deposit(reference=reference, deposited_on=deposited, now=outbox.utcnow())
        outbox.get_outbox(api.portal.get()).settle(message)
        api.portal.show_message(
            _("message_deposit_recorded", default="The deposit receipt is recorded."),
            request=self.request,
        )


class PackageDownload(JournalView):
    """The ZIP exactly as sent (or to deposit): the stored bytes."""

    def __call__(self):
        try:
            message = self._message()
        except Refusal as refusal:
            return self.refuse(refusal.message)
        if message.media_type != "application/zip":
            return self.refuse(
                _(
                    "exchange_refusal_not_a_package",
                    default="This message is not a package: it was sent as ${type}.",
                    mapping={"type": message.media_type},
                )
            )
        response = self.request.response
        response.setHeader("Content-Type", message.media_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{message.filename}"')
        response.setHeader("X-SHA256", message.payload_sha256)
        return message.read_payload()
