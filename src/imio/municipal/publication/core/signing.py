"""PAdES signatures of the documents a municipality issues (pyHanko).

``load_signer`` opens the municipality's PKCS#12 file; ``sign_pdf`` signs a
PDF as PAdES B-T: the RFC 3161 timestamp of the signature is embedded in it,
so the proof travels with the file. The signature is an incremental update:
a PDF/A file stays PDF/A. ``check_pdf`` validates the signature of a PDF
against trusted roots and says, in plain data, whether it is valid, who
signed it, when, by which timestamp authority, and whether the file was
modified since. Reasons are short English texts; the Plone side translates
by ``code``.
"""

from asn1crypto import pem as asn1_pem
from asn1crypto import x509 as asn1_x509
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone
from io import BytesIO
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields
from pyhanko.sign import signers
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko.sign.validation.pdf_embedded import async_validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

import asyncio
import concurrent.futures
import logging


logger = logging.getLogger(__name__)

FIELD_NAME = "SignatureCommune"


class SigningError(Exception):
    """The document could not be signed; ``code`` says why, ``reason`` in English.

    Codes: "unreadable-identity" (PKCS#12 missing, unreadable or wrong
    passphrase), "expired" (the certificate is not valid now), "failed".
    """

    def __init__(self, code: str, reason: str):
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class SignatureCheck:
    """What a verifier learns from a PDF's signature.

    ``code``: "ok", "unsigned", "modified" (bytes changed after signing, or
    content added after the signature), "untrusted" (the signer does not
    chain to a trusted root, or the signature is broken) or "unreadable".
    """

    code: str
    signer: str = ""
    signing_time: datetime | None = None
    timestamped: bool = False
    timestamp_authority: str = ""
    timestamp_trusted: bool = False

    @property
    def valid(self) -> bool:
        return self.code == "ok"


def _run(make_coroutine):
    """Run pyHanko's coroutine to its end, also from a thread whose event loop
    is running (pyHanko's own sync wrappers call asyncio.run, which refuses)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def certificate_name(certificate) -> str:
    """The common name (else organisation) of a certificate's subject."""
    if isinstance(certificate, asn1_x509.Certificate):
        native = certificate.subject.native
        return native.get("common_name") or native.get("organization_name") or ""
    attributes = {attribute.oid.dotted_string: attribute.value for attribute in certificate.subject}
    return attributes.get("2.5.4.3") or attributes.get("2.5.4.10") or ""


def load_signer(p12: bytes, passphrase: str) -> signers.SimpleSigner:
    """The signer of a PKCS#12 archive (key, certificate and its chain)."""
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(p12, (), passphrase=passphrase.encode())
    except (ValueError, TypeError) as error:
        raise SigningError(
            "unreadable-identity", f"the PKCS#12 file cannot be opened: {error}"
        ) from None
    if signer is None:
        raise SigningError("unreadable-identity", "the PKCS#12 file cannot be opened")
    validity = signer.signing_cert["tbs_certificate"]["validity"]
    now = datetime.now(timezone.utc)
    if not validity["not_before"].native <= now <= validity["not_after"].native:
        raise SigningError(
            "expired",
            f"the signing certificate is valid from {validity['not_before'].native:%d/%m/%Y} "
            f"to {validity['not_after'].native:%d/%m/%Y}",
        )
    return signer


def signer_name(signer: signers.SimpleSigner) -> str:
    return certificate_name(signer.signing_cert)


