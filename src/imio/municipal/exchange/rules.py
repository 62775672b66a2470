"""The life of an outbox message (Plone-free).

A message is created *pending* in the transaction of the workflow transition
that sends something to the region. A worker *claims* it (a lease that
expires: a killed worker's claim is taken over), sends it after commit, then
records the outcome:

- the region answered with a receipt: *acknowledged* (once: a repeated answer
  for the same message never records a second receipt);
- a transient failure (timeout, dropped connection, HTTP 5xx or 429): back to
  *pending* with an exponential backoff, until ``MAX_ATTEMPTS``; then *failed*
  (the secretariat is told and may retry);
- a permanent refusal (HTTP 4xx but 429, e.g. a manifest the region rejects):
  *failed* at once.

Targets without a usable endpoint use the *package* transport: the message
waits in *awaiting_deposit* until the secretariat deposits the ZIP by hand
and records the deposit receipt.
"""

from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from imio.municipal.errors import StateRefusal

import os


PENDING = "pending"
CLAIMED = "claimed"
ACKNOWLEDGED = "acknowledged"
FAILED = "failed"
AWAITING_DEPOSIT = "awaiting_deposit"
STATES = (PENDING, CLAIMED, ACKNOWLEDGED, FAILED, AWAITING_DEPOSIT)
FINAL_STATES = frozenset({ACKNOWLEDGED})


def _tuning(name: str, default: float) -> float:
    """Operations (and the reliability test) may tune the timing by environment."""
    return float(os.environ.get(f"IMIO_MUNICIPAL_EXCHANGE_{name}", default))


MAX_ATTEMPTS = int(_tuning("MAX_ATTEMPTS", 8))
BACKOFF_BASE = timedelta(seconds=_tuning("BACKOFF_BASE", 2))
BACKOFF_CAP = timedelta(seconds=_tuning("BACKOFF_CAP", 30 * 60))
# Longer than a request can take (connect + read timeouts of the transport).
LEASE = timedelta(seconds=_tuning("LEASE", 60))

TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


class TransitionError(StateRefusal, ValueError):
    """A message asked to change in a way its state does not allow."""


@dataclass(frozen=True)
class Claim:
    worker: str
    until: datetime


def backoff(attempts: int, retry_after: float | None = None) -> timedelta:
    """The wait before the next attempt, after ``attempts`` failed ones:
    2 s, 4 s, 8 s … capped at 30 min; the region's Retry-After wins when longer."""
    delay = min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    return delay


def is_transient(status: int | None) -> bool:
    """No answer at all (None: timeout, dropped connection) or a status worth a retry."""
    return status is None or status in TRANSIENT_STATUSES


def claimable(
    state: str, next_attempt_at: datetime | None, lease_until: datetime | None, now: datetime
) -> bool:
    """May a worker take the message now? Pending and due, or claimed by a
    worker whose lease ran out (it died or hangs)."""
    if state == PENDING:
        return next_attempt_at is None or next_attempt_at <= now
    if state == CLAIMED:
        return lease_until is not None and lease_until <= now
    return False


def after_failure(
    attempts: int, status: int | None, now: datetime, retry_after: float | None = None
):
    """(new state, next attempt time) after a failed attempt (``attempts`` counts it)."""
    if not is_transient(status) or attempts >= MAX_ATTEMPTS:
        return FAILED, None
    return PENDING, now + backoff(attempts, retry_after)
