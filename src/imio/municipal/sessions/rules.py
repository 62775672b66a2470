"""The rules of the sessions of the college and the council (Plone-free).

Code de la démocratie locale et de la décentralisation (CDLD), Part I, Book I.
Every delay, majority and vote rule a session needs lives here, beside the
article it comes from. A refusal is returned as ``(msgid, mapping)`` (or None),
like :mod:`imio.municipal.acts.rules`, so the Plone side translates it.

Sources, and how far each fact was checked (stored public copies; the
consolidated CDLD on wallex.wallonie.be could not be read from here):

- Convocation of the council, L1122-13 §1: "sauf dans les cas d'urgence, la
  convocation se fait par écrit et à domicile, au moins sept jours francs avant
  celui de la réunion" (quoted by the Minister in the answer to written
  question 115 (2007-2008), Parliament of Wallonia, 5 March 2008). "Par sept
  jours francs, on entend sept jours de vingt-quatre heures ... le jour de la
  réception de la convocation ... et celui de sa réunion ne sont pas compris
  dans le délai" (same answer; the model rules of procedure of the UVCW, as
  adopted by Doische, art. 18, say the same). Weekends and public holidays are
  counted like any other day: the texts neither skip them nor move the last
  day. This module counts from the day the convocation is sent, which equals
  the day of its receipt when it is delivered at home by the municipality.
- Second and third convocations, L1122-17 al. 3 (via the model rules of
  procedure, art. 18): two clear days "lorsqu'il s'agit des deuxième et
  troisième convocations du conseil communal, dont il est question à l'article
  L1122-17, alinéa 3".
- Quorum, L1122-17 al. 1 (not read in the text; stated by the UVCW model
  rules and by the issue): the council takes no decision unless the majority
  of its members in office is present. After two convocations without quorum,
  the third may decide whatever the number present on the items put on the
  agenda for the third time (L1122-17 al. 2, not read).
- Supplementary items, L1122-24 (model rules of procedure, art. 12, read):
  a councillor's item "doit être remise au bourgmestre ... au moins cinq jours
  francs avant la réunion", with an explanatory note and, when it calls for a
  decision, a draft deliberation; a member of the college may not use it.
- Urgency, L1122-24 al. 1 (not read in the text): an item foreign to the
  agenda is discussed only in urgency declared by at least two thirds of the
  members present (so applied "conformément à l'article L1122-24" in the
  minutes of a Walloon council of 29 January 2014).
- Personal interest, L1122-19 (not read): a member may not take part in a
  deliberation on an item in which they have a direct personal interest;
  such members do not vote and are not counted.
- Secret ballot, L1122-27 (not read): votes are public, except the
  presentations of candidates, nominations, dismissals and disciplinary
  matters, which are secret: only the totals are recorded.
- Majority, L1122-26 §1 (not read): a decision is taken by the absolute
  majority of the votes cast; abstentions are not votes cast; in a tie the
  proposal is rejected. For the college, L1123-20 (not read): in a tie the
  chair's vote is decisive, except in a secret ballot.
- The college deliberates only if more than half of its members are present
  (L1123-20, not read): the same majority rule as the council's quorum.
"""

from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from imio.municipal.core import calendar


COLLEGE = "college"
COUNCIL = "conseil"  # the body codes of acts (acts.tutelle.BODIES)
BODIES = (COLLEGE, COUNCIL)

# L1122-13 §1: clear days between the convocation and the session.
CONVOCATION_CLEAR_DAYS = 7
# L1122-13 §1 with L1122-17 al. 3: second and third convocation after a missed quorum.
RECONVOCATION_CLEAR_DAYS = 2
# L1122-17 al. 2: the last convocation, deciding whatever the number present.
LAST_CONVOCATION = 3
# L1122-24: a councillor's supplementary item reaches the bourgmestre in time.
SUPPLEMENTARY_ITEM_CLEAR_DAYS = 5

ORDINARY = "ordinary"
URGENT = "urgent"
SESSION_KINDS = (ORDINARY, URGENT)

# L1122-27: public (named) vote, or secret ballot recorded as totals only.
PUBLIC_VOTE = "public"
SECRET_BALLOT = "secret"  # noqa: S105 (a kind of vote, not a password)
BALLOTS = ("for", "against", "abstention")


def last_day_before(event: date, clear_days: int) -> date:
    """The last day on which something may happen ``clear_days`` clear days before ``event``.

    Neither that day nor the day of ``event`` counts: ``clear_days`` whole days
    lie between them. Weekends and holidays count like any other day.

    >>> last_day_before(date(2026, 12, 17), 7)  # a Thursday session
    datetime.date(2026, 12, 9)
    """
    if clear_days < 0:
        raise ValueError(f"A delay cannot be negative: {clear_days} clear days")
    return calendar.as_date(event) - timedelta(days=clear_days + 1)


