from managed_permissions import ADD_FILE
from managed_permissions import ADD_FOLDER
from managed_permissions import ADD_IMAGE
from managed_permissions import ADMIN_ONLY_MORE
from managed_permissions import MANAGED_PERMS


ID = "municipal_session_workflow"
TITLE = "Session of the college or the council"
DESCRIPTION = "Sessions: in preparation, convened (agenda sent), in session, closed (acts numbered and adopted), minutes approved. See municipal_session_workflow.md."
INITIAL = "preparation"
FORM = "session-transition"
M, SA, S, C, B = (
    "Manager",
    "Site Administrator",
    "MunicipalSecretary",
    "MunicipalCollege",
    "SessionMember",
)
ABBREV = {M: "", SA: "", S: "S", C: "C", B: "B"}
CONTENT_PERM = "imio.municipal: Hold session"
# Generate the minutes and record their approval: only while the session is
# closed; once approved the minutes are frozen for everyone.
MINUTES_PERM = "imio.municipal: Manage minutes"
PERMS = (
    MANAGED_PERMS
    + [CONTENT_PERM, MINUTES_PERM, ADD_FILE, ADD_IMAGE]
    + ADMIN_ONLY_MORE
    + [ADD_FOLDER]
)
PREPARERS = [M, SA, S]
MEMBERS_TOO = [M, SA, S, C, B]
ROLES_TEXT = (
    "Roles: **S** MunicipalSecretary (the secretariat, which prepares and holds the "
    "sessions), **C** MunicipalCollege (college members), **B** SessionMember (the members "
    "of the session's body, from their mandates linked to a platform account); Manager and "
    "Site Administrator (platform admins) everywhere. *Who holds the session* is the "
    "permission `imio.municipal: Hold session`: the agenda, presences, votes and outcomes."
)
STATES = [
    {
        "id": "preparation",
        "title": "In preparation",
        "description": "The secretariat composes the agenda; the members do not see it yet.",
        "exits": ["convene"],
        "readers": PREPARERS,
        "edit": [S],
        "hold": [S],
    },
    {
        "id": "convened",
        "title": "Convened",
        "description": "The convocation and the agenda are sent; the members read them.",
        "exits": ["open", "back_to_preparation"],
        "readers": MEMBERS_TOO,
        "edit": [S],
        "hold": [S],
    },
    {
        "id": "in_session",
        "title": "In session",
        "description": "The session is held: presences, votes and outcomes are recorded.",
        "exits": ["close"],
        "readers": MEMBERS_TOO,
        "edit": [S],
        "hold": [S],
    },
    {
        "id": "closed",
        "title": "Closed",
        "description": "Held: the adopted acts are numbered in agenda order; frozen.",
        "exits": ["approve_minutes"],
        "readers": MEMBERS_TOO,
        "edit": [],
        "hold": [],
        "minutes": [S],
    },
    {
        "id": "minutes_approved",
        "title": "Minutes approved",
        "description": "The minutes were approved at a later session of the same body.",
        "exits": [],
        "readers": MEMBERS_TOO,
        "edit": [],
        "hold": [],
    },
]
TRANSITIONS = [
    {
        "id": "convene",
        "title": "Convene (send the agenda)",
        "to": "convened",
        "roles": [S],
        "condition": "a place and an agenda; a council is convened 7 clear days ahead "
        "(2 for a 2nd/3rd convocation) unless the session is urgent",
        "description": "The convocation is sent with the agenda; its date is recorded.",
    },
    {
        "id": "back_to_preparation",
        "title": "Back to preparation",
        "to": "preparation",
        "roles": [S],
        "comment": True,
        "description": "The session is not held as convened: a comment says why.",
    },
    {
        "id": "open",
        "title": "Open the session",
        "to": "in_session",
        "roles": [S],
        "condition": "on the session day (or later)",
        "description": "The session starts: presences and votes are recorded.",
    },
    {
        "id": "close",
        "title": "Close the session",
        "to": "closed",
        "roles": [S],
        "condition": "every item has an outcome; each vote was taken with quorum",
        "description": "Numbers the adopted acts in agenda order and adopts them.",
    },
    {
        "id": "approve_minutes",
        "title": "Record the approval of the minutes",
        "to": "minutes_approved",
        "roles": [S],
        "description": "The minutes were approved at the next session of the same body.",
    },
]


def perm_roles(st):
    admins = [M, SA]
    readers = st["readers"]
    edit = (admins + st["edit"]) if st["edit"] else []
    hold = (admins + st["hold"]) if st["hold"] else []
    return {
        "Access contents information": readers,
        "View": readers,
        "List folder contents": readers,
        "Add portal content": edit,
        "Modify portal content": edit,
        "plone.app.contenttypes: Add File": edit,
        "plone.app.contenttypes: Add Image": edit,
        CONTENT_PERM: hold,
        MINUTES_PERM: (admins + st["minutes"]) if st.get("minutes") else [],
        "CMFEditions: Access previous versions": readers,
        "CMFEditions: Save new version": edit,
        "CMFEditions: Apply version control": edit,
        "CMFEditions: Revert to previous versions": edit,
        "CMFEditions: Checkout to location": admins,
        "Copy or Move": admins,
        "Manage properties": admins,
        "Modify constrain types": admins,
        "Modify view template": admins,
        # A session that was convened is part of the record: never deleted.
        "Delete objects": admins + [S] if st["id"] == "preparation" else [],
        "Review portal content": [M, SA, S],
        "Change local roles": admins,
        "Sharing page: Delegate roles": admins,
        **{p: admins for p in ADMIN_ONLY_MORE + [ADD_FOLDER]},
    }


NOTES = """- Anonymous users never see a session, in any state; closed-session items
  (huis clos) are never published (the publication refuses their acts).
- Refusals with a reason (late convocation, no quorum, votes over the members
  present, items without outcome) come from the BeforeTransition subscriber
  and the session services (`sessions/`).
- Closing adopts the acts of the adopted items in agenda order, so their
  numbers follow the agenda; the session date, presences and votes are copied
  onto each act. A closed session has no way back: nothing is numbered twice."""
CONTENT_LABEL = "who holds the session"
