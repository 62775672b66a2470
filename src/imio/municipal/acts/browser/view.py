"""The page of an act, laid out like an official deliberation."""

from imio.municipal.acts import tutelle
from imio.municipal.acts.correction import CORRECTABLE_STATES
from imio.municipal.core import calendar
from imio.municipal.dossiers.browser.view import format_date
from imio.municipal.platform.browser.history import workflow_history
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.publication.sections import current_version
from plone import api
from Products.Five.browser import BrowserView


class ActView(BrowserView):
    def municipality(self):
        return municipality_of(self.context)

    def state(self) -> str:
        return api.content.get_state(self.context, default="")

    def kind(self):
        return tutelle.KINDS.get(self.context.kind)

    def body(self):
        return tutelle.BODIES.get(self.context.body)

    def matter(self):
        return tutelle.MATTERS.get(self.context.matter)

    def regime(self):
        return tutelle.REGIMES.get(self.context.tutelle_regime or tutelle.NONE)

    def outcome(self):
        return tutelle.OUTCOMES.get(self.context.tutelle_outcome or "")

    def date(self, name: str) -> str:
        return format_date(getattr(self.context, name, None))

    def html(self, name: str) -> str:
        value = getattr(self.context, name, None)
        return value.output if value is not None and value.raw else ""

    def vote(self) -> dict | None:
        act = self.context
        if act.unanimity:
            return {"unanimity": True, "present": act.members_present}
        if act.votes_for is None and act.votes_against is None and act.votes_abstention is None:
            return None
        return {
            "unanimity": False,
            "for": act.votes_for or 0,
            "against": act.votes_against or 0,
            "abstention": act.votes_abstention or 0,
            "present": act.members_present,
        }

    def tutelle_status(self) -> dict:
        act = self.context
        urgency = None
        if act.tutelle_deadline and self.state() == "transmitted" and not act.tutelle_outcome:
            urgency = calendar.urgency(act.tutelle_deadline, calendar.belgian_today())
        return {
            "regime": self.regime(),
            "deadline": format_date(act.tutelle_deadline),
            "urgency": urgency or "none",
            "outcome": self.outcome(),
            "outcome_date": format_date(act.tutelle_outcome_date),
            "overridden": bool(act.regime_override),
        }

    def related_dossier(self):
        relation = self.context.related_dossier
        if relation is None or relation.isBroken():
            return None
        target = relation.to_object
        if target is None or not api.user.has_permission("View", obj=target):
            return None
        return target

    def public_version(self):
        """The current public version, once published (what citizens read)."""
        if self.state() != "published":
            return None
        return current_version(self.context)

    def history(self) -> list[dict]:
        return workflow_history(self.context, "municipal_act_workflow")

    def can_correct(self) -> bool:
        return self.state() in CORRECTABLE_STATES and bool(
            api.user.has_permission("imio.municipal: Correct adopted act", obj=self.context)
        )
