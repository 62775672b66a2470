"""The session's page: its agenda, and the secretariat's actions on it.

Who reads the session sees the items in order, their outcome and, once the
session is closed, the acts' numbers and the minutes. Who holds it (the
secretariat) also moves items, postpones or withdraws them, records the
presences, adopts the remaining items of a college in one action and
generates the minutes; while the session is held, arrivals, departures and
the votes (:mod:`imio.municipal.sessions.council_board`); it puts acts on the
agenda, and a councillor adds his supplementary item
(:mod:`imio.municipal.sessions.proposal_board`). Each action is a
form posted here; a refusal is shown with its reason and changes nothing.
"""

from imio.municipal import _
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.sessions import agenda
from imio.municipal.sessions import holding
from imio.municipal.sessions import minutes as minutes_module
from imio.municipal.sessions import records
from imio.municipal.sessions import rules
from imio.municipal.sessions.council_board import HoldingBoard
from imio.municipal.sessions.members import HOLD_SESSION
from imio.municipal.sessions.members import members_in_office
from imio.municipal.sessions.messages import message
from imio.municipal.sessions.messages import OUTCOME_LABELS
from imio.municipal.sessions.minutes import minutes_of
from imio.municipal.sessions.proposal_board import ProposalBoard
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView

import transaction


PRESENCE_LABELS = {
    records.PRESENT: _("session_presence_present", default="Present"),
    records.EXCUSED: _("session_presence_excused", default="Excused"),
    records.ABSENT: _("session_presence_absent", default="Absent"),
}
# The kinds shown on the agenda (an ordinary item needs no mark).
KIND_LABELS = {
    records.SUPPLEMENTARY: _("session_item_kind_supplementary", default="Supplementary item"),
    records.URGENT: _("session_item_kind_urgent", default="Urgent item"),
    records.FROM_COLLEGE: _("session_item_kind_from_college", default="Sent by the college"),
}
DONE = _("message_session_action_done", default="Saved.")


class SessionView(HoldingBoard, ProposalBoard, BrowserView):
    """The default view of a session."""

    error = None

    def __call__(self):
        if self.request.method == "POST" and self.request.form.get("session_action"):
            CheckAuthenticator(self.request)
            if self.run(self.request.form["session_action"]):
                api.portal.show_message(DONE, request=self.request)
                return self.request.response.redirect(self.context.absolute_url())
        return self.index()

    def run(self, action: str) -> bool:
        form = self.request.form
        session = self.context
        actions = {
            "move": lambda: agenda.move(session, form.get("item"), _position(form)),
            "postpone": lambda: agenda.postpone(session, form.get("item"), form.get("comment")),
            "withdraw": lambda: agenda.withdraw(session, form.get("item"), form.get("comment")),
            "presences": lambda: holding.set_presences(session, self._presences()),
            "adopt_remaining": lambda: holding.adopt_remaining(session),
            "minutes": lambda: minutes_module.generate(session, self.request),
            **self.holding_actions(),
            **self.proposal_actions(),
        }
        if action not in actions:
            self.error = _(
                "message_transition_unavailable", default="This action is not available."
            )
            return False
        savepoint = transaction.savepoint()
        try:
            actions[action]()
        except MunicipalRefusal as refusal:
            # Nothing of a refused action is kept.
            savepoint.rollback()
            self.error = refusal.reason()
            return False
        return True

    def _presences(self) -> dict:
        prefix = "presence-"
        return {
            key.removeprefix(prefix): value
            for key, value in self.request.form.items()
            if key.startswith(prefix) and value
        }

    # What the page shows

    def may_hold(self) -> bool:
        return bool(api.user.has_permission(HOLD_SESSION, obj=self.context))

    def state(self) -> str:
        return api.content.get_state(self.context)

    def is_college(self) -> bool:
        return self.context.body == rules.COLLEGE

    def session_date(self) -> str:
        return rules.belgian(self.context.session_date)

    def convocation_sent(self) -> str:
        sent = self.context.convocation_sent
        return rules.belgian(sent) if sent else ""

    def items(self) -> list[dict]:
        rows = []
        count = len(self.context.agenda)
        for number, item in enumerate(self.context.agenda, 1):
            act = agenda.act_of(item)
            rows.append(
                {
                    "id": item.item_id,
                    "number": number,
                    "title": act.Title() if act is not None else "",
                    "url": act.absolute_url() if _readable(act) else "",
                    "act_number": getattr(act, "number", None) or "",
                    "closed": item.closed,
                    "kind": item.kind,
                    "kind_label": KIND_LABELS.get(item.kind),
                    "outcome": OUTCOME_LABELS.get(item.outcome),
                    "open": item.outcome is None,
                    "previous": number - 1 if number > 1 else None,
                    "next": number + 1 if number < count else None,
                }
            )
        return rows

    def members(self) -> list[dict]:
        presences = self.context.presences
        return [
            {
                "id": seat.member_id,
                "person": seat.person,
                "presence": presences.get(seat.member_id) or "",
            }
            for seat in members_in_office(self.context)
        ]

    def presence_options(self) -> list[dict]:
        return [{"value": key, "label": label} for key, label in PRESENCE_LABELS.items()]

    def presence_label(self, value):
        return PRESENCE_LABELS.get(value)

    def quorum_problem(self):
        problem = holding.quorum_problem(self.context)
        return message(problem) if problem else None

    def may_adopt_remaining(self) -> bool:
        open_items = any(item.outcome is None for item in self.context.agenda)
        return self.is_college() and self.state() == "in_session" and open_items

    def may_move(self) -> bool:
        return self.state() in ("preparation", "convened", "in_session")

    def minutes(self) -> dict | None:
        minutes = minutes_of(self.context)
        if minutes is None or minutes.pdf is None:
            return None
        return {
            "url": f"{self.context.absolute_url()}/@@minutes.pdf",
            "filename": minutes.pdf.filename,
        }

    def may_generate_minutes(self) -> bool:
        return minutes_module.generation_refusal(self.context) is None


def _readable(act) -> bool:
    return act is not None and bool(api.user.has_permission("View", obj=act))


def _position(form) -> int | None:
    try:
        return int(form.get("position", ""))
    except ValueError:
        return None
