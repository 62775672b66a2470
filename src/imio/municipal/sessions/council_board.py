"""Holding a session in the browser: the quorum, arrivals and departures, votes.

The session's page (:mod:`imio.municipal.sessions.agenda_board`) gets these
from :class:`HoldingBoard`: the actions read their form and call the holding
functions, which check the permission, the quorum and the figures and refuse
with a reason; what the page shows (the quorum's figures, the movements, each
item's recorded vote) is read here. The forms are the macros of
``templates/council.pt``.
"""

from imio.municipal import _
from imio.municipal.errors import InvalidInput
from imio.municipal.sessions import holding
from imio.municipal.sessions import records
from imio.municipal.sessions import rules
from imio.municipal.sessions.agenda import holding_present
from imio.municipal.sessions.members import members_in_office
from imio.municipal.sessions.members import person_of
from imio.municipal.sessions.messages import translated
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


BALLOT_LABELS = {
    "for": _("session_ballot_for", default="For"),
    "against": _("session_ballot_against", default="Against"),
    "abstention": _("session_ballot_abstention", default="Abstention"),
}
MODE_LABELS = {
    records.UNANIMITY: _("session_vote_mode_unanimity", default="Unanimity"),
    records.PUBLIC: _("session_vote_mode_public", default="Public vote, per member"),
    records.SECRET: _("session_vote_mode_secret", default="Secret ballot (totals only)"),
}
MOVEMENT_LABELS = {
    "arrived": _("session_movement_arrived", default="${person} enters the session"),
    "left": _("session_movement_left", default="${person} leaves the session"),
}
BALLOT_PREFIX = "ballot-"
TOTALS = ("votes_for", "votes_against", "abstentions")


def form_list(value) -> list[str]:
    """A form field sent once, many times or not at all, as a list of its values."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(part) for part in value]


def vote_of_form(form) -> dict:
    """The arguments of :func:`holding.record_vote` read from a vote form.

    Only the fields of the chosen way of voting count: a public vote's
    ballots (less those of members out for a personal interest, who do not
    vote), a secret ballot's totals; the holding functions check the rest.
    """
    mode = form.get("mode") or ""
    out = form_list(form.get("out_for_interest"))
    ballots = None
    totals = None
    if mode == records.PUBLIC:
        ballots = {
            key.removeprefix(BALLOT_PREFIX): value
            for key, value in form.items()
            if key.startswith(BALLOT_PREFIX) and key.removeprefix(BALLOT_PREFIX) not in out
        }
    elif mode == records.SECRET:
        totals = {key: str(form.get(key) or "").strip() for key in TOTALS}
    return {
        "mode": mode,
        "ballots": ballots,
        "totals": totals,
        "out_for_interest": out,
        "amendment": str(form.get("amendment") or ""),
    }


def counts_text(vote) -> str:
    """« 20 pour, 3 contre, 2 abstentions » in the user's language."""
    abstentions = vote.get("abstentions") or 0
    if abstentions == 1:
        abstained = _("session_vote_one_abstention", default="1 abstention")
    else:
        abstained = _(
            "session_vote_abstentions",
            default="${count} abstentions",
            mapping={"count": str(abstentions)},
        )
    return translated(
        _(
            "session_vote_counts",
            default="${for} for, ${against} against, ${abstentions}",
            mapping={
                "for": str(vote.get("votes_for") or 0),
                "against": str(vote.get("votes_against") or 0),
                "abstentions": translated(abstained),
            },
        )
    )


