"""What an act must satisfy before it goes on the agenda of a session.

Other capabilities add their own conditions (the financial director's advice,
for instance) without this module knowing them: they register a subscription
adapter of the act providing :class:`IAgendaPrecondition`.

Example registration::

    <subscriber
        for="imio.municipal.interfaces.IAct"
        provides="imio.municipal.sessions.agenda.IAgendaPrecondition"
        factory=".advice.AdviceBeforeAgenda"
        />
"""

from imio.municipal import _
from imio.municipal.core.calendar import belgian_today
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import StateRefusal
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.sessions import act_readers
from imio.municipal.sessions import records
from imio.municipal.sessions import rules
from imio.municipal.sessions.members import require_hold
from imio.municipal.sessions.messages import OUTCOME_LABELS
from imio.municipal.sessions.messages import refuse
from imio.municipal.sessions.messages import translated
from plone import api
from zope.component import subscribers
from zope.interface import Interface


class IAgendaPrecondition(Interface):
    """A condition an act must meet before it goes on an agenda."""

    def refusals(session=None):
        """The reasons (translatable messages) the act may not go on the
        agenda of ``session`` (None: any session); empty when it may."""


def refusals_before_agenda(act, session=None) -> list:
    """Every reason why ``act`` may not go on the agenda of ``session`` now.

    Runs the conditions other capabilities registered; an empty list means
    the act may go on the agenda.
    """
    reasons = []
    for precondition in subscribers((act,), IAgendaPrecondition):
        reasons.extend(precondition.refusals(session) or ())
    return reasons


# The agenda itself: every function checks everything before it changes anything.

COMPOSING_STATES = ("preparation",)
LATE_STATES = ("convened", "in_session")


def _refuse(message, refusal=InvalidInput):
    raise refusal(translated(message))


def _state(session) -> str:
    return api.content.get_state(session)


def _act_by_uid(uid):
    brains = api.content.find(UID=uid, unrestricted=True)
    return brains[0]._unrestrictedGetObject() if brains else None


def act_of(item):
    return _act_by_uid(item.act_uid)


def _check_kind_and_state(session, kind, received, urgency_votes):
    state = _state(session)
    if kind not in records.ITEM_KINDS:
        _refuse(
            _(
                "refusal_item_kind",
                default='Unknown kind of item "${kind}": ordinary, supplementary, urgent '
                "or from_college.",
                mapping={"kind": str(kind)},
            )
        )
    if kind in (records.SUPPLEMENTARY, records.FROM_COLLEGE) and session.body != rules.COUNCIL:
        _refuse(
            _(
                "refusal_item_kind_council_only",
                default="Supplementary items and items sent from the college are for the "
                "council only.",
            )
        )
    if kind == records.URGENT:
        if state == "in_session":
            present = len(holding_present(session))
            refuse(rules.urgency_refusal(urgency_votes or 0, max(present, 1)))
        return
    if kind == records.SUPPLEMENTARY and state in ("preparation", "convened"):
        refuse(rules.supplementary_item_refusal(received or belgian_today(), session.session_date))
        return
    if state not in COMPOSING_STATES:
        _refuse(
            _(
                "refusal_agenda_closed",
                default="The agenda was sent with the convocation: only a supplementary "
                "item (council) or an urgent item can still be added.",
            ),
            StateRefusal,
        )


def holding_present(session) -> set:
    return {mid for mid, status in session.presences.items() if status == records.PRESENT}


def _check_act(session, act):
    if act is None:
        _refuse(_("refusal_item_no_act", default="No act with this identifier."))
    if municipality_of(act) is None or municipality_of(act) != municipality_of(session):
        _refuse(
            _(
                "refusal_item_other_municipality",
                default="« ${title} » belongs to another municipality: it cannot be put on "
                "this agenda.",
                mapping={"title": act.Title()},
            )
        )
    if act.body != session.body:
        _refuse(
            _(
                "refusal_item_other_body",
                default="« ${title} » is decided by another body: it cannot be put on the "
                "agenda of this session.",
                mapping={"title": act.Title()},
            )
        )
    if api.content.get_state(act) != "validated":
        _refuse(
            _(
                "refusal_item_not_validated",
                default="« ${title} » is not validated: only a validated act goes on an agenda.",
                mapping={"title": act.Title()},
            ),
            StateRefusal,
        )
    if getattr(act, "on_agenda", None):
        _refuse(
            _(
                "refusal_item_already_on_agenda",
                default="« ${title} » is already on the agenda of a session: postpone or "
                "withdraw it there first.",
                mapping={"title": act.Title()},
            ),
            StateRefusal,
        )
    reasons = refusals_before_agenda(act, session)
    if reasons:
        raise InvalidInput(" ".join(translated(reason) for reason in reasons))


