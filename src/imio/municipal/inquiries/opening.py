"""Opening a public inquiry on a case file: every check, then one creation.

The agent gives the first day and the documents released for the inquiry;
the project and its location come from the case file (nothing re-typed),
the end is computed. A refusal leaves nothing behind.
"""

from contextvars import ContextVar
from datetime import date
from datetime import timedelta
from imio.municipal import _
from imio.municipal.core.calendar import belgian_date
from imio.municipal.core.calendar import belgian_today
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.errors import StateRefusal
from imio.municipal.inquiries.messages import refused
from plone import api

import transaction


ADD_INQUIRY = "imio.municipal: Add Inquiry"
# An inquiry runs while the service examines the complete file.
OPENABLE_STATES = ("in_progress",)
# How far from today the first day may be (a notice is prepared ahead; an
# inquiry already posted on the site may be recorded afterwards).
EARLIEST_DAYS, LATEST_DAYS = 30, 90
INQUIRY_ID = "enquete-publique"
# True only while open_inquiry creates the inquiry it has checked.
_CHECKED_OPENING = ContextVar("imio_municipal_checked_inquiry_opening", default=False)


def inquiries_of(dossier) -> list:
    return [obj for obj in dossier.objectValues() if obj.portal_type == "Inquiry"]


def open_inquiry_of(dossier):
    for inquiry in inquiries_of(dossier):
        if api.content.get_state(inquiry) == "open":
            return inquiry
    return None


def free_id(container, wanted: str) -> str:
    number, candidate = 1, wanted
    while candidate in container.objectIds():
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def releasable_annexes(dossier) -> dict:
    """The annexes that may be released: publishable (masked), not confidential."""
    return {
        annex.UID(): annex
        for annex in dossier.objectValues()
        if annex.portal_type == "File"
        and getattr(annex, "publishable", False)
        and not getattr(annex, "confidential", False)
    }


def _check_start(start) -> date:
    if not isinstance(start, date):
        raise refused(
            InvalidInput,
            _("refusal_inquiry_start_missing", default="Give the first day of the inquiry."),
        )
    today = belgian_today()
    earliest, latest = today - timedelta(days=EARLIEST_DAYS), today + timedelta(days=LATEST_DAYS)
    if not earliest <= start <= latest:
        raise refused(
            InvalidInput,
            _(
                "refusal_inquiry_start_range",
                default="The first day of the inquiry must be between ${earliest} and ${latest}.",
                mapping={"earliest": belgian_date(earliest), "latest": belgian_date(latest)},
            ),
        )
    return start


def check_opening(dossier, start, released: list) -> list:
    """Raise the first reason not to open; the annexes to release."""
    if not api.user.has_permission(ADD_INQUIRY, obj=dossier):
        raise refused(
            NotAllowed,
            _(
                "refusal_inquiry_not_allowed",
                default="Only the case file's service opens a public inquiry.",
            ),
        )
    if api.content.get_state(dossier) not in OPENABLE_STATES:
        raise refused(
            StateRefusal,
            _(
                "refusal_inquiry_dossier_state",
                default="A public inquiry is opened on a complete case file under examination.",
            ),
        )
    if open_inquiry_of(dossier) is not None:
        raise refused(
            StateRefusal,
            _(
                "refusal_inquiry_already_open",
                default="A public inquiry is already open on this case file.",
            ),
        )
    if not (dossier.location_address or "").strip():
        raise refused(
            InvalidInput,
            _(
                "refusal_inquiry_no_location",
                default="The case file has no address of the property: the notice needs it.",
            ),
        )
    _check_start(start)
    if not isinstance(released, list) or not all(isinstance(uid, str) for uid in released):
        raise InvalidInput('"released" is a list of annex UIDs')
    allowed = releasable_annexes(dossier)
    unknown = [uid for uid in released if uid not in allowed]
    if unknown:
        raise refused(
            InvalidInput,
            _(
                "refusal_inquiry_not_releasable",
                default="Only publishable (masked), non-confidential annexes of the case file "
                "are released for an inquiry: ${uids} is not one.",
                mapping={"uids": ", ".join(unknown)},
            ),
        )
    return [allowed[uid] for uid in dict.fromkeys(released)]


def open_inquiry(dossier, start, released: list, how_to_react: str | None = None):
    """Open the inquiry; the new Inquiry (state ``open``)."""
    annexes = check_opening(dossier, start, released)
    fields = {}
    if how_to_react is not None:
        if not isinstance(how_to_react, str) or not how_to_react.strip():
            raise refused(
                InvalidInput,
                _("refusal_inquiry_how_to_react", default="Say how citizens may react."),
            )
        fields["how_to_react"] = how_to_react.strip()[:3000]
    location = " ".join(dossier.location_address.split())[:300]
    token = _CHECKED_OPENING.set(True)
    try:
        return api.content.create(
            container=dossier,
            type="Inquiry",
            # A free id up front: renaming afterwards needs "Copy or Move",
            # which nobody but platform admins holds on an inquiry.
            id=free_id(dossier, INQUIRY_ID),
            title=dossier.Title()[:300],
            location=location,
            start=start,
            released_documents=[annex.UID() for annex in annexes],
            **fields,
        )
    finally:
        _CHECKED_OPENING.reset(token)


def refuse_unchecked_creation(inquiry, event) -> None:
    """An inquiry is created by the opening only (its checks, its computed
    end): not by Plone's add form, a REST POST or a copy."""
    if not _CHECKED_OPENING.get():
        transaction.doom()  # nothing of this request is saved
        raise refused(
            NotAllowed,
            _(
                "refusal_inquiry_opening_only",
                default="A public inquiry is opened from its case file with the opening form, "
                "which checks it.",
            ),
        )
