"""Zope waits up to 2**n seconds before the n-th retry of a conflicting
request (256 s before the ninth); the platform's pauses stay short."""

from imio.municipal.platform.conflicts import retry

import pytest


@pytest.mark.parametrize("retry_count", range(11))
def test_a_pause_is_short_and_bounded(retry_count):
    pauses = [retry.pause(retry_count) for _draw in range(200)]
    assert all(0 <= pause <= retry.LONGEST for pause in pauses)
    assert max(pauses) <= retry.FIRST * 2**retry_count


def test_the_first_retries_come_within_tens_of_milliseconds():
    assert max(retry.pause(0) for _draw in range(200)) <= 0.05


def test_the_pauses_stay_random():
    """Requests that lost at the same time do not retry in step."""
    assert len({retry.pause(3) for _draw in range(20)}) > 1
