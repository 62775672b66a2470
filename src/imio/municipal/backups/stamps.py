"""The names of backups: repozo's UTC time stamps ``YYYY-MM-DD-HH-MM-SS``.

Every backup of one run shares the stamp of the repozo file it made, so the
blobs saved with it are found again by the same name.

>>> stamp_of("2026-12-07-05-10-33.deltafs")
'2026-12-07-05-10-33'
>>> stamp_of("Data.fs") is None
True
>>> latest_at(["2026-12-01-00-00-00", "2026-12-05-00-00-00"], "2026-12-04")
'2026-12-01-00-00-00'
"""

from collections.abc import Iterable

import re


STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})(?:\.[a-z]+)?$")
#: A date given for a restore: a day, down to the second.
AT = re.compile(r"^\d{4}-\d{2}-\d{2}(?:-\d{2}){0,3}$")


def stamp_of(name: str) -> str | None:
    match = STAMP.match(name)
    return match.group(1) if match else None


def checked_at(value: str) -> str:
    """A restore date as repozo takes it; ValueError with the expected form."""
    if not AT.match(value):
        raise ValueError(
            f"{value!r} is not a date of the form YYYY-MM-DD or YYYY-MM-DD-HH[-MM[-SS]] (UTC)"
        )
    return value


def latest_at(stamps: Iterable[str], at: str | None = None) -> str | None:
    """The newest stamp not after ``at`` (a prefix compares as its start)."""
    if at is not None:
        # "2026-12-04" means up to the end of that day, as repozo reads it
        limit = at + "-99-99-99"[len(at) - 10 :] if len(at) < 19 else at
        stamps = [stamp for stamp in stamps if stamp <= limit]
    return max(stamps, default=None)
