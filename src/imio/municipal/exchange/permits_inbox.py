"""Files transferred by the region's permit platform become case files.

The worker asks the platform, for each municipality with a permit endpoint,
for its pending notifications (``GET /permits/1.0/instances/{ins}/
notifications?status=pending``). A "file transfer" notification creates a
Dossier (procedure, applicants, location, parcels, deposit date), received at
once so it gets its reference and its deadlines, routed to the urbanism
service; then the notification is acknowledged. A notification already
turned into a case file is only acknowledged again (the platform may repeat
it after a lost acknowledgement): one case file per notification.
"""

from imio.municipal import _
from imio.municipal import logger
from imio.municipal.builders import slug
from imio.municipal.deadlines import belgian_today
from imio.municipal.exchange import effects
from imio.municipal.exchange.outbox import enqueue
from imio.municipal.exchange.outbox import get_outbox
from imio.municipal.exchange.permits import completeness_response
from imio.municipal.exchange.permits import decision_response
from imio.municipal.exchange.permits import dossier_fields
from imio.municipal.exchange.settings import token
from imio.municipal.exchange.transport import HttpTransport
from imio.municipal.jobs import municipalities
from imio.municipal.platform.lookup import municipality_of
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from ZODB.POSException import ConflictError
from zope.globalrequest import getRequest
from zope.i18n import translate

import json
import transaction


TARGET = "permits"
NOTIFICATIONS = "/permits/1.0/instances/{ins}/notifications"
ACK = "/permits/1.0/notifications/{id}/ack"
# The service that handles permit files when the municipality has it.
PERMIT_SERVICE = "urbanisme"


def permit_transport(municipality):
    url = getattr(municipality, "permits_url", None)
    secret = token(TARGET, municipality.ins_code)
    return HttpTransport(url, secret) if url and secret else None


def _service(municipality) -> str:
    services = [row["id"] for row in municipality.services or []]
    return PERMIT_SERVICE if PERMIT_SERVICE in services else services[0]


def create_dossier(portal, municipality, notification: dict):
    """The case file of a notification (created once); its UID."""
    known = get_outbox(portal, create=True).permit_dossiers
    if notification["id"] in known:
        return known[notification["id"]]
    fields = dossier_fields(notification)
    reference = fields.pop("platform_reference")
    with effects.as_platform():
        dossier = api.content.create(
            container=municipality["dossiers"],
            type="Dossier",
            id=slug(f"{reference} {fields['title']}"),
            safe_id=True,
            responsible_service=_service(municipality),
            description=f"Transmis par la plateforme des permis (référence {reference}).",
            **fields,
        )
        dossier.permit_platform_reference = reference
        dossier.permit_notification_id = notification["id"]
        api.portal.get_tool("portal_workflow").doActionFor(dossier, "receive")
    known[notification["id"]] = api.content.get_uuid(dossier)
    logger.info("Permit file %s became %s", reference, dossier.absolute_url_path())
    return known[notification["id"]]


def poll_permits(portal, transport_factory=permit_transport) -> int:
    """Turn pending notifications into case files; the number created."""
    created = 0
    transaction.begin()
    for municipality in municipalities(portal):
        transport = transport_factory(municipality)
        if transport is None:
            continue
        path = NOTIFICATIONS.format(ins=municipality.ins_code)
        answer = transport.get(path, {"status": "pending"})
        if not answer.ok:
            logger.warning("Permit platform for %s: %s", municipality.ins_code, answer.error)
            continue
        for notification in answer.data.get("items", []):
            if notification.get("type") != "file_transfer":
                continue
            try:
                transaction.begin()
                before = notification["id"] in get_outbox(portal, create=True).permit_dossiers
                create_dossier(portal, municipality, notification)
                transaction.commit()
                created += 0 if before else 1
            except ConflictError:
                transaction.abort()
                continue  # the next round takes it again
            except ValueError as error:
                transaction.abort()
                logger.warning("Permit notification %s refused: %s", notification.get("id"), error)
                continue
            # Acknowledged only once the case file is committed.
            ack = ACK.format(id=notification["id"])
            transport.post_json(ack, {}, key=f"ack-{notification['id']}")
    return created


RESPONSES = "/permits/1.0/notifications/{id}/responses"
# Dossier transitions that answer the platform on completeness.
COMPLETENESS_TRANSITIONS = frozenset({"declare_complete", "declare_incomplete"})


def after_dossier_transition(dossier, event):
    """A file from the platform declared (in)complete, or decided: the answer
    is queued in the transition's transaction, the worker posts it."""
    if event.transition is None or getattr(dossier, "permit_notification_id", None) is None:
        return
    transition = event.transition.id
    if transition == "decide":
        dossier.decision_date = dossier.decision_date or belgian_today()
        document = decision_document(dossier)
        body = decision_response(
            dossier.reference,
            dossier.decision,
            dossier.decision_date,
            document.file.filename or "decision.pdf",
            document.file.data,
        )
        _queue_response(dossier, body, "decision")
    elif transition in COMPLETENESS_TRANSITIONS:
        incomplete = transition == "declare_incomplete"
        missing = list(dossier.missing_pieces or []) if incomplete else []
        _queue_response(dossier, completeness_response(dossier.reference, missing), "completeness")


def decision_document(dossier):
    """The PDF annex of category « decision » (the signed decision), or None."""
    for child in dossier.objectValues():
        if child.portal_type == "File" and getattr(child, "annex_category", None) == "decision":
            if child.file is not None and child.file.contentType == "application/pdf":
                return child
    return None


def before_dossier_transition(dossier, event):
    """A platform file is decided only with its decision and the decision PDF:
    the platform receives both."""
    if event.transition is None or event.transition.id != "decide":
        return
    if getattr(dossier, "permit_notification_id", None) is None:
        return
    if dossier.decision is None or decision_document(dossier) is None:
        transaction.doom()
        raise WorkflowException(
            translate(
                _(
                    "refusal_permit_decision_incomplete",
                    default="This file came from the permit platform, which receives the "
                    "decision: record it (Decision field) and add the signed decision as a "
                    "PDF annex of category « Decision » first.",
                ),
                context=getRequest(),
            )
        )


def _queue_response(dossier, body: dict, kind: str) -> None:
    municipality = municipality_of(dossier)
    message = enqueue(
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
    message.path = RESPONSES.format(id=dossier.permit_notification_id)
