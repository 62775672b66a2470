"""Proof of publication: RFC 3161 timestamps (``rfc3161-client``).

``request_timestamp`` asks a timestamp authority for a token over the
SHA-256 of the data, verifies it (chain to the configured root at the
token's time, critical timeStamping key usage, nonce, imprint) and returns
a ``Stamp`` that keeps the full DER ``TimeStampResp``. ``verify`` checks data
against a stored response later. Reasons are short English texts; the
Plone side translates by ``code``.

>>> sha256_hex(b"")
'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
"""

from asn1crypto import tsp
from cryptography import x509
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone
from rfc3161_client import decode_timestamp_response
from rfc3161_client import HashAlgorithm
from rfc3161_client import PKIStatus
from rfc3161_client import TimestampRequestBuilder
from rfc3161_client import TimeStampResponse
from rfc3161_client import VerificationError
from rfc3161_client import VerifierBuilder

import hashlib
import requests


QUERY_TYPE = "application/timestamp-query"
MAX_RESPONSE = 1024 * 1024

CODES = ("unreachable", "http-error", "garbage", "refused", "timeout", "untrusted")


class TimestampError(Exception):
    """No valid timestamp was obtained; ``code`` says why, ``reason`` in English."""

    def __init__(self, code: str, reason: str):
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Stamp:
    """A verified timestamp of some data."""

    sha256: str
    time: datetime
    serial: int
    response: bytes
    authority: str  # its name, from its certificate (else its URL)
    url: str = ""


@dataclass(frozen=True)
class Verification:
    """Whether data matches a stored timestamp response.

    ``code``: "ok", "modified" (the data differs from what was stamped),
    "untrusted" (not signed by the configured authority) or "garbage".
    """

    valid: bool
    reason: str
    time: datetime | None
    code: str = "ok"


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def _certificates(root_pem: bytes) -> tuple[list[x509.Certificate], list[x509.Certificate]]:
    """(roots, intermediates) of a PEM bundle: self-issued certificates are roots."""
    try:
        certificates = x509.load_pem_x509_certificates(root_pem)
    except ValueError as error:
        raise TimestampError("untrusted", f"the root certificate is unreadable: {error}") from None
    roots = [c for c in certificates if c.issuer == c.subject] or certificates
    return roots, [c for c in certificates if c not in roots]


def _verifier(root_pem: bytes, builder: VerifierBuilder | None = None):
    builder = builder or VerifierBuilder()
    roots, intermediates = _certificates(root_pem)
    for root in roots:
        builder = builder.add_root_certificate(root)
    for intermediate in intermediates:
        builder = builder.add_intermediate_certificate(intermediate)
    return builder.build()


def _gen_time(response: TimeStampResponse) -> datetime:
    time = response.tst_info.gen_time
    return time if time.tzinfo else time.replace(tzinfo=timezone.utc)


def _post(url: str, query: bytes, timeout: float) -> bytes:
    headers = {"Content-Type": QUERY_TYPE, "Accept": "application/timestamp-reply"}
    try:
        with requests.post(
            url, data=query, headers=headers, timeout=(timeout, timeout), stream=True
        ) as answer:
            if answer.status_code != 200:
                raise TimestampError(
                    "http-error", f"the authority answered HTTP {answer.status_code}"
                )
            body = answer.raw.read(MAX_RESPONSE + 1, decode_content=True)
    except requests.Timeout:
        raise TimestampError(
            "timeout", f"no answer from the authority within {timeout:g} s"
        ) from None
    except requests.ConnectionError as error:
        if "timed out" in str(error).lower():
            raise TimestampError("timeout", f"no answer within {timeout:g} s") from None
        raise TimestampError("unreachable", "the authority cannot be reached") from None
    except requests.RequestException as error:
        raise TimestampError("unreachable", f"the request failed: {type(error).__name__}") from None
    if len(body) > MAX_RESPONSE:
        raise TimestampError("garbage", "the answer is too large for a timestamp")
    return body


def request_timestamp(data: bytes, url: str, root_pem: bytes, timeout: float = 10.0) -> Stamp:
    """Timestamp ``data`` at the authority ``url``; verified before it is returned.

    Raises ``TimestampError`` (``code`` in ``CODES``) when no valid token was
    obtained; nothing is returned half-checked.
    """
    request = TimestampRequestBuilder().data(data).hash_algorithm(HashAlgorithm.SHA256).build()
    body = _post(url, request.as_bytes(), timeout)
    try:
        response = decode_timestamp_response(body)
    except ValueError:
        raise TimestampError("garbage", "the answer is not a timestamp response") from None
    if response.status not in (PKIStatus.GRANTED, PKIStatus.GRANTED_WITH_MODS):
        text = "; ".join(response.status_string) or f"status {response.status}"
        raise TimestampError("refused", f"the authority refused the request ({text})")
    try:
        _verifier(root_pem, VerifierBuilder.from_request(request)).verify_message(response, data)
    except VerificationError as error:
        raise TimestampError("untrusted", f"the timestamp does not verify: {error}") from None
    return Stamp(
        sha256=sha256_hex(data),
        time=_gen_time(response),
        serial=response.tst_info.serial_number,
        response=body,
        authority=authority_name(body) or url,
        url=url,
    )


def authority_name(response: bytes) -> str:
    """The name (certificate common name) of the authority that signed a
    ``TimeStampResp``, when the response carries its certificate; else ""."""
    try:
        token = tsp.TimeStampResp.load(response)["time_stamp_token"]
        signed = token["content"]
        serial = signed["signer_infos"][0]["sid"].chosen["serial_number"].native
        for choice in signed["certificates"] or []:
            certificate = choice.chosen
            if choice.name == "certificate" and certificate.serial_number == serial:
                subject = certificate.subject.native
                return subject.get("common_name") or subject.get("organization_name") or ""
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return ""
    return ""


def verify(data: bytes, response: bytes, root_pem: bytes) -> Verification:
    """Check ``data`` against a stored DER ``TimeStampResp``.

    The signature must chain to ``root_pem`` at the token's time, the signer
    must have the critical timeStamping key usage, and the imprint must be
    the hash of ``data``.
    """
    try:
        decoded = decode_timestamp_response(response)
        time = _gen_time(decoded)
    except ValueError:
        return Verification(False, "the timestamp response is unreadable", None, "garbage")
    try:
        verifier = _verifier(root_pem)
    except TimestampError as error:
        return Verification(False, error.reason, None, "untrusted")
    try:
        verifier.verify_message(decoded, data)
    except VerificationError as error:
        if "Mismatch between messages" in str(error):
            return Verification(
                False, "the file was modified after it was timestamped", time, "modified"
            )
        return Verification(
            False, f"the timestamp is not from a trusted authority: {error}", None, "untrusted"
        )
    return Verification(True, "the file matches the timestamp", time, "ok")
