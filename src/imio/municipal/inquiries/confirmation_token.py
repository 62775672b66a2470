"""The link that confirms an observation sent with an e-mail address (Plone-free).

The link carries ``<base64 JSON>.<HMAC-SHA256>``: the inquiry, the pending
observation and the issue time, signed with the site's secret and a purpose
of its own (a value signed for the citizens' sign-in never passes here, nor
the reverse). The signature makes it tamper-evident and the issue time makes
it expire; it serves once because the pending observation it names is gone
once confirmed (the caller checks that).

Unlike the sign-in cookie, the reader says *why* a value is refused: the
citizen gets a different French page for a broken link and an expired one.

>>> token = issue("inquiry-uid", "pending-id", b"secret", now=1000)
>>> read(token, [b"secret"], now=1060)
('valid', {'inquiry': 'inquiry-uid', 'pending': 'pending-id'})
>>> read(token, [b"another"], now=1060)[0]
'invalid'
>>> read(token, [b"secret"], now=1000 + MAX_AGE + 1)[0]
'expired'
>>> read(token[:-1] + "é", [b"secret"], now=1060)[0]
'invalid'
"""

from collections.abc import Iterable

import base64
import binascii
import hashlib
import hmac
import json
import time


# The same delay as the purge of unconfirmed observations: past it, the
# observation the link names no longer exists.
MAX_AGE = 48 * 3600
PURPOSE = b"imio.municipal.inquiry-observation-confirmation"
VALID, INVALID, EXPIRED = "valid", "invalid", "expired"


def _signature(payload: bytes, secret: bytes) -> str:
    return hmac.new(secret, PURPOSE + b"." + payload, hashlib.sha256).hexdigest()


def issue(inquiry_uid: str, pending_id: str, secret: bytes, now: float | None = None) -> str:
    """The token for the pending observation ``pending_id`` of an inquiry."""
    issued = int(time.time() if now is None else now)
    body = json.dumps(
        {"iat": issued, "inquiry": inquiry_uid, "pending": pending_id},
        separators=(",", ":"),
        sort_keys=True,
    )
    payload = base64.urlsafe_b64encode(body.encode("utf-8")).decode("ascii")
    return f"{payload}.{_signature(payload.encode('ascii'), secret)}"


def read(value, secrets: Iterable[bytes], now: float | None = None) -> tuple[str, dict]:
    """``(VALID, {"inquiry", "pending"})``, or ``(INVALID, {})`` for a value
    not made here or changed, or ``(EXPIRED, {})`` past MAX_AGE. Several
    secrets: a rotated key still opens the links sent before."""
    if not isinstance(value, str) or value.count(".") != 1 or len(value) > 1000:
        return INVALID, {}
    payload_text, signature_text = value.split(".")
    payload = payload_text.encode("ascii", "replace")
    # bytes: compare_digest refuses str with non-ASCII characters
    signature = signature_text.encode("utf-8", "replace")
    if not any(
        hmac.compare_digest(_signature(payload, s).encode("ascii"), signature) for s in secrets if s
    ):
        return INVALID, {}
    try:
        body = json.loads(base64.urlsafe_b64decode(payload))
    except (binascii.Error, ValueError):
        return INVALID, {}
    if not isinstance(body, dict):
        return INVALID, {}
    issued, inquiry, pending = body.get("iat"), body.get("inquiry"), body.get("pending")
    if not (isinstance(issued, int) and isinstance(inquiry, str) and isinstance(pending, str)):
        return INVALID, {}
    current = time.time() if now is None else now
    if current < issued - 60:
        return INVALID, {}
    if current > issued + MAX_AGE:
        return EXPIRED, {}
    return VALID, {"inquiry": inquiry, "pending": pending}
