"""Zope's own retry uses the platform's short pauses (the patch is loaded)."""

from imio.municipal.platform.conflicts import retry
from ZPublisher.HTTPRequest import HTTPRequest


def test_zope_retries_with_the_platform_pause(integration, monkeypatch):
    slept = []
    monkeypatch.setattr(retry.time, "sleep", slept.append)
    request = HTTPRequest.__new__(HTTPRequest)
    for retry_count in range(10):
        request.retry_count = retry_count
        request.delay_retry()
    assert len(slept) == 10
    assert max(slept) <= retry.LONGEST
    assert sum(slept) <= 10 * retry.LONGEST
