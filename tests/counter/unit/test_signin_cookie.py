"""The sign-in's sealed state: what was sealed here opens, anything else reads
as no sign-in at all."""

from imio.municipal.counter.signin_cookie import MAX_AGE
from imio.municipal.counter.signin_cookie import seal
from imio.municipal.counter.signin_cookie import unseal

import base64
import json
import pytest


SECRET = b"site-secret"
STATE = {"state": "abc", "nonce": "xyz", "verifier": "v" * 128}


def test_a_sealed_state_opens_with_the_site_secret():
    assert unseal(seal(STATE, SECRET, now=5000), [SECRET], now=5010) == STATE


def test_a_rotated_secret_still_opens_the_sign_ins_started_before():
    value = seal(STATE, b"old", now=5000)
    assert unseal(value, [b"new", b"old"], now=5010) == STATE


def test_a_state_rewritten_by_the_browser_is_refused():
    payload, signature = seal(STATE, SECRET, now=5000).split(".")
    body = json.loads(base64.urlsafe_b64decode(payload))
    body["data"]["state"] = "attacker-state"
    forged = base64.urlsafe_b64encode(json.dumps(body).encode()).decode()
    assert unseal(f"{forged}.{signature}", [SECRET], now=5010) is None


@pytest.mark.parametrize(
    "value",
    [
        "",
        "not-a-cookie",
        "a.b.c",
        # The stock plugin's unsigned cookie.
        base64.b64encode(json.dumps(STATE).encode()).decode(),
        "%%%.deadbeef",
        "ééé.abc",
        # a non-ASCII signature (hmac.compare_digest refuses such str)
        "abc.ééé",
    ],
)
def test_a_malformed_value_reads_as_no_sign_in(value):
    assert unseal(value, [SECRET], now=5000) is None


def test_a_state_older_than_half_an_hour_is_refused():
    value = seal(STATE, SECRET, now=5000)
    assert unseal(value, [SECRET], now=5000 + MAX_AGE) == STATE
    assert unseal(value, [SECRET], now=5000 + MAX_AGE + 1) is None


def test_a_state_from_another_secret_or_none_is_refused():
    value = seal(STATE, SECRET, now=5000)
    assert unseal(value, [b"other"], now=5000) is None
    assert unseal(value, [], now=5000) is None
    assert unseal(value, [b""], now=5000) is None


def test_the_value_holds_only_cookie_safe_characters():
    value = seal({"came_from": "http://x/a b;c=d"}, SECRET, now=1)
    assert all(c.isalnum() or c in "-_=." for c in value)