def clear_days_between(sent: date, event: date) -> int:
    """How many clear days lie between ``sent`` and ``event`` (never negative).

    >>> clear_days_between(date(2026, 12, 9), date(2026, 12, 17))
    7
    """
    return max((calendar.as_date(event) - calendar.as_date(sent)).days - 1, 0)


def convocation_clear_days(convocation_number: int = 1) -> int:
    """The clear days the convocation of the council needs (L1122-13, L1122-17).

    >>> convocation_clear_days(1), convocation_clear_days(2), convocation_clear_days(3)
    (7, 2, 2)
    """
    if convocation_number not in (1, 2, LAST_CONVOCATION):
        raise ValueError(f"A council is convened at most three times: {convocation_number}")
    return CONVOCATION_CLEAR_DAYS if convocation_number == 1 else RECONVOCATION_CLEAR_DAYS


def last_day_to_convene(session_day: date, convocation_number: int = 1) -> date:
    """The legal last day to send the council's convocation.

    >>> last_day_to_convene(date(2026, 12, 21))  # a Monday: Sunday 13 is the last day
    datetime.date(2026, 12, 13)
    >>> last_day_to_convene(date(2026, 12, 21), convocation_number=2)
    datetime.date(2026, 12, 18)
    """
    return last_day_before(session_day, convocation_clear_days(convocation_number))


def last_working_day_to_convene(session_day: date, convocation_number: int = 1) -> date:
    """The last working day on which the offices can still send the convocation in time.

    The legal last day may fall on a weekend or a holiday; the day does not
    move forward (that would shorten the delay), so the offices must send it
    on the working day before.

    >>> last_working_day_to_convene(date(2026, 12, 21))  # Sunday 13 -> Friday 11
    datetime.date(2026, 12, 11)
    """
    day = last_day_to_convene(session_day, convocation_number)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def convocation_refusal(
    sent: date, session_day: date, convocation_number: int = 1, kind: str = ORDINARY
):
    """Why a convocation sent on ``sent`` is too late for ``session_day``, or None.

    The urgent path (L1122-13: "sauf dans les cas d'urgence") has no delay.

    >>> convocation_refusal(date(2026, 12, 10), date(2026, 12, 17))[0]
    'refusal_convocation_too_late'
    >>> convocation_refusal(date(2026, 12, 10), date(2026, 12, 17), kind=URGENT) is None
    True
    """
    if kind not in SESSION_KINDS:
        raise ValueError(f"Unknown kind of session: {kind!r}")
    if calendar.as_date(sent) >= calendar.as_date(session_day):
        return ("refusal_convocation_after_session", {"date": belgian(session_day)})
    if kind == URGENT:
        return None
    last_day = last_day_to_convene(session_day, convocation_number)
    if calendar.as_date(sent) > last_day:
        return (
            "refusal_convocation_too_late",
            {
                "days": str(convocation_clear_days(convocation_number)),
                "date": belgian(last_day),
            },
        )
    return None


def last_day_for_supplementary_item(session_day: date) -> date:
    """The last day a councillor's supplementary item may reach the bourgmestre (L1122-24).

    >>> last_day_for_supplementary_item(date(2026, 12, 17))
    datetime.date(2026, 12, 11)
    """
    return last_day_before(session_day, SUPPLEMENTARY_ITEM_CLEAR_DAYS)


def supplementary_item_refusal(received: date, session_day: date, by_college_member: bool = False):
    """Why a councillor's supplementary item cannot be added, or None (L1122-24).

    >>> supplementary_item_refusal(date(2026, 12, 12), date(2026, 12, 17))[0]
    'refusal_supplementary_item_too_late'
    """
    if by_college_member:
        return ("refusal_supplementary_item_college_member", {})
    last_day = last_day_for_supplementary_item(session_day)
    if calendar.as_date(received) > last_day:
        return ("refusal_supplementary_item_too_late", {"date": belgian(last_day)})
    return None


def quorum(members_in_office: int) -> int:
    """The smallest number present that is a majority of the members in office (L1122-17).

    >>> quorum(47), quorum(29), quorum(8), quorum(7)
    (24, 15, 5, 4)
    """
    if members_in_office < 1:
        raise ValueError(f"An assembly has members: {members_in_office}")
    return members_in_office // 2 + 1


def quorum_refusal(present: int, members_in_office: int, convocation_number: int = 1):
    """Why the assembly may not vote with ``present`` members, or None.

    The third convocation decides whatever the number present (L1122-17 al. 2).

    >>> quorum_refusal(23, 47)[0], quorum_refusal(24, 47)
    ('refusal_no_quorum', None)
    >>> quorum_refusal(3, 47, convocation_number=3) is None
    True
    """
    if convocation_number == LAST_CONVOCATION:
        return None
    needed = quorum(members_in_office)
    if present < needed:
        return (
            "refusal_no_quorum",
            {"present": str(present), "needed": str(needed), "members": str(members_in_office)},
        )
    return None


