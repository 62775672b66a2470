"""The exchange journal of a municipality, and what the secretariat does there:
send a failed message again, download a package, record a deposit receipt."""

from datetime import date
from imio.municipal import _
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rules
from imio.municipal.exchange.targets import TARGETS
from plone import api
from plone.app.uuid.utils import uuidToURL
from plone.batching import Batch
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import BadRequest
from zExceptions import NotFound
from zope.i18n import translate


STATE_LABELS = {
    rules.PENDING: _("exchange_state_pending", default="To send"),
    rules.CLAIMED: _("exchange_state_claimed", default="Being sent"),
    rules.ACKNOWLEDGED: _("exchange_state_acknowledged", default="Acknowledged"),
    rules.FAILED: _("exchange_state_failed", default="Failed"),
    rules.AWAITING_DEPOSIT: _("exchange_state_awaiting_deposit", default="To deposit by hand"),
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
    }


class JournalView(BrowserView):
    page_size = 20

    def _message(self):
        message_id = self.request.form.get("message") or ""
        found = outbox.get_outbox(api.portal.get())
        message = found.messages.get(message_id) if found is not None else None
        # Another municipality's message does not exist for this journal.
        if message is None or message.ins_code != self.context.ins_code:
            raise NotFound(message_id)
        return message

    def batch(self) -> Batch:
        found = outbox.messages(api.portal.get(), ins_code=self.context.ins_code)
        start = int(self.request.form.get("b_start") or 0)
        return Batch([message_row(m, self.request) for m in found], self.page_size, start)

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if "retry" in form:
                self._message().retry_now(outbox.utcnow())
                api.portal.show_message(
                    _("message_exchange_retry", default="The message will be sent again."),
                    request=self.request,
                )
            elif "deposit" in form:
                self.record_deposit()
            return self.request.response.redirect(
                f"{self.context.absolute_url()}/@@exchange-journal"
            )
        return self.index()

    def record_deposit(self) -> None:
        reference = (self.request.form.get("reference") or "").strip()
        try:
            deposited = date.fromisoformat(self.request.form.get("deposited_on") or "")
        except ValueError:
            deposited = None
        if not reference or deposited is None or deposited > date.today():
            api.portal.show_message(
                _(
                    "message_deposit_incomplete",
                    default="Give the receipt reference of the regional portal and the "
                    "deposit date (not in the future).",
                ),
                request=self.request,
                type="error",
            )
            return
        message = self._message()
        message.record_deposit(reference=reference, deposited_on=deposited, now=outbox.utcnow())
        outbox.get_outbox(api.portal.get()).settle(message)
        api.portal.show_message(
            _("message_deposit_recorded", default="The deposit receipt is recorded."),
            request=self.request,
        )


class PackageDownload(JournalView):
    """The ZIP exactly as sent (or to deposit): the stored bytes."""

    def __call__(self):
        message = self._message()
        if message.media_type != "application/zip":
            raise BadRequest("Not a package")
        response = self.request.response
        response.setHeader("Content-Type", message.media_type)
        response.setHeader("Content-Disposition", f'attachment; filename="{message.filename}"')
        response.setHeader("X-SHA256", message.payload_sha256)
        return message.read_payload()
