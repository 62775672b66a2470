"""Files transferred by the region's permit platform become case files.

The worker asks the platform, for each municipality with a permit endpoint,
for its pending notifications (``GET /permits/1.0/instances/{ins}/
notifications?status=pending``). A "file transfer" notification creates a
Dossier (procedure, applicants, location, parcels, deposit date), received at
once so it gets its reference and its deadlines, routed to the urbanism
service; then the notification is acknowledged. A notification already
turned into a case file is only acknowledged again (the platform may repeat
it after a lost acknowledgement): one case file per notification.

What such a file answers the platform (completeness, then the decision at
``transmit``) is in ``permits_responses.py``.
"""

from imio.municipal import _
from imio.municipal import logger
from imio.municipal.exchange import effects
from imio.municipal.exchange import region_input
from imio.municipal.exchange import rejections
from imio.municipal.exchange.outbox import get_outbox
from imio.municipal.exchange.permits import dossier_fields
from imio.municipal.exchange.settings import token
from imio.municipal.exchange.transport import HttpTransport
from imio.municipal.jobs.scaffolding import municipalities
from imio.municipal.platform.content_ids import slug
from plone import api
from ZODB.POSException import ConflictError

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


def _refusal(notification, ins_code: str):
    """Why a notification cannot become a case file here, or None."""
    if not isinstance(notification, dict):
        return _(
            "region_refusal_not_object",
            default="The item is not a JSON object: « ${value} ».",
            mapping={"value": str(notification)[:40]},
        )
    found = notification.get("ins_code")
    if found != ins_code:
        return _(
            "region_refusal_other_municipality",
            default="The item is for the municipality ${found}, not for ${expected} "
            "whose items were asked for.",
            mapping={"found": str(found)[:40], "expected": ins_code},
        )
    try:
        dossier_fields(notification)
    except ValueError as error:
        return _(
            "region_refusal_invalid_notification",
            default="The notification is not valid: ${errors}",
            mapping={"errors": str(error).split(":", 1)[-1].strip()[:1000]},
        )
    return None


def _reject(portal, ins_code: str, notification, reason) -> None:
    """Keep the notification as rejected (once); it is not acknowledged."""
    identifier = notification.get("id") if isinstance(notification, dict) else None
    key = f"{TARGET}:{ins_code}:{identifier}" if isinstance(identifier, str) else None
    for _attempt in range(3):
        try:
            transaction.begin()
            outbox = get_outbox(portal, create=True)
            new = rejections.reject(
                outbox,
                key=key or rejections.item_key(TARGET, ins_code, notification, None),
                target=TARGET,
                ins_code=ins_code,
                item=notification,
                reason=reason,
            )
            transaction.commit()
            if new:
                logger.warning("Permit notification for %s rejected: %r", ins_code, notification)
            return
        except ConflictError:
            transaction.abort()


def poll_permits(portal, transport_factory=permit_transport) -> int:
    """Turn pending notifications into case files; the number created.

    A notification that is not valid, or not for the municipality polled, is
    kept in the exchange journal as rejected and is not acknowledged.
    """
    created = 0
    transaction.begin()
    for municipality in municipalities(portal):
        transport = transport_factory(municipality)
        if transport is None:
            continue
        ins_code = municipality.ins_code
        path = NOTIFICATIONS.format(ins=ins_code)
        answer = transport.get(path, {"status": "pending"})
        if not answer.ok:
            logger.warning("Permit platform for %s: %s", ins_code, answer.error)
            continue
        try:
            notifications = region_input.items(answer.data)
        except region_input.Refused as refusal:
            _reject(portal, ins_code, answer.data, refusal.message)
            continue
        for notification in notifications:
            if isinstance(notification, dict) and notification.get("type") != "file_transfer":
                continue
            reason = _refusal(notification, ins_code)
            if reason is not None:
                _reject(portal, ins_code, notification, reason)
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
            except Exception as error:  # noqa: BLE001 (one bad item must not stop the worker)
                transaction.abort()
                logger.exception("Permit notification %s failed", notification.get("id"))
                reason = _(
                    "region_refusal_not_applied",
                    default="The item could not be applied: ${error}",
                    mapping={"error": f"{type(error).__name__}: {error}"[:300]},
                )
                _reject(portal, ins_code, notification, reason)
                continue
            # Acknowledged only once the case file is committed.
            ack = ACK.format(id=notification["id"])
            transport.post_json(ack, {}, key=f"ack-{notification['id']}")
    return created
