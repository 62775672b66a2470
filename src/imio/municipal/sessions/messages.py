"""The reasons of the session refusals, in the user's language.

The Plone-free rules return ``(msgid, mapping)``; this turns them into
translatable messages and refusals.
"""

from imio.municipal import _
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.errors import StateRefusal
from imio.municipal.sessions import records
from zope.globalrequest import getRequest
from zope.i18n import translate


# What became of an item, as the page and the refusals name it.
OUTCOME_LABELS = {
    records.ADOPTED: _("session_outcome_adopted", default="Adopted"),
    records.AMENDED: _("session_outcome_amended", default="Adopted as amended"),
    records.REFUSED: _("session_outcome_refused", default="Refused"),
    records.POSTPONED: _("session_outcome_postponed", default="Postponed"),
    records.WITHDRAWN: _("session_outcome_withdrawn", default="Withdrawn"),
}

DEFAULTS = {
    "refusal_convocation_after_session": (
        "The convocation must be sent before the session of ${date}."
    ),
    "refusal_convocation_too_late": (
        "Too late to convene the council: it must be convened ${days} clear days before the "
        "session, at the latest on ${date} (CDLD L1122-13). Only an urgent session may be "
        "convened later."
    ),
    "refusal_supplementary_item_too_late": (
        "A supplementary item must reach the mayor five clear days before the session, at the"
        " latest on ${date} (CDLD L1122-24)."
    ),
    "refusal_supplementary_item_college_member": (
        "A member of the college cannot add a supplementary item (CDLD L1122-24)."
    ),
    "refusal_no_quorum": (
        "No quorum: ${present} members present, ${needed} needed (the majority of the "
        "${members} members in office, CDLD L1122-17). No vote is possible."
    ),
    "refusal_urgency_not_declared": (
        "The urgency is not declared: ${votes} votes for it, ${needed} needed (two thirds of "
        "the members present)."
    ),
    "refusal_vote_negative": ("A number of votes cannot be negative."),
    "refusal_interest_over_present": (
        "${out} members cannot leave for a personal interest when ${present} are present."
    ),
    "refusal_vote_over_present": (
        "${total} votes, but only ${voters} members may vote (those present, without those "
        "out for a personal interest)."
    ),
    "refusal_vote_incomplete": (
        "${total} votes, but ${voters} members vote: each member present votes for, against "
        "or abstains."
    ),
    "refusal_unknown_ballot": ('Unknown vote "${ballot}": for, against or abstention.'),
    "refusal_vote_personal_interest": (
        "${member} left the room for a personal interest and does not vote on this item (CDLD"
        " L1122-19)."
    ),
    "refusal_vote_not_present": ("${member} is not present and cannot vote."),
    "refusal_mandate_function": ('Unknown function "${function}".'),
    "refusal_mandate_end_before_start": ("A mandate cannot end before it starts."),
    "refusal_mandate_rank": ("An alderman (échevin) has a rank: 1st, 2nd ..."),
    "refusal_secret_ballot_named": (
        "A secret ballot is recorded as totals only, never per member (CDLD L1122-27)."
    ),
}


def message(problem):
    """The translatable message of a rule's ``(msgid, mapping)``."""
    msgid, mapping = problem
    return _(msgid, default=DEFAULTS[msgid], mapping=mapping)


def translated(msg) -> str:
    return translate(msg, context=getRequest())


def refuse(problem, refusal_class: type[MunicipalRefusal] = InvalidInput):
    """Raise the refusal of a rule's problem, if any."""
    if problem is None:
        return
    raise refusal_class(translated(message(problem)))


def refuse_state(problem):
    refuse(problem, StateRefusal)