def vote_summary(session, item) -> list[str]:
    """The lines of an item's recorded vote: how, the figures, who was out, the amendment.

    A secret ballot names nobody (CDLD L1122-27).
    """
    vote = item.vote
    if not vote:
        return []
    mode = vote.get("mode")
    if mode == records.UNANIMITY:
        lines = [
            translated(
                _(
                    "session_vote_summary_unanimity",
                    default="Unanimously (${voters} voting)",
                    mapping={"voters": str(vote.get("present") or 0)},
                )
            )
        ]
    elif mode == records.SECRET:
        lines = [
            translated(
                _(
                    "session_vote_summary_secret",
                    default="Secret ballot: ${counts}",
                    mapping={"counts": counts_text(vote)},
                )
            )
        ]
    else:
        lines = [counts_text(vote)]
        ballots = vote.get("ballots") or {}
        for choice, msgid, default in (
            ("against", "session_vote_summary_against", "Against: ${names}"),
            ("abstention", "session_vote_summary_abstained", "Abstained: ${names}"),
        ):
            names = sorted(person_of(session, m) for m, cast in ballots.items() if cast == choice)
            if names:
                lines.append(
                    translated(_(msgid, default=default, mapping={"names": ", ".join(names)}))
                )
    out = [person_of(session, member) for member in vote.get("out_for_interest") or ()]
    if out:
        lines.append(
            translated(
                _(
                    "session_vote_summary_out",
                    default="Out of the room for a personal interest (CDLD L1122-19): ${names}",
                    mapping={"names": ", ".join(out)},
                )
            )
        )
    if item.amendment:
        lines.append(
            translated(
                _(
                    "session_vote_summary_amendment",
                    default="Amendment: ${text}",
                    mapping={"text": item.amendment},
                )
            )
        )
    return lines


class HoldingBoard:
    """What the session's page adds for a session being held (a mixin of its view)."""

    council_macros = ViewPageTemplateFile("templates/council.pt")

    def holding_actions(self) -> dict:
        form = self.request.form
        session = self.context
        return {
            "arrive": lambda: holding.arrive(session, form.get("member")),
            "leave": lambda: holding.leave(session, form.get("member")),
            "vote": lambda: self._record_vote(),
        }

    def _record_vote(self):
        vote = vote_of_form(self.request.form)
        if vote["totals"] is not None and not all(
            value.isdigit() for value in vote["totals"].values()
        ):
            # The page's own wording: the REST refusal names the JSON fields.
            raise InvalidInput(
                translated(
                    _(
                        "refusal_secret_vote_form_totals",
                        default="A secret ballot gives its three totals: for, against and "
                        "abstentions (whole numbers, 0 when none).",
                    )
                )
            )
        return holding.record_vote(self.context, self.request.form.get("item"), **vote)

    def in_session(self) -> bool:
        return self.state() == "in_session"

    def may_vote(self) -> bool:
        return self.may_hold() and self.in_session()

    def quorum_figures(self) -> dict:
        """Present, in office, needed, and the warning while the quorum is missing."""
        session = self.context
        in_office = len(members_in_office(session))
        last = (session.convocation_number or 1) == rules.LAST_CONVOCATION
        problem = self.quorum_problem()
        return {
            "present": len(holding_present(session)),
            "in_office": in_office,
            "needed": rules.quorum(in_office) if in_office and not last else None,
            "problem": problem,
        }

    def present_members(self) -> list[dict]:
        # Asked once per item's vote form: read the composition once per page.
        cached = self.__dict__.get("_present_members")
        if cached is not None:
            return cached
        present = holding_present(self.context)
        self._present_members = [
            {"id": seat.member_id, "person": seat.person}
            for seat in members_in_office(self.context)
            if seat.member_id in present
        ]
        return self._present_members

    def movements(self) -> list[dict]:
        rows = []
        for movement in self.context.movements:
            label = MOVEMENT_LABELS.get(movement.get("movement"))
            if label is None:
                continue
            person = person_of(self.context, movement.get("member"))
            at = movement.get("at") or ""
            rows.append(
                {
                    "time": at[11:16],
                    "text": translated(_(label, default=label.default, mapping={"person": person})),
                }
            )
        return rows

    def vote_modes(self) -> list[dict]:
        return [{"value": key, "label": label} for key, label in MODE_LABELS.items()]

    def ballot_options(self) -> list[dict]:
        return [{"value": key, "label": label} for key, label in BALLOT_LABELS.items()]

    def vote_lines(self, item_id: str) -> list[str]:
        item = self.context.item(item_id)
        return vote_summary(self.context, item) if item is not None else []
