"""The acknowledgement of sending: written at filing, timestamped (RFC 3161,
the publication's authority), kept with the case file and e-mailed."""

from datetime import datetime
from datetime import timezone
from email.message import EmailMessage
from imio.municipal import logger
from imio.municipal.core.calendar import BRUSSELS
from imio.municipal.counter.catalogue import text_in
from imio.municipal.counter.receipt import receipt_pdf
from imio.municipal.counter.receipt import ReceiptLine
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.publication.core.timestamp import sha256_hex
from imio.municipal.publication.publish import proof
from persistent.mapping import PersistentMapping
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations


ANNOTATION_KEY = "imio.municipal.counter.receipt"
RECEIPT_ID = "accuse-d-envoi"


def _lines(dossier, definition, user, uploads, filed_at) -> list[ReceiptLine]:
    lines = [
        ReceiptLine(f"Commune : {municipality_of(dossier).Title()}", bold=True),
        ReceiptLine(f"Démarche : {definition.label('fr')}"),
        ReceiptLine(f"Objet : {dossier.Title()}"),
        ReceiptLine(f"Référence : {dossier.reference}", bold=True),
        ReceiptLine(f"Déposée le {filed_at:%d/%m/%Y à %H:%M:%S} (heure belge)"),
        ReceiptLine(f"Par : {user.getProperty('fullname') or user.getId()}"),
        ReceiptLine(""),
        ReceiptLine("Pièces reçues (empreinte SHA-256) :", bold=True),
    ]
    for piece in definition.pieces:
        for upload in uploads.get(piece.id) or []:
            lines.append(ReceiptLine(f"{text_in(piece.label, 'fr')} : {upload.filename}"))
            lines.append(ReceiptLine(f"    {sha256_hex(upload.data)}"))
    if len(lines) == 8:
        lines.append(ReceiptLine("aucune"))
    lines += [
        ReceiptLine(""),
        ReceiptLine(
            "Ceci est un accusé d'envoi : il atteste la date de votre envoi, pas que "
            "le dossier est complet. Le service vous dira s'il manque une pièce."
        ),
        ReceiptLine("L'horodatage qualifié (RFC 3161) de ce document est joint (fichier .tsr)."),
    ]
    return lines


def issue_receipt(dossier, definition, user, uploads) -> dict:
    filed_at = datetime.now(timezone.utc)
    local_time = filed_at.astimezone(BRUSSELS)
    data = receipt_pdf("Accusé d'envoi", _lines(dossier, definition, user, uploads, local_time))
    record = proof(data)
    receipt = api.content.create(
        container=dossier,
        type="File",
        id=RECEIPT_ID,
        title="Accusé d'envoi",
        file=NamedBlobFile(data=data, contentType="application/pdf", filename=f"{RECEIPT_ID}.pdf"),
        annex_category="correspondence",
    )
    stored = PersistentMapping(
        receipt_uid=receipt.UID(),
        sha256=record["sha256"],
        # UTC: a ZoneInfo does not pickle into the ZODB.
        filed_at=filed_at,
        timestamp=record.get("timestamp"),
        timestamp_time=record.get("timestamp_time"),
        timestamp_problem=record.get("timestamp_problem"),
    )
    IAnnotations(dossier)[ANNOTATION_KEY] = stored
    send_receipt(dossier, user, data, stored)
    return stored


def receipt_of(dossier):
    return IAnnotations(dossier).get(ANNOTATION_KEY)


def send_receipt(dossier, user, data: bytes, stored) -> bool:
    email = user.getProperty("email")
    if not email:
        return False
    sender = api.portal.get_registry_record("plone.email_from_address", default=None)
    if not sender:
        logger.warning("No sender address: the receipt of %s is not e-mailed", dossier.reference)
        return False
    message = EmailMessage()
    message["Subject"] = f"Accusé d'envoi — {dossier.reference} — {dossier.Title()}"
    message["From"] = sender
    message["To"] = email
    message.set_content(
        f"Bonjour,\n\n{municipality_of(dossier).Title()} a bien reçu votre demande "
        f"« {dossier.Title()} », enregistrée sous la référence {dossier.reference} le "
        f"{stored['filed_at'].astimezone(BRUSSELS):%d/%m/%Y à %H:%M}.\n\n"
        "Vous trouverez l'accusé d'envoi en "
        "pièce jointe et le suivi de votre demande dans « Mes démarches ».\n"
    )
    message.add_attachment(
        data, maintype="application", subtype="pdf", filename="accuse-d-envoi.pdf"
    )
    if stored.get("timestamp") is not None:
        message.add_attachment(
            stored["timestamp"].data,
            maintype="application",
            subtype="timestamp-reply",
            filename="accuse-d-envoi.tsr",
        )
    api.portal.get_tool("MailHost").send(message)
    return True
