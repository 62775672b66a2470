"""Who may read the access journal, and what they ask of it.

The DPO (DataProtectionOfficer) and the secretariat of a municipality hold
"imio.municipal: Consult access journal" there, through their local roles on
the Municipality; nobody else does, platform admins included. Every query is
bound to that one municipality; exporting the journal is itself journalled.
"""

from dataclasses import dataclass
from datetime import datetime
from datetime import time
from datetime import timedelta
from imio.municipal import _
from imio.municipal import logger
from imio.municipal.core.csv_safe import safe_row
from imio.municipal.privacy import hooks
from imio.municipal.privacy import settings
from imio.municipal.privacy.refusals import JournalUnavailable
from imio.municipal.privacy.refusals import PrivacyInputRefusal
from imio.municipal.privacy.store import Access
from imio.municipal.privacy.store import JournalError
from imio.municipal.privacy.subjects import compact_niss
from plone import api
from zoneinfo import ZoneInfo

import csv
import io
import re


BRUSSELS = ZoneInfo("Europe/Brussels")
PAGE_SIZE = 50
MAX_BATCH = 200
UID = re.compile(r"^[0-9a-f]{32}$")
USER_ID = re.compile(r"^[\w.@+-]{1,100}$")
CSV_COLUMNS = ("at", "user_id", "source", "portal_type", "path", "uid", "persons", "detail")


def _date(value: str, name: str):
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise PrivacyInputRefusal(
        _(
            "error_journal_date",
            default="${name}: ${value} is not a date (dd/mm/yyyy).",
            mapping={"name": name, "value": value},
        )
    )


def filters_from(form: dict, municipality) -> dict:
    """The journal filters of a request, validated (InvalidInput says why)."""
    found = {}
    reference = (form.get("reference") or "").strip()
    uid = (form.get("uid") or "").strip()
    if reference:
        brains = api.content.find(
            context=municipality, portal_type="Dossier", reference=reference, unrestricted=True
        )
        if not brains:
            raise PrivacyInputRefusal(
                _(
                    "error_journal_reference",
                    default="No case file of this municipality has the reference ${value}.",
                    mapping={"value": reference},
                )
            )
        uid = brains[0].UID
    if uid:
        if not UID.match(uid):
            raise PrivacyInputRefusal(
                _(
                    "error_journal_uid",
                    default="${value} is not an item identifier.",
                    mapping={"value": uid},
                )
            )
        found["uid"] = uid
    user_id = (form.get("user") or "").strip()
    if user_id:
        if not USER_ID.match(user_id):
            raise PrivacyInputRefusal(
                _(
                    "error_journal_user",
                    default="${value} is not a user name.",
                    mapping={"value": user_id},
                )
            )
        found["user_id"] = user_id
    niss = (form.get("niss") or "").strip()
    if niss:
        compact = compact_niss(niss)
        if compact is None:
            raise PrivacyInputRefusal(
                _(
                    "error_journal_niss",
                    default="${value} is not a valid NISS or BIS number (11 digits with a "
                    "valid check number).",
                    mapping={"value": niss},
                )
            )
        found["niss"] = compact
    start, end = (form.get("start") or "").strip(), (form.get("end") or "").strip()
    if start:
        found["since"] = datetime.combine(_date(start, "start"), time(), BRUSSELS)
    if end:
        found["until"] = datetime.combine(_date(end, "end") + timedelta(days=1), time(), BRUSSELS)
    return found


def _whole(form: dict, name: str, default: int) -> int:
    value = str(form.get(name) or "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise PrivacyInputRefusal(
            _(
                "error_journal_batch",
                default="${name}: ${value} is not a whole number.",
                mapping={"name": name, "value": value},
            )
        )
    return int(value)


def batch_from(form: dict) -> tuple[int, int]:
    """``b_start`` and ``b_size`` (at most MAX_BATCH); a bad one is refused."""
    start = _whole(form, "b_start", 0)
    size = min(MAX_BATCH, max(1, _whole(form, "b_size", PAGE_SIZE)))
    return start, size


@dataclass(frozen=True)
class Consultation:
    """One page (or, for an export, all) of the accesses matching a request."""

    entries: list[Access]
    filters: dict
    start: int
    size: int | None  # None: every matching access
    more: bool


def consult(municipality, form: dict, source: str) -> Consultation:
    """The one path of every reading of the journal (page, REST, CSV).

    Validates the filters and the batch, queries this municipality's journal
    and journals the consultation itself under ``source`` (an ``export``
    reads every match, unbatched). PrivacyInputRefusal (400) on bad input,
    JournalUnavailable (503) when the journal fails: nothing is shown then.
    """
    filters = filters_from(form, municipality)
    if source == "export":
        start, size = 0, None
        found = entries(municipality, filters)
    else:
        start, size = batch_from(form)
        found = entries(municipality, filters, limit=size + 1, offset=start)
    label = "access-journal.csv" if source == "export" else "access-journal"
    record_consultation(
        municipality,
        source,
        f"{label} {describe(filters)}",
        persons=[filters["niss"]] if "niss" in filters else (),
    )
    more = size is not None and len(found) > size
    return Consultation(
        entries=found[:size] if size is not None else found,
        filters=filters,
        start=start,
        size=size,
        more=more,
    )


def describe(filters: dict) -> str:
    """The filters as one line for the journal (NISS kept in its own column)."""
    return " ".join(
        f"{key}={value:%Y-%m-%d}" if isinstance(value, datetime) else f"{key}={value}"
        for key, value in sorted(filters.items())
        if key != "niss"
    )[:200]


def entries(municipality, filters: dict, *, limit=None, offset=0) -> list[Access]:
    """The matching accesses; JournalUnavailable (503) when the journal fails."""
    try:
        return settings.journal().query(municipality.getId(), limit=limit, offset=offset, **filters)
    except JournalError:
        logger.exception("Access journal unavailable: query of %s refused", municipality.getId())
        raise JournalUnavailable() from None


def record_consultation(municipality, source: str, detail: str, persons=()) -> None:
    """Journal a consultation or export of the journal or of a person's data.

    What cannot be journalled is not shown: JournalUnavailable (503).
    """
    access = Access(
        user_id=api.user.get_current().getId(),
        municipality=municipality.getId(),
        uid=municipality.UID(),
        path="/".join(municipality.getPhysicalPath()),
        portal_type=municipality.portal_type,
        source=source,
        persons=tuple(persons),
        detail=detail,
    )
    try:
        hooks.record(access)
    except JournalError:
        # (no NISS in the log: the log is not the journal)
        logger.exception("Access journal unavailable: %s by %s refused", detail, access.user_id)
        raise JournalUnavailable() from None


def local_time(access: Access) -> str:
    """dd/mm/yyyy HH:MM:SS in Belgian time."""
    return access.at.astimezone(BRUSSELS).strftime("%d/%m/%Y %H:%M:%S")


def as_csv(found: list[Access]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    for access in found:
        writer.writerow(
            safe_row(
                [
                    local_time(access),
                    access.user_id,
                    access.source,
                    access.portal_type,
                    access.path,
                    access.uid,
                    " ".join(access.persons),
                    access.detail,
                ]
            )
        )
    return out.getvalue()


def as_json(access: Access) -> dict:
    row = access.as_dict()
    row["local_time"] = local_time(access)
    return row
