"""A short pause before Zope retries a request that lost a write conflict.

Zope waits a random time up to 2**n seconds before the n-th retry (n from
0): 1, 2, 4 ... 512 s with the ten retries this platform allows, so a
request that loses six times in a row (a burst on one number series) sleeps
tens of seconds, holding one of the four threads meanwhile. The objects
that conflict here are written by short transactions (a counter, a folder's
index): the winner has committed when the loser hears of it, so a retry
soon after succeeds. Keep the randomness (competing losers do not retry in
step) but start at a few tens of milliseconds and cap each pause.
"""

import random
import time


FIRST = 0.05  # seconds: the longest pause before the first retry
LONGEST = 2.0  # seconds: no pause longer than this


def pause(retry_count: int) -> float:
    """The pause before retry `retry_count` + 1 (random, bounded)."""
    return random.uniform(0, min(LONGEST, FIRST * 2**retry_count))  # noqa: S311 (jitter)


def delay_retry(self):
    time.sleep(pause(self.retry_count))
