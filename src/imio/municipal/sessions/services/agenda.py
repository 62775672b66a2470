"""REST: a session's agenda, presences and votes.

``GET <session>/@agenda`` lists the items in order (with the quorum);
``POST <session>/@agenda`` proposes an act (``{"act": "<UID>", "kind": ...,
"closed": false}``); ``POST <session>/@supplementary-item`` is a
councillor's item (``{"title", "note", "draft_decision"}``);
``POST <session>/@agenda-item`` acts on an item
(``{"item": "<id>", "action": "move" | "closed" | "postpone" | "withdraw" |
"vote", ...}``); ``POST <session>/@presences`` records presences, arrivals
and departures; ``POST <session>/@adopt-remaining`` adopts what remains
(college). Every refusal answers 400 (403 for who may not) with its reason,
and changes nothing.
"""

from imio.municipal import _
from imio.municipal.errors import InvalidInput
from imio.municipal.platform.services.body import json_write
from imio.municipal.sessions import agenda
from imio.municipal.sessions import holding
from imio.municipal.sessions import supplementary
from imio.municipal.sessions.members import members_in_office
from imio.municipal.sessions.messages import translated
from plone import api
from plone.app.uuid.utils import uuidToObject
from plone.restapi.services import Service


def item_json(session, number, item, may_hold) -> dict:
    act = agenda.act_of(item)
    return {
        "item": item.item_id,
        "number": number,
        "title": act.Title() if act is not None else None,
        "act": act.absolute_url() if act is not None and may_hold else None,
        "act_uid": item.act_uid,
        "kind": item.kind,
        "closed": item.closed,
        "note": item.note,
        "outcome": item.outcome,
        "amendment": item.amendment,
        "vote": dict(item.vote) if item.vote else None,
        "history": [dict(entry) for entry in item.history],
    }


def agenda_json(session) -> dict:
    may_hold = api.user.has_permission("imio.municipal: Hold session", obj=session)
    problem = holding.quorum_problem(session)
    return {
        "session": session.absolute_url(),
        "review_state": api.content.get_state(session),
        "items": [
            item_json(session, number, item, may_hold)
            for number, item in enumerate(session.agenda, 1)
        ],
        "members": [
            {
                "member": seat.member_id,
                "person": seat.person,
                "function": seat.function,
                "presence": session.presences.get(seat.member_id),
            }
            for seat in members_in_office(session)
        ],
        "movements": [dict(movement) for movement in session.movements],
        "quorum": problem is None,
    }


class AgendaGet(Service):
    def reply(self):
        return agenda_json(self.context)


class AgendaPost(Service):
    def reply(self):
        data = json_write(self.request)
        uid = data.get("act")
        act = uuidToObject(uid, unrestricted=True) if isinstance(uid, str) and uid else None
        agenda.propose(
            self.context,
            act,
            kind=data.get("kind", "ordinary"),
            closed=bool(data.get("closed", False)),
            note=str(data.get("note") or ""),
            urgency_votes=data.get("urgency_votes"),
        )
        self.request.response.setStatus(201)
        return agenda_json(self.context)


class SupplementaryItemPost(Service):
    """A councillor's own item: ``{"title", "note", "draft_decision"}`` (L1122-24)."""

    def reply(self):
        data = json_write(self.request)
        supplementary.add_supplementary_item(
            self.context, data.get("title"), data.get("note"), data.get("draft_decision")
        )
        self.request.response.setStatus(201)
        return agenda_json(self.context)


ITEM_ACTIONS = ("move", "closed", "postpone", "withdraw", "vote")


class AgendaItemPost(Service):
    def reply(self):
        data = json_write(self.request)
        session, item_id, action = self.context, data.get("item"), data.get("action")
        if action == "move":
            agenda.move(session, item_id, data.get("position"))
        elif action == "closed":
            agenda.set_closed(session, item_id, bool(data.get("closed")))
        elif action == "postpone":
            agenda.postpone(session, item_id, str(data.get("comment") or ""))
        elif action == "withdraw":
            agenda.withdraw(session, item_id, str(data.get("comment") or ""))
        elif action == "vote":
            holding.record_vote(
                session,
                item_id,
                mode=data.get("mode", "unanimity"),
                ballots=data.get("ballots"),
                totals=data.get("totals"),
                out_for_interest=data.get("out_for_interest") or (),
                amendment=str(data.get("amendment") or ""),
            )
        else:
            raise InvalidInput(
                translated(
                    _(
                        "refusal_item_action",
                        default='Unknown action "${action}": ${actions}.',
                        mapping={"action": str(action), "actions": ", ".join(ITEM_ACTIONS)},
                    )
                )
            )
        return agenda_json(session)


class PresencesPost(Service):
    def reply(self):
        data = json_write(self.request)
        session = self.context
        if "arrive" in data:
            holding.arrive(session, data["arrive"])
        elif "leave" in data:
            holding.leave(session, data["leave"])
        else:
            presences = data.get("presences")
            if not isinstance(presences, dict):
                raise InvalidInput(
                    translated(
                        _(
                            "refusal_presences_format",
                            default='Send {"presences": {"<member>": "present"}}, '
                            '{"arrive": "<member>"} or {"leave": "<member>"}.',
                        )
                    )
                )
            holding.set_presences(session, presences)
        return agenda_json(session)


class AdoptRemainingPost(Service):
    def reply(self):
        json_write(self.request)
        holding.adopt_remaining(self.context)
        return agenda_json(self.context)