def urgency_votes_needed(present: int) -> int:
    """The votes needed to declare an item urgent: two thirds of the members present.

    >>> urgency_votes_needed(30), urgency_votes_needed(31), urgency_votes_needed(1)
    (20, 21, 1)
    """
    if present < 1:
        raise ValueError(f"Nobody is present to vote: {present}")
    return -(-2 * present // 3)


def urgency_refusal(votes_for_urgency: int, present: int):
    """Why the urgency is not declared, or None (two thirds of those present).

    >>> urgency_refusal(19, 30)[0], urgency_refusal(20, 30)
    ('refusal_urgency_not_declared', None)
    """
    needed = urgency_votes_needed(present)
    if votes_for_urgency < needed:
        return (
            "refusal_urgency_not_declared",
            {"votes": str(votes_for_urgency), "needed": str(needed)},
        )
    return None


@dataclass(frozen=True)
class VoteTotals:
    """The totals of one vote on one item."""

    votes_for: int
    votes_against: int
    abstentions: int

    @property
    def cast(self) -> int:
        # L1122-26: abstentions are not votes cast.
        return self.votes_for + self.votes_against

    @property
    def total(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions

    def adopted(self) -> bool:
        """Absolute majority of the votes cast; a tie rejects (L1122-26).

        >>> VoteTotals(10, 10, 5).adopted(), VoteTotals(11, 10, 5).adopted()
        (False, True)
        """
        return self.votes_for > self.votes_against


def voters(present: int, out_for_personal_interest: int = 0) -> int:
    """The members who may vote on an item: those present who need not leave (L1122-19)."""
    if present < 0 or out_for_personal_interest < 0:
        raise ValueError("Counts of members are never negative")
    return max(present - out_for_personal_interest, 0)


def vote_refusal(totals: VoteTotals, present: int, out_for_personal_interest: int = 0):
    """Why these totals cannot be recorded, or None.

    Nobody votes twice, and those who left for a personal interest do not vote.

    >>> vote_refusal(VoteTotals(20, 5, 1), present=25)[0]
    'refusal_vote_over_present'
    >>> vote_refusal(VoteTotals(20, 4, 1), present=25) is None
    True
    """
    if min(totals.votes_for, totals.votes_against, totals.abstentions) < 0:
        return ("refusal_vote_negative", {})
    allowed = voters(present, out_for_personal_interest)
    if out_for_personal_interest > present:
        return (
            "refusal_interest_over_present",
            {"out": str(out_for_personal_interest), "present": str(present)},
        )
    if totals.total > allowed:
        return ("refusal_vote_over_present", {"total": str(totals.total), "voters": str(allowed)})
    return None


def vote_incomplete_refusal(totals: VoteTotals, present: int, out_for_personal_interest: int = 0):
    """Why the totals leave out members who vote, or None.

    Every member present who need not leave votes for, against or abstains
    (a blank ballot is an abstention), so the totals add up to them.

    >>> vote_incomplete_refusal(VoteTotals(20, 3, 1), present=25)[0]
    'refusal_vote_incomplete'
    """
    allowed = voters(present, out_for_personal_interest)
    if totals.total < allowed:
        return ("refusal_vote_incomplete", {"total": str(totals.total), "voters": str(allowed)})
    return None


def named_vote_refusal(
    ballots: dict[str, str], present_members: set[str], out_for_personal_interest=()
):
    """Why a public vote per member cannot be recorded, or None.

    ``ballots`` maps a member's id to ``for``, ``against`` or ``abstention``.
    Only present members vote, and not those out for a personal interest.
    """
    out = set(out_for_personal_interest)
    for member_id, ballot in ballots.items():
        if ballot not in BALLOTS:
            return ("refusal_unknown_ballot", {"ballot": str(ballot)})
        if member_id in out:
            return ("refusal_vote_personal_interest", {"member": member_id})
        if member_id not in present_members:
            return ("refusal_vote_not_present", {"member": member_id})
    return None


def totals_of(ballots: dict[str, str]) -> VoteTotals:
    """The totals of a public vote per member."""
    counted = {ballot: 0 for ballot in BALLOTS}
    for ballot in ballots.values():
        counted[ballot] += 1
    return VoteTotals(counted["for"], counted["against"], counted["abstention"])


def secret_ballot_refusal(vote_mode: str, ballots: dict[str, str] | None):
    """A secret ballot keeps totals only: a vote per member is refused (L1122-27)."""
    if vote_mode == SECRET_BALLOT and ballots:
        return ("refusal_secret_ballot_named", {})
    return None


def belgian(day: date) -> str:
    """A day in the Belgian format of the messages.

    >>> belgian(date(2026, 3, 4))
    '04/03/2026'
    """
    return calendar.as_date(day).strftime("%d/%m/%Y")