def propose(
    session,
    act,
    kind=records.ORDINARY,
    closed=False,
    note="",
    received=None,
    urgency_votes=None,
):
    """Put a validated act of the session's municipality and body on its agenda."""
    require_hold(session)
    # A number from the outside (REST's JSON): a string or a boolean is refused
    # here rather than compared with the members present.
    if urgency_votes is not None and (
        isinstance(urgency_votes, bool) or not isinstance(urgency_votes, int)
    ):
        raise InvalidInput(
            translated(
                _(
                    "refusal_urgency_votes_number",
                    default="The votes for the urgency are a whole number.",
                )
            )
        )
    _check_kind_and_state(session, kind, received, urgency_votes)
    _check_act(session, act)
    return append_item(session, act, kind, closed, note)


def append_item(session, act, kind, closed=False, note="", **details):
    """Put ``act`` at the end of the agenda; the callers checked everything."""
    item = records.AgendaItem(act.UID(), kind=kind, closed=bool(closed), note=note or "")
    for earlier in getattr(act, "agenda_history", None) or ():
        item.record("earlier_session", **earlier)
    item.record("proposed", kind=kind, **details)
    session.agenda.append(item)
    act.on_agenda = session.UID()
    act.closed_session = item.closed
    act_readers.remember_session(act, session)
    if _state(session) in act_readers.MEMBERS_READ_FROM:
        act.reindexObjectSecurity()  # a supplementary or urgent item: read at once
    return item


def _open_item(session, item_id):
    require_hold(session)
    item = session.item(item_id)
    if item is None:
        _refuse(_("refusal_item_unknown", default="This session has no such item."))
    if item.outcome is not None:
        _refuse(
            _(
                "refusal_item_decided",
                default="This item already has an outcome (${outcome}).",
                mapping={"outcome": translated(OUTCOME_LABELS.get(item.outcome, item.outcome))},
            ),
            StateRefusal,
        )
    return item


def move(session, item_id, position: int):
    """Move an item to ``position`` (1 is the first); the others are renumbered."""
    item = _open_item(session, item_id)
    count = len(session.agenda)
    if not isinstance(position, int) or isinstance(position, bool) or not 1 <= position <= count:
        _refuse(
            _(
                "refusal_item_position",
                default="Position ${position} does not exist: between 1 and ${count}.",
                mapping={"position": str(position), "count": str(count)},
            )
        )
    session.agenda.remove(item)
    session.agenda.insert(position - 1, item)
    item.record("moved", position=position)


def set_closed(session, item_id, closed: bool):
    """Public item or closed-session item (huis clos, never published)."""
    item = _open_item(session, item_id)
    item.closed = bool(closed)
    item.record("closed" if item.closed else "public")
    act = act_of(item)
    if act is not None:
        act.closed_session = item.closed


def _free(item, session, outcome, comment):
    act = act_of(item)
    if act is None:
        return
    act.on_agenda = None
    history = list(getattr(act, "agenda_history", None) or [])
    history.append(
        {"session": session.Title(), "outcome": outcome, "comment": comment or None},
    )
    act.agenda_history = history


def _require_comment(comment):
    if not (comment or "").strip():
        _refuse(
            _(
                "refusal_comment_required",
                default="A comment is required: say why (it is kept in the history).",
            )
        )


def postpone(session, item_id, comment: str):
    """The item is not decided today: the act can go on a later session."""
    _require_comment(comment)
    item = _open_item(session, item_id)
    if _state(session) == "preparation":
        _refuse(
            _(
                "refusal_postpone_in_preparation",
                default="The agenda is not sent yet: withdraw the item instead of postponing it.",
            ),
            StateRefusal,
        )
    item.outcome = records.POSTPONED
    item.record("postponed", comment=comment)
    _free(item, session, records.POSTPONED, comment)


def withdraw(session, item_id, comment: str):
    """Before the convocation the item leaves the agenda; after, it stays as withdrawn."""
    _require_comment(comment)
    item = _open_item(session, item_id)
    if _state(session) == "preparation":
        session.agenda.remove(item)
    else:
        item.outcome = records.WITHDRAWN
        item.record("withdrawn", comment=comment)
    _free(item, session, records.WITHDRAWN, comment)
