"""A councillor's supplementary item (CDLD L1122-24).

A member of the council adds an item to the agenda of a council session,
with an explanatory note and a draft decision, at the latest five clear days
before the session; a member of the college may not (the college composes
the agenda). The law gives the councillor this right: the item goes on the
agenda without the services' preparation, so the draft decision becomes an
act of the council, proposed and validated in the councillor's name by the
platform, and then follows the agenda like any other item (vote, numbering).
The page's form and ``POST <session>/@supplementary-item`` both call
:func:`add_supplementary_item`.
"""

from AccessControl.users import UnrestrictedUser
from Acquisition import aq_base
from imio.municipal import _
from imio.municipal.core.calendar import belgian_today
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.errors import StateRefusal
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.sessions import agenda
from imio.municipal.sessions import composition
from imio.municipal.sessions import records
from imio.municipal.sessions import rules
from imio.municipal.sessions.members import mandates_of
from imio.municipal.sessions.messages import refuse
from imio.municipal.sessions.messages import translated
from plone import api
from plone.app.textfield.value import RichTextValue
from Products.CMFCore.utils import getToolByName

import html


#: The states in which the agenda still takes a councillor's item (before the session).
OPEN_STATES = ("preparation", "convened")
TITLE_MAX = 300
TEXT_MAX = 20_000
ACTS_FOLDER = "actes"
#: The service that receives a councillor's item for the bourgmestre.
RECEIVING_SERVICE = "secretariat"


def council_seat(session, user_id: str | None):
    """The current user's seat in the session's council on its day, else None."""
    if not user_id or session.body != rules.COUNCIL:
        return None
    for mandate in mandates_of(session):
        if getattr(aq_base(mandate), "user_id", None) != user_id:
            continue
        seat = mandate.seat()
        if composition.votes_in(seat.function, rules.COUNCIL) and composition.in_office(
            seat, session.session_date
        ):
            return seat
    return None


def may_add(session) -> bool:
    """Whether the page offers the current user the councillor's form."""
    user = api.user.get_current()
    seat = council_seat(session, user.getId())
    return (
        seat is not None
        and seat.function == composition.CONSEILLER
        and api.content.get_state(session) in OPEN_STATES
    )


def _text(value, label, limit) -> str:
    text = str(value or "").strip()
    if not text:
        raise InvalidInput(
            translated(
                _(
                    "refusal_supplementary_field_missing",
                    default="${field} is required for a supplementary item.",
                    mapping={"field": translated(label)},
                )
            )
        )
    if len(text) > limit:
        raise InvalidInput(
            translated(
                _(
                    "refusal_supplementary_field_too_long",
                    default="${field} is too long (at most ${max} characters).",
                    mapping={"field": translated(label), "max": str(limit)},
                )
            )
        )
    return text


LABEL_TITLE = _("label_supplementary_title", default="Title of the item")
LABEL_NOTE = _("label_supplementary_note", default="Explanatory note")
LABEL_DRAFT = _("label_supplementary_draft", default="Draft decision")


def _paragraphs(text: str) -> RichTextValue:
    parts = [html.escape(part.strip(), quote=False) for part in text.split("\n") if part.strip()]
    markup = "".join(f"<p>{part}</p>" for part in parts)
    return RichTextValue(markup, "text/html", "text/x-html-safe")


def _check(session, seat, received):
    if seat is None:
        raise NotAllowed(
            translated(
                _(
                    "refusal_supplementary_not_councillor",
                    default="Only a member of this council in office adds a supplementary "
                    "item to its agenda (CDLD L1122-24).",
                )
            )
        )
    if api.content.get_state(session) not in OPEN_STATES:
        raise StateRefusal(
            translated(
                _(
                    "refusal_supplementary_session_started",
                    default="The session has started or is over: a supplementary item is "
                    "added before the session.",
                )
            )
        )
    refuse(
        rules.supplementary_item_refusal(
            received,
            session.session_date,
            by_college_member=seat.function != composition.CONSEILLER,
        )
    )


def _platform_acting_for(container, seat):
    """The councillor adds no act elsewhere: the platform writes and validates
    this one in his name (the history's actor), as the law puts his item on
    the agenda without the services; the workflow's guards read the roles
    in context, which ``adopt_roles`` does not give."""
    user_id = api.user.get_current().getId()
    roles = ("Manager", "MunicipalSecretary", "Authenticated")
    return UnrestrictedUser(user_id, "", roles, ()).__of__(api.portal.get_tool("acl_users"))


def add_supplementary_item(session, title, note, draft_decision, received=None):
    """Add the current councillor's item, note and draft decision to ``session``.

    Everything is checked before anything is created; the caller keeps
    nothing of a refusal (savepoint or aborted request).
    """
    seat = council_seat(session, api.user.get_current().getId())
    _check(session, seat, received or belgian_today())
    title = _text(title, LABEL_TITLE, TITLE_MAX)
    note = _text(note, LABEL_NOTE, TEXT_MAX)
    draft_decision = _text(draft_decision, LABEL_DRAFT, TEXT_MAX)
    container = municipality_of(session)[ACTS_FOLDER]
    with api.env.adopt_user(user=_platform_acting_for(container, seat)):
        act = api.content.create(
            container=container,
            type="Act",
            title=title,
            kind="deliberation",
            body=rules.COUNCIL,
            matter="other",
            responsible_service=RECEIVING_SERVICE,
            motivation=_paragraphs(note),
            decision=_paragraphs(draft_decision),
            safe_id=True,
        )
        comment = translated(
            _(
                "history_supplementary_item",
                default="Supplementary item of ${person} (CDLD L1122-24).",
                mapping={"person": seat.person},
            )
        )
        workflow = getToolByName(act, "portal_workflow")
        workflow.doActionFor(act, "propose", comment=comment)
        workflow.doActionFor(act, "validate", comment=comment)
    return agenda.append_item(
        session, act, records.SUPPLEMENTARY, note=note, by=seat.person, member=seat.member_id
    )
