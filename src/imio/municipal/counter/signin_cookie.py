"""The sign-in's short-lived state in a tamper-evident cookie value (Plone-free).

Between the start of a citizen's sign-in and its callback, the browser keeps
the OIDC state, nonce and PKCE verifier. The stock plugin stores them as plain
base64 JSON that anyone can read and rewrite; here the value carries its
issue time and an HMAC-SHA256 over both, so a changed, truncated or stale
value reads as no sign-in at all.

>>> value = seal({"state": "s1"}, b"secret", now=1000)
>>> unseal(value, [b"secret"], now=1060)
{'state': 's1'}
>>> unseal(value, [b"another"], now=1060) is None
True
>>> unseal(value, [b"secret"], now=1000 + MAX_AGE + 1) is None
True
>>> unseal(value.split(".")[0] + ".é", [b"secret"], now=1060) is None
True
"""

from collections.abc import Iterable

import base64
import binascii
import hashlib
import hmac
import json
import time


# A citizen may take a while at the provider (an app on the phone, a card
# reader); beyond half an hour the sign-in starts again.
MAX_AGE = 30 * 60
# The signature covers the purpose too: a value signed for something else
# with the same site secret never passes as a sign-in.
PURPOSE = b"imio.municipal.citizen-sign-in"


def _signature(payload: bytes, secret: bytes) -> str:
    return hmac.new(secret, PURPOSE + b"." + payload, hashlib.sha256).hexdigest()


def seal(data: dict, secret: bytes, now: float | None = None) -> str:
    """The cookie value for ``data``: ``<base64 JSON>.<signature>``."""
    issued = int(time.time() if now is None else now)
    body = json.dumps({"iat": issued, "data": data}, separators=(",", ":"), sort_keys=True)
    payload = base64.urlsafe_b64encode(body.encode("utf-8"))
    return f"{payload.decode('ascii')}.{_signature(payload, secret)}"


def unseal(value: str, secrets: Iterable[bytes], now: float | None = None) -> dict | None:
    """The data sealed in ``value`` by one of ``secrets`` (several: a rotated
    key still opens the sign-ins started before), or None when the value was
    not made here, was changed, or is older than MAX_AGE."""
    if not value or value.count(".") != 1:
        return None
    payload_text, signature_text = value.split(".")
    payload = payload_text.encode("ascii", "replace")
    # bytes: compare_digest refuses str with non-ASCII characters (a 500)
    signature = signature_text.encode("utf-8", "replace")
    if not any(
        hmac.compare_digest(_signature(payload, s).encode("ascii"), signature) for s in secrets if s
    ):
        return None
    try:
        body = json.loads(base64.urlsafe_b64decode(payload))
    except (binascii.Error, ValueError):
        return None
    if not isinstance(body, dict) or not isinstance(body.get("data"), dict):
        return None
    issued = body.get("iat")
    current = time.time() if now is None else now
    if not isinstance(issued, int) or not (issued - 60 <= current <= issued + MAX_AGE):
        return None
    return body["data"]
