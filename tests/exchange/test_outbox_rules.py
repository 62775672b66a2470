"""The life of an outbox message: when to retry, when to give up, leases."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from imio.municipal.exchange import rules

import pytest


NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "attempts, seconds",
    [(1, 2), (2, 4), (3, 8), (6, 64), (20, 1800)],
)
def test_backoff_doubles_up_to_half_an_hour(attempts, seconds):
    assert rules.backoff(attempts) == timedelta(seconds=seconds)


def test_retry_after_wins_when_longer():
    assert rules.backoff(1, retry_after=30) == timedelta(seconds=30)
    assert rules.backoff(6, retry_after=1) == timedelta(seconds=64)


@pytest.mark.parametrize("status", [None, 408, 429, 500, 502, 503, 504])
def test_transient_failures_are_retried(status):
    state, due = rules.after_failure(1, status, NOW)
    assert state == rules.PENDING
    assert due == NOW + timedelta(seconds=2)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_refusals_fail_at_once(status):
    assert rules.after_failure(1, status, NOW) == (rules.FAILED, None)


def test_too_many_attempts_fail():
    assert rules.after_failure(rules.MAX_ATTEMPTS, 503, NOW) == (rules.FAILED, None)
    assert rules.after_failure(rules.MAX_ATTEMPTS - 1, 503, NOW)[0] == rules.PENDING


def test_claimable():
    later = NOW + timedelta(seconds=5)
    assert rules.claimable(rules.PENDING, None, None, NOW)
    assert rules.claimable(rules.PENDING, NOW, None, NOW)
    assert not rules.claimable(rules.PENDING, later, None, NOW)
    # A claim is a lease: taken over only once it ran out.
    assert not rules.claimable(rules.CLAIMED, None, later, NOW)
    assert rules.claimable(rules.CLAIMED, None, NOW, NOW)
    for state in (rules.ACKNOWLEDGED, rules.FAILED, rules.AWAITING_DEPOSIT):
        assert not rules.claimable(state, None, None, NOW)