def sign_pdf(
    data: bytes,
    signer: signers.SimpleSigner,
    timestamp_url: str | None = None,
    location: str = "",
    reason: str = "",
    timeout: float = 10.0,
) -> bytes:
    """``data`` signed (PAdES); B-T when ``timestamp_url`` is given, else B-B.

    Raises ``SigningError``; a timestamp authority that does not answer
    raises too (code "timestamp"): the caller decides to sign without it.
    """
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        location=location or None,
        reason=reason or None,
    )
    timestamper = RequestsHTTPTimeStamper(timestamp_url, timeout=timeout) if timestamp_url else None
    out = BytesIO()
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
        pdf_signer = signers.PdfSigner(metadata, signer=signer, timestamper=timestamper)
        _run(lambda: pdf_signer.async_sign_pdf(writer, output=out))
    except PdfError as error:
        raise SigningError("failed", f"the PDF cannot be signed: {error}") from None
    except Exception as error:
        if timestamper is not None and "timestamp" in type(error).__name__.lower():
            raise SigningError("timestamp", f"no timestamp: {error}") from None
        if timestamper is not None and isinstance(error, OSError):
            raise SigningError("timestamp", f"no timestamp: {error}") from None
        raise
    return out.getvalue()


def _context(roots_pem: bytes) -> ValidationContext:
    roots = [asn1_x509.Certificate.load(der) for der in _pem_blocks(roots_pem)]
    # Test and many qualified certificates publish no revocation data reachable
    # from here: checked when present, not required.
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")


def _pem_blocks(pem: bytes) -> list[bytes]:
    if not pem:
        return []
    return [der for _type, _headers, der in asn1_pem.unarmor(pem, multiple=True)]


def check_pdf(data: bytes, signer_roots_pem: bytes, tsa_roots_pem: bytes = b"") -> SignatureCheck:
    """Validate the last signature of ``data`` against the given trusted roots."""
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # a damaged file: pyHanko raises many kinds of errors
        logger.info("Unreadable PDF given to check_pdf", exc_info=True)
        return SignatureCheck("unreadable")
    if not signatures:
        return SignatureCheck("unsigned")
    signature = signatures[-1]
    try:
        signer_context = _context(signer_roots_pem)
        timestamp_context = _context(tsa_roots_pem or signer_roots_pem)
        status = _run(
            lambda: async_validate_pdf_signature(
                signature,
                signer_validation_context=signer_context,
                ts_validation_context=timestamp_context,
            )
        )
    except Exception:
        logger.info("Signature could not be validated", exc_info=True)
        return SignatureCheck("unreadable")
    stamp = status.timestamp_validity
    details = {
        "signer": certificate_name(status.signing_cert),
        "signing_time": stamp.timestamp if stamp is not None else status.signer_reported_dt,
        "timestamped": stamp is not None,
        "timestamp_authority": certificate_name(stamp.signing_cert) if stamp is not None else "",
        "timestamp_trusted": bool(stamp is not None and stamp.trusted),
    }
    if not status.intact or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return SignatureCheck("modified", **details)
    if not status.bottom_line:
        return SignatureCheck("untrusted", **details)
    return SignatureCheck("ok", **details)


def embedded_certificates(data: bytes, part: str = "signature") -> list[asn1_x509.Certificate]:
    """The certificates the PDF's last signature carries: the signer's chain
    (``part="signature"``) or its timestamp authority's (``"timestamp"``)."""
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # a damaged file
        return []
    if not signatures:
        return []
    signature = signatures[-1]
    if part == "signature":
        choices = list(signature.signed_data["certificates"] or [])
    else:
        choices = []
        for attribute in signature.signer_info["unsigned_attrs"] or []:
            if attribute["type"].native == "signature_time_stamp_token":
                for token in attribute["values"]:
                    choices.extend(token["content"]["certificates"] or [])
    return [choice.chosen for choice in choices if choice.name == "certificate"]


def pem_bundle(certificates, extra_pem: bytes = b"") -> bytes:
    """One PEM file of ``certificates`` and the PEM ``extra_pem``, each once."""
    seen, blocks = set(), []
    ders = [certificate.dump() for certificate in certificates] + _pem_blocks(extra_pem)
    for der in ders:
        if der not in seen:
            seen.add(der)
            blocks.append(asn1_pem.armor("CERTIFICATE", der))
    return b"".join(blocks)
