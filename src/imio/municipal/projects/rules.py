"""Inter-municipal shared projects: who takes part, who pays what (Plone-free).

A shared project has a lead municipality and partners (INS codes). Each
participant, the lead included, pays a share of the budget in percent; the
shares add up to exactly 100 and the amounts per participant, computed with
:func:`imio.municipal.core.money.split`, add up to the budget to the cent. The
project becomes active when each participant's council has approved the
agreement by a deliberation that is adopted (numbered) and was neither
refused, annulled nor disapproved by the tutelle.

Every check returns a :class:`Problem` (a code and the values its message
needs) or None, so forms, the REST API and the workflow guard share one rule
and word it in the reader's language.
"""

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from decimal import Decimal
from imio.municipal.core import money


MIN_PARTICIPANTS = 2

# Act states in which a numbered deliberation still stands (see
# municipal_act_workflow.md): refused, postponed and annulled acts do not.
STANDING_ACT_STATES = frozenset({"adopted", "transmitted", "executory"})
# Tutelle outcomes that take the approval away from an adopted act.
DISAPPROVING_OUTCOMES = frozenset({"annulled", "not_approved"})
APPROVING_BODY = "conseil"


@dataclass(frozen=True)
class Problem:
    code: str
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Share:
    ins_code: str
    percent: Decimal


@dataclass(frozen=True)
class ShareAmount:
    ins_code: str
    percent: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Milestone:
    title: str
    due: date | None
    done: bool


@dataclass(frozen=True)
class ApprovingAct:
    """What the activation guard needs to know of a participant's act."""

    ins_code: str
    number: str | None
    state: str
    body: str
    outcome: str | None = None


def participants(lead: str | None, partners: Iterable[str] | None) -> list[str]:
    """The lead first, then the partners in their order, each once."""
    seen = [lead] if lead else []
    for ins_code in partners or ():
        if ins_code and ins_code not in seen:
            seen.append(ins_code)
    return seen


def _duplicates(values: Iterable[str]) -> list[str]:
    seen, twice = set(), []
    for value in values:
        if value in seen and value not in twice:
            twice.append(value)
        seen.add(value)
    return twice


def participants_problem(lead: str | None, partners: Iterable[str] | None) -> Problem | None:
    partners = [p for p in (partners or ()) if p]
    if not lead:
        return Problem("no_lead")
    if lead in partners:
        return Problem("lead_is_partner", {"ins_code": lead})
    twice = _duplicates(partners)
    if twice:
        return Problem("partner_twice", {"ins_codes": ", ".join(twice)})
    if len(participants(lead, partners)) < MIN_PARTICIPANTS:
        return Problem("too_few_participants", {"minimum": str(MIN_PARTICIPANTS)})
    return None


def shares_problem(shares: Iterable[Share], participant_codes: Iterable[str]) -> Problem | None:
    """The shares table against the participants: one row each, 0–100, sum 100."""
    shares = list(shares)
    expected = list(participant_codes)
    for share in shares:
        if share.percent is None or not Decimal(0) <= share.percent <= Decimal(100):
            return Problem("share_out_of_range", {"ins_code": share.ins_code})
    twice = _duplicates(share.ins_code for share in shares)
    if twice:
        return Problem("share_twice", {"ins_codes": ", ".join(twice)})
    strangers = [s.ins_code for s in shares if s.ins_code not in expected]
    if strangers:
        return Problem("share_not_participant", {"ins_codes": ", ".join(strangers)})
    listed = {share.ins_code for share in shares}
    missing = [code for code in expected if code not in listed]
    if missing:
        return Problem("share_missing", {"ins_codes": ", ".join(missing)})
    if shares and not money.percent_sum_is_100(share.percent for share in shares):
        total = sum((share.percent for share in shares), Decimal(0))
        return Problem("shares_not_100", {"total": format(total.normalize(), "f")})
    return None


def share_amounts(total: Decimal | None, shares: Iterable[Share]) -> list[ShareAmount]:
    """Each participant's amount; they add up to ``total`` exactly.

    Empty when there is no budget or the shares do not add up to 100 yet
    (a draft being filled in): nothing is shown rather than a wrong figure.
    """
    shares = list(shares)
    if total is None or not shares:
        return []
    percents = [share.percent for share in shares]
    if not money.percent_sum_is_100(percents):
        return []
    amounts = money.split(total, percents)
    return [
        ShareAmount(share.ins_code, share.percent, amount)
        for share, amount in zip(shares, amounts, strict=True)
    ]


def next_milestone(milestones: Iterable[Milestone]) -> Milestone | None:
    """The first milestone not done, by due date (undated ones last)."""
    open_ = [m for m in milestones if not m.done]
    if not open_:
        return None
    return min(open_, key=lambda m: (m.due is None, m.due or date.max))


def act_approves(act: ApprovingAct) -> bool:
    return (
        bool(act.number)
        and act.body == APPROVING_BODY
        and act.state in STANDING_ACT_STATES
        and act.outcome not in DISAPPROVING_OUTCOMES
    )


def missing_approvals(
    participant_codes: Iterable[str], acts: Mapping[str, ApprovingAct]
) -> list[str]:
    """The participants (INS codes, in order) without a standing approving act."""
    return [code for code in participant_codes if code not in acts or not act_approves(acts[code])]
