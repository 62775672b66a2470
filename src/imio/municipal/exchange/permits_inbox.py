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

from imio.municipal import logger
from imio.municipal.builders import slug
from imio.municipal.exchange import effects
from imio.municipal.exchange.outbox import get_outbox
from imio.municipal.exchange.permits import dossier_fields
from imio.municipal.exchange.settings import token
from imio.municipal.exchange.transport import HttpTransport
from imio.municipal.jobs import municipalities
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
