"""What the catalog indexes of a decision for the figures per procedure
(Plone-free).

A file without the dates a value needs has no value (AttributeError, which
leaves it out of the index), as the figures leave it out of the median or
of the share decided in time.

>>> from datetime import date
>>> instruction_days_of(date(2026, 3, 4), date(2026, 4, 1))
28
>>> decided_in_time_of(date(2026, 4, 1), date(2026, 4, 1))
True
"""

from datetime import date


def instruction_days_of(received: date | None, decided: date | None) -> int:
    """Days from receipt to decision."""
    if received is None or decided is None:
        raise AttributeError("instruction_days")
    return (decided - received).days


def decided_in_time_of(decided: date | None, deadline: date | None) -> bool:
    """Decided on or before the legal deadline."""
    if decided is None or deadline is None:
        raise AttributeError("decided_in_time")
    return decided <= deadline
