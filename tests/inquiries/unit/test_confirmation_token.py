"""The e-mailed confirmation link's token: signed with the site's secret,
bound to its purpose, expiring, and telling a broken link from an old one."""

from hypothesis import given
from hypothesis import strategies as st
from imio.municipal.counter import signin_cookie
from imio.municipal.inquiries import confirmation_token as token

import base64
import doctest
import json


SECRET = b"site-secret"
NOW = 1_800_000_000


def test_a_fresh_token_names_its_inquiry_and_pending_observation():
    value = token.issue("uid-1", "pending-1", SECRET, now=NOW)
    assert token.read(value, [SECRET], now=NOW + 3600) == (
        token.VALID,
        {"inquiry": "uid-1", "pending": "pending-1"},
    )


def test_a_rotated_secret_still_opens_the_links_sent_before():
    value = token.issue("uid-1", "pending-1", b"old", now=NOW)
    assert token.read(value, [b"new", b"old"], now=NOW)[0] == token.VALID


def test_expired_after_48_hours_not_before():
    value = token.issue("uid-1", "pending-1", SECRET, now=NOW)
    assert token.read(value, [SECRET], now=NOW + 48 * 3600)[0] == token.VALID
    assert token.read(value, [SECRET], now=NOW + 48 * 3600 + 1) == (token.EXPIRED, {})


def test_a_token_from_the_future_is_not_valid():
    value = token.issue("uid-1", "pending-1", SECRET, now=NOW + 3600)
    assert token.read(value, [SECRET], now=NOW)[0] == token.INVALID


def test_a_changed_payload_is_refused_even_when_its_json_is_valid():
    value = token.issue("uid-1", "pending-1", SECRET, now=NOW)
    payload, signature = value.split(".")
    body = json.loads(base64.urlsafe_b64decode(payload))
    body["pending"] = "pending-2"
    forged = base64.urlsafe_b64encode(json.dumps(body).encode()).decode()
    assert token.read(f"{forged}.{signature}", [SECRET], now=NOW) == (token.INVALID, {})


def test_an_expired_token_cannot_be_refreshed_by_changing_its_time():
    value = token.issue("uid-1", "pending-1", SECRET, now=NOW)
    payload, signature = value.split(".")
    body = json.loads(base64.urlsafe_b64decode(payload))
    body["iat"] = NOW + 10 * 24 * 3600
    forged = base64.urlsafe_b64encode(json.dumps(body).encode()).decode()
    later = NOW + 10 * 24 * 3600
    assert token.read(f"{forged}.{signature}", [SECRET], now=later)[0] == token.INVALID


def test_a_sign_in_cookie_signed_with_the_same_secret_is_not_a_confirmation_link():
    cookie = signin_cookie.seal({"inquiry": "uid-1", "pending": "p"}, SECRET, now=NOW)
    assert token.read(cookie, [SECRET], now=NOW)[0] == token.INVALID
    link = token.issue("uid-1", "pending-1", SECRET, now=NOW)
    assert signin_cookie.unseal(link, [SECRET], now=NOW) is None


@given(st.one_of(st.text(max_size=300), st.none(), st.integers(), st.binary(max_size=50)))
def test_any_other_value_is_invalid_never_an_error(value):
    assert token.read(value, [SECRET], now=NOW) == (token.INVALID, {})


def test_an_empty_secret_opens_nothing():
    value = token.issue("uid-1", "pending-1", b"", now=NOW)
    assert token.read(value, [b""], now=NOW)[0] == token.INVALID


def test_the_module_examples_hold():
    assert doctest.testmod(token).failed == 0
