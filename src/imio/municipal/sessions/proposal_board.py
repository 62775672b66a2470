"""The session's page: putting acts on its agenda.

The secretariat (who holds the session) chooses among the acts that may be
proposed: validated, of the session's municipality and body, on no agenda
yet — found in the catalog, not by walking the acts; the item may be a
closed-session one (huis clos), urgent, sent by the college (council) or a
councillor's item received by the secretariat (council). A member of the
council adds his own supplementary item with its note and draft decision
(:mod:`imio.municipal.sessions.supplementary`). Both forms call the same
functions as REST; the page (:mod:`imio.municipal.sessions.agenda_board`)
checks the CSRF token and keeps nothing of a refusal. The forms are the
macros of ``templates/proposal.pt``.
"""

from imio.municipal import _
from imio.municipal.errors import InvalidInput
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.sessions import agenda
from imio.municipal.sessions import records
from imio.municipal.sessions import rules
from imio.municipal.sessions import supplementary
from imio.municipal.sessions.messages import translated
from plone import api
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


KIND_CHOICES = {
    records.ORDINARY: _("session_item_kind_ordinary", default="Ordinary item"),
    records.URGENT: _("session_item_kind_urgent", default="Urgent item"),
    records.FROM_COLLEGE: _("session_item_kind_from_college", default="Sent by the college"),
    records.SUPPLEMENTARY: _("session_item_kind_supplementary", default="Supplementary item"),
}
COUNCIL_ONLY = (records.FROM_COLLEGE, records.SUPPLEMENTARY)
#: The states in which the secretariat may still add an item (the domain says which kind).
PROPOSING_STATES = ("preparation", "convened", "in_session")


def proposable_brains(session) -> list:
    """The catalog's validated acts of the session's municipality and body."""
    municipality = municipality_of(session)
    if municipality is None:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    return catalog(
        portal_type="Act",
        review_state="validated",
        body=session.body,
        path="/".join(municipality.getPhysicalPath()),
        sort_on="sortable_title",
    )


class ProposalBoard:
    """What the session's page adds to compose its agenda (a mixin of its view)."""

    proposal_macros = ViewPageTemplateFile("templates/proposal.pt")

    def proposal_actions(self) -> dict:
        return {
            "propose": self._propose,
            "supplementary": self._add_supplementary,
        }

    def _propose(self):
        form = self.request.form
        uid = form.get("act")
        brains = api.content.find(UID=uid, unrestricted=True) if isinstance(uid, str) else []
        act = brains[0]._unrestrictedGetObject() if uid and brains else None
        return agenda.propose(
            self.context,
            act,
            kind=form.get("kind") or records.ORDINARY,
            closed=bool(form.get("closed")),
            note=str(form.get("note") or ""),
            urgency_votes=_urgency_votes(form.get("urgency_votes")),
        )

    def _add_supplementary(self):
        form = self.request.form
        return supplementary.add_supplementary_item(
            self.context, form.get("title"), form.get("note"), form.get("draft_decision")
        )

    # What the page shows

    def may_propose(self) -> bool:
        return self.may_hold() and self.state() in PROPOSING_STATES

    def proposable_acts(self) -> list[dict]:
        """The acts the secretariat may choose, with the reason when one is refused."""
        rows = []
        for brain in proposable_brains(self.context):
            act = brain.getObject()
            if getattr(act, "on_agenda", None):
                continue
            reasons = agenda.refusals_before_agenda(act, self.context)
            rows.append(
                {
                    "uid": brain.UID,
                    "title": brain.Title,
                    "blocked": " ".join(translated(reason) for reason in reasons),
                }
            )
        return rows

    def proposal_kinds(self) -> list[dict]:
        council = self.context.body == rules.COUNCIL
        state = self.state()
        kinds = [records.ORDINARY] if state == "preparation" else []
        if council and state == "preparation":
            kinds.append(records.FROM_COLLEGE)
        if council and state in ("preparation", "convened"):
            kinds.append(records.SUPPLEMENTARY)
        if state == "in_session":
            kinds.append(records.URGENT)
        return [{"value": kind, "label": KIND_CHOICES[kind]} for kind in kinds]

    def may_add_supplementary(self) -> bool:
        return supplementary.may_add(self.context)

    def supplementary_deadline(self) -> str:
        return rules.belgian(rules.last_day_for_supplementary_item(self.context.session_date))


def _urgency_votes(value):
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidInput(
            translated(
                _(
                    "refusal_urgency_votes_number",
                    default="The votes for the urgency are a whole number.",
                )
            )
        ) from None
