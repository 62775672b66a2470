"""Holding a session: presences, arrivals and departures, votes and outcomes.

Every function checks everything before it changes anything, and refuses
with a reason (the rules are in :mod:`imio.municipal.sessions.rules`).
"""

from datetime import datetime
from imio.municipal import _
from imio.municipal.core.calendar import BRUSSELS
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import StateRefusal
from imio.municipal.sessions import records
from imio.municipal.sessions import rules
from imio.municipal.sessions.agenda import _open_item
from imio.municipal.sessions.agenda import holding_present
from imio.municipal.sessions.members import members_in_office
from imio.municipal.sessions.members import person_of
from imio.municipal.sessions.members import require_hold
from imio.municipal.sessions.messages import refuse
from imio.municipal.sessions.messages import refuse_state
from imio.municipal.sessions.messages import translated
from persistent.mapping import PersistentMapping
from plone import api


def _refuse(message, refusal=InvalidInput):
    raise refusal(translated(message))


def _require_state(session, *states):
    if api.content.get_state(session) not in states:
        _refuse(
            _(
                "refusal_session_not_in_session",
                default="The session is not being held: open it first (on its day).",
            )
            if "in_session" in states and len(states) == 1
            else _(
                "refusal_session_state",
                default="Not possible in the current state of the session.",
            ),
            StateRefusal,
        )


def _member_ids(session) -> set[str]:
    return {seat.member_id for seat in members_in_office(session)}


def _check_member(session, member_id):
    if member_id not in _member_ids(session):
        _refuse(
            _(
                "refusal_not_a_member",
                default="${member} is not a member of this body on the day of the session.",
                mapping={"member": person_of(session, member_id)},
            )
        )


def set_presences(session, presences: dict) -> None:
    """Record present, excused or absent for members of the body (before or during)."""
    require_hold(session)
    _require_state(session, "convened", "in_session")
    for member_id, status in presences.items():
        _check_member(session, member_id)
        if status not in records.PRESENCES:
            _refuse(
                _(
                    "refusal_presence_status",
                    default='Unknown presence "${status}": present, excused or absent.',
                    mapping={"status": str(status)},
                )
            )
    session.presences.update(presences)


def arrive(session, member_id) -> None:
    _move(session, member_id, "arrived", records.PRESENT)


def leave(session, member_id) -> None:
    """A member leaves the room: the next vote checks the quorum again."""
    _move(session, member_id, "left", records.ABSENT)


def _move(session, member_id, movement, status):
    require_hold(session)
    _require_state(session, "in_session")
    _check_member(session, member_id)
    session.presences[member_id] = status
    session.movements.append(
        {
            "member": member_id,
            "movement": movement,
            "at": datetime.now(BRUSSELS).isoformat("T", "seconds"),
        }
    )


def quorum_problem(session, out_for_interest=()):
    """The quorum refusal for a vote now, or None (those out for an interest do not count)."""
    present = holding_present(session) - set(out_for_interest)
    return rules.quorum_refusal(
        len(present), len(_member_ids(session)), session.convocation_number or 1
    )


def record_vote(
    session,
    item_id,
    mode=records.UNANIMITY,
    ballots=None,
    totals=None,
    out_for_interest=(),
    amendment="",
):
    """Record the vote on an item and its outcome (adopted, refused or amended)."""
    require_hold(session)
    _require_state(session, "in_session")
    item = _open_item(session, item_id)
    out = set(out_for_interest or ())
    for member_id in out:
        _check_member(session, member_id)
    present = holding_present(session)
    refuse_state(quorum_problem(session, out))
    if mode not in records.VOTE_MODES:
        _refuse(
            _(
                "refusal_vote_mode",
                default='Unknown way of voting "${mode}": unanimity, public or secret.',
                mapping={"mode": str(mode)},
            )
        )
    counted = _counted(session, mode, ballots, totals, present, out)
    outcome = records.ADOPTED if counted.adopted() else records.REFUSED
    if (amendment or "").strip():
        if outcome != records.ADOPTED:
            _refuse(
                _(
                    "refusal_amendment_refused",
                    default="An amendment is recorded with an adopted item only.",
                )
            )
        outcome = records.AMENDED
    item.vote = PersistentMapping(
        mode=mode,
        votes_for=counted.votes_for,
        votes_against=counted.votes_against,
        abstentions=counted.abstentions,
        present=len(present - out),
        out_for_interest=sorted(out),
        ballots=dict(ballots or {}) if mode == records.PUBLIC else {},
    )
    item.outcome = outcome
    item.amendment = (amendment or "").strip()
    item.record(outcome, mode=mode)
    return item


def _counted(session, mode, ballots, totals, present, out) -> rules.VoteTotals:
    voters = present - out
    if mode == records.UNANIMITY:
        return rules.VoteTotals(len(voters), 0, 0)
    if mode == records.SECRET:
        refuse(rules.secret_ballot_refusal(rules.SECRET_BALLOT, ballots))
        counted = _totals(totals)
    else:
        if not isinstance(ballots, dict) or not ballots:
            _refuse(
                _(
                    "refusal_public_vote_ballots",
                    default="A public vote lists each member's vote (for, against, abstention).",
                )
            )
        problem = rules.named_vote_refusal(ballots, present, out)
        if problem and "member" in problem[1]:
            problem[1]["member"] = person_of(session, problem[1]["member"])
        refuse(problem)
        counted = rules.totals_of(ballots)
    refuse(rules.vote_refusal(counted, len(present), len(out)))
    refuse(rules.vote_incomplete_refusal(counted, len(present), len(out)))
    return counted


def _totals(totals) -> rules.VoteTotals:
    try:
        values = [int(totals[key]) for key in ("votes_for", "votes_against", "abstentions")]
    except (KeyError, TypeError, ValueError):
        _refuse(
            _(
                "refusal_secret_vote_totals",
                default="A secret ballot gives its totals: votes_for, votes_against and "
                "abstentions (whole numbers).",
            )
        )
    return rules.VoteTotals(*values)


def adopt_remaining(session) -> list:
    """College: every item without outcome is adopted as proposed, unanimously."""
    require_hold(session)
    if session.body != rules.COLLEGE:
        _refuse(
            _(
                "refusal_adopt_remaining_college_only",
                default="Only the college adopts the remaining items in one action: the "
                "council votes on each item.",
            )
        )
    _require_state(session, "in_session")
    refuse_state(quorum_problem(session))
    remaining = [item for item in session.agenda if item.outcome is None]
    for item in remaining:
        record_vote(session, item.item_id, records.UNANIMITY)
    return remaining
