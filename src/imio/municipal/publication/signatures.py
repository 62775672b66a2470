"""The municipality signs what it publishes and what it sends to the tutelle.

PAdES B-T with the municipality's certificate (configured outside the
database, see settings.py), the timestamp of the configured authority
embedded in the signature. The choices:

- no certificate configured for the municipality: the document goes out
  unsigned and says so (the public page, the secretariat's message); a
  municipality without a certificate yet must still publish its acts, whose
  binding force depends on publication;
- a certificate configured but unusable (file missing, wrong passphrase,
  expired): refused with the reason, nothing is published or stored; a
  configuration mistake is fixed, not hidden behind unsigned documents;
- the timestamp authority does not answer: signed without embedded
  timestamp (PAdES B-B), as publication already goes on without timestamp.
"""

from dataclasses import dataclass
from datetime import datetime
from datetime import timezone
from imio.municipal import _
from imio.municipal import logger
from imio.municipal.errors import StateRefusal
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.publication.core.signing import load_signer
from imio.municipal.publication.core.signing import sign_pdf
from imio.municipal.publication.core.signing import signer_name
from imio.municipal.publication.core.signing import SigningError
from imio.municipal.publication.settings import signing_identity
from imio.municipal.publication.settings import timestamp_authority


SIGNATURE_PROBLEMS = {
    "not-configured": _(
        "signature_not_configured",
        default="the municipality has no signing certificate configured yet",
    ),
}

REFUSALS = {
    "unreadable-identity": _(
        "refusal_signing_unreadable",
        default="The municipality's signing certificate cannot be opened (file or passphrase): "
        "ask the platform administrator to check it. Nothing was signed.",
    ),
    "expired": _(
        "refusal_signing_expired",
        default="The municipality's signing certificate is not valid today: ask the platform "
        "administrator to renew it. Nothing was signed.",
    ),
    "failed": _(
        "refusal_signing_failed",
        default="The document could not be signed; the error was logged for the platform "
        "administrator.",
    ),
}


class SigningRefused(StateRefusal):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Signed:
    data: bytes
    signer: str = ""
    signed_at: datetime | None = None
    timestamp_embedded: bool = False
    problem: str = ""  # a key of SIGNATURE_PROBLEMS when unsigned

    @property
    def is_signed(self) -> bool:
        return not self.problem


def sign_document(context, data: bytes, reason: str) -> Signed:
    """``data`` signed in the name of ``context``'s municipality, or SigningRefused."""
    municipality = municipality_of(context)
    try:
        identity = signing_identity(municipality.getId()) if municipality is not None else None
    except OSError as error:
        logger.error("Signing certificate of %s unreadable: %s", municipality.getId(), error)
        raise SigningRefused(REFUSALS["unreadable-identity"]) from None
    if identity is None:
        return Signed(data, problem="not-configured")
    try:
        signer = load_signer(identity.p12, identity.passphrase)
        authority = timestamp_authority()
        location = municipality.Title()
        try:
            signed = sign_pdf(data, signer, authority.url if authority else None, location, reason)
            embedded = authority is not None
        except SigningError as error:
            if error.code != "timestamp":
                raise
            logger.warning("Signature without timestamp (%s): %s", identity.source, error.reason)
            signed = sign_pdf(data, signer, None, location, reason)
            embedded = False
    except SigningError as error:
        logger.error("Signing with %s failed: %s", identity.source, error.reason)
        raise SigningRefused(REFUSALS.get(error.code, REFUSALS["failed"])) from None
    return Signed(
        signed,
        signer=signer_name(signer),
        signed_at=datetime.now(timezone.utc),
        timestamp_embedded=embedded,
    )
