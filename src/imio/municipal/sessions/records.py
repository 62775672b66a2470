"""The agenda items, presences and votes kept on a session.

Plain persistent records, not content: an item exists only within its
session, in its place on the agenda, and follows the session's workflow.
The act an item decides is referred to by its UID.
"""

from datetime import datetime
from imio.municipal.core.calendar import BRUSSELS
from persistent import Persistent
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping

import uuid


ORDINARY = "ordinary"
SUPPLEMENTARY = "supplementary"
URGENT = "urgent"
FROM_COLLEGE = "from_college"
ITEM_KINDS = (ORDINARY, SUPPLEMENTARY, URGENT, FROM_COLLEGE)

ADOPTED = "adopted"
REFUSED = "refused"
POSTPONED = "postponed"
WITHDRAWN = "withdrawn"
AMENDED = "amended"
OUTCOMES = (ADOPTED, REFUSED, POSTPONED, WITHDRAWN, AMENDED)
# The outcomes that make the act adopted at closing (an amended act is adopted as amended).
ADOPTING = (ADOPTED, AMENDED)

UNANIMITY = "unanimity"
PUBLIC = "public"
SECRET = "secret"  # noqa: S105 (a kind of vote)
VOTE_MODES = (UNANIMITY, PUBLIC, SECRET)

PRESENT = "present"
EXCUSED = "excused"
ABSENT = "absent"
PRESENCES = (PRESENT, EXCUSED, ABSENT)


class AgendaItem(Persistent):
    """One item of an agenda: the act it decides and what the session did with it."""

    def __init__(self, act_uid: str, kind: str = ORDINARY, closed: bool = False, note: str = ""):
        self.item_id = uuid.uuid4().hex[:12]
        self.act_uid = act_uid
        self.kind = kind
        self.closed = closed
        self.note = note
        self.outcome = None
        self.amendment = ""
        self.vote = None
        self.history = PersistentList()

    def record(self, event: str, **details) -> None:
        entry = {"event": event, "at": datetime.now(BRUSSELS).isoformat(timespec="seconds")}
        entry.update({key: value for key, value in details.items() if value is not None})
        self.history.append(entry)


class SessionRecords:
    """The records of a session: agenda, presences, arrivals and departures."""

    def init_records(self) -> None:
        #: The items in agenda order.
        self.agenda = PersistentList()
        #: Member id (the mandate's UID) -> present, excused or absent.
        self.presences = PersistentMapping()
        #: Arrivals and departures during the session, in order.
        self.movements = PersistentList()

    def item(self, item_id: str) -> AgendaItem | None:
        for item in self.agenda:
            if item.item_id == item_id:
                return item
        return None

    def item_for_act(self, act_uid: str) -> AgendaItem | None:
        for item in self.agenda:
            if item.act_uid == act_uid:
                return item
        return None
