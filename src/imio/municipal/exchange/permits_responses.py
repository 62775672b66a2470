"""What a case file that came from the permit platform answers it, and when.

Only files transferred by the platform (they carry its notification id,
``permit_notification_id``, see ``permits_inbox.py``) answer it:

- declared complete or incomplete: the completeness response (with the
  missing pieces), queued in the transition;
- ``transmit`` (decided → transmitted, secretariat): the decision response,
  with the decision (granted / refused), its date and the signed decision
  PDF (the File annex of category « decision »). Before the transition the
  response is built and checked against ``permit-response-1.0``; a file not
  from the platform, without its decision or without the signed PDF is
  refused with the reason (UI message, REST 400, nothing changed). After it,
  the message is stored in the outbox in the same transaction; the worker
  posts it after commit;
- ``close``: a platform file closes only once the platform acknowledged its
  decision (the worker recorded the receipt). The rule a secretariat expects:
  nothing to come back to, so the worker closes the file itself when it
  records that receipt (``effects.on_receipt``), with the receipt in the
  history; until then closing by hand is refused (the decision may still
  fail to arrive, see the exchange journal), and a decided platform file
  cannot skip ``transmit``. Files not from the platform keep decided → closed.
"""

from imio.municipal import _
from imio.municipal.core.calendar import belgian_today
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rules
from imio.municipal.exchange.permits import completeness_response
from imio.municipal.exchange.permits import decision_response
from imio.municipal.exchange.permits import validate_json
from imio.municipal.platform.lookup import municipality_of
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from zope.globalrequest import getRequest
from zope.i18n import translate

import json
import transaction


TARGET = "permits"
RESPONSES = "/permits/1.0/notifications/{id}/responses"
# Dossier transitions that answer the platform on completeness.
COMPLETENESS_TRANSITIONS = frozenset({"declare_complete", "declare_incomplete"})
TRANSMIT = "transmit"
CLOSE = "close"
# Built before the transition, stored after it (same transaction).
_PREPARED = "_v_imio_permit_decision"


def from_platform(dossier) -> bool:
    return getattr(dossier, "permit_notification_id", None) is not None


def decision_document(dossier):
    """The PDF annex of category « decision » (the signed decision), or None."""
    for child in dossier.objectValues():
        if child.portal_type == "File" and getattr(child, "annex_category", None) == "decision":
            if child.file is not None and child.file.contentType == "application/pdf":
                return child
    return None


def message_kind(message) -> str:
    """« completeness » or « decision » (messages older than ``kind`` are named so)."""
    return getattr(message, "kind", None) or message.filename.split("-", 1)[0]


def responses(dossier) -> list:
    """The responses queued for this file, newest first."""
    found = outbox.messages(api.portal.get(), obj_uid=api.content.get_uuid(dossier))
    return [m for m in found if m.target == TARGET]


def decision_message(dossier):
    """The decision response of this file, or None when not transmitted."""
    for message in responses(dossier):
        if message_kind(message) == "decision":
            return message
    return None


def _refuse(message) -> None:
    transaction.doom()
    raise WorkflowException(translate(message, context=getRequest()))


def _decision_body(dossier) -> dict:
    document = decision_document(dossier)
    return decision_response(
        dossier.reference,
        dossier.decision,
        dossier.decision_date or belgian_today(),
        document.file.filename or "decision.pdf",
        document.file.data,
    )


def transmit_refusal(dossier):
    """Why the decision of this file may not be transmitted now, or None."""
    if not from_platform(dossier):
        return _(
            "refusal_transmit_not_from_platform",
            default="This file did not come from the permit platform: there is nothing to "
            "transmit to it. Close the file instead.",
        )
    if decision_message(dossier) is not None:
        return _(
            "refusal_transmit_already_sent",
            default="The decision of this file was already queued for the permit platform: "
            "follow it (or send it again) in the exchange journal.",
        )
    if dossier.decision is None:
        return _(
            "refusal_transmit_no_decision",
            default="Record the decision first (field « Decision »: granted or refused): "
            "the permit platform receives it.",
        )
    if decision_document(dossier) is None:
        return _(
            "refusal_transmit_no_pdf",
            default="Add the signed decision as a PDF annex of category « Decision » first: "
            "the permit platform receives it.",
        )
    return None


def close_refusal(dossier):
    """Why this platform file may not be closed now, or None."""
    if not from_platform(dossier):
        return None
    message = decision_message(dossier)
    if message is None:
        return _(
            "refusal_close_not_transmitted",
            default="This file came from the permit platform: transmit the decision to it "
            "first (« Transmit to the permit platform »). The file closes once the platform "
            "acknowledges it.",
        )
    if message.state != rules.ACKNOWLEDGED:
        return _(
            "refusal_close_not_acknowledged",
            default="The permit platform has not acknowledged the decision yet: the file "
            "closes by itself when it does. Follow the message in the exchange journal.",
        )
    return None


def before_dossier_transition(dossier, event):
    if event.transition is None:
        return
    transition = event.transition.id
    if transition == CLOSE:
        reason = close_refusal(dossier)
        if reason is not None:
            _refuse(reason)
    if transition != TRANSMIT:
        return
    reason = transmit_refusal(dossier)
    if reason is not None:
        _refuse(reason)
    body = _decision_body(dossier)
    errors = validate_json(body, "permit-response-1.0")
    if errors:
        _refuse(
            _(
                "refusal_invalid_permit_response",
                default="The decision for the permit platform is not valid, nothing was "
                "sent: ${errors}",
                mapping={"errors": " ".join(errors)},
            )
        )
    setattr(dossier, _PREPARED, body)


def after_dossier_transition(dossier, event):
    """Queue the answer in the transition's transaction; the worker posts it."""
    if event.transition is None or not from_platform(dossier):
        return
    transition = event.transition.id
    if transition == TRANSMIT:
        dossier.decision_date = dossier.decision_date or belgian_today()
        body = getattr(dossier, _PREPARED, None) or _decision_body(dossier)
        setattr(dossier, _PREPARED, None)
        _queue_response(dossier, body, "decision")
    elif transition in COMPLETENESS_TRANSITIONS:
        incomplete = transition == "declare_incomplete"
        missing = list(dossier.missing_pieces or []) if incomplete else []
        _queue_response(dossier, completeness_response(dossier.reference, missing), "completeness")


def _queue_response(dossier, body: dict, kind: str):
    municipality = municipality_of(dossier)
    message = outbox.enqueue(
        api.portal.get(),
        target=TARGET,
        ins_code=municipality.ins_code,
        obj_uid=api.content.get_uuid(dossier),
        obj_path="/".join(dossier.getPhysicalPath()),
        obj_title=dossier.Title(),
        transport="http",
        payload=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        media_type="application/json",
        filename=f"{kind}-{dossier.reference.replace('/', '-')}.json",
    )
    message.kind = kind
    message.path = RESPONSES.format(id=dossier.permit_notification_id)
    return message


def closes_on_receipt(dossier, message) -> bool:
    """Does this receipt close the file? Its decision, acknowledged, while transmitted."""
    return (
        message.target == TARGET
        and message_kind(message) == "decision"
        and api.content.get_state(dossier, default=None) == "transmitted"
    )
