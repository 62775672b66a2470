from managed_permissions import ADD_FILE
from managed_permissions import ADD_FOLDER
from managed_permissions import ADD_IMAGE
from managed_permissions import ADMIN_ONLY_MORE
from managed_permissions import MANAGED_PERMS


ID = "municipal_dossier_workflow"
TITLE = "Municipal case file"
DESCRIPTION = "Case files: draft, received, incomplete or in progress, sent to the head of service, proposed, decided, (transmitted to the permit platform,) closed; or withdrawn, inadmissible. See municipal_dossier_workflow.md."
INITIAL = "draft"
FORM = "dossier-transition"
M, SA, E, R, S, C = (
    "Manager",
    "Site Administrator",
    "ServiceEditor",
    "ServiceReviewer",
    "MunicipalSecretary",
    "MunicipalCollege",
)
ABBREV = {M: "", SA: "", E: "E", R: "R", S: "S", C: "C"}
CONTENT_PERM = ADD_FILE
CONTENT_LABEL = "who adds annexes"
# Alphabetical: the order of the definition this spec took over.
PERMS = sorted(MANAGED_PERMS + [ADD_FILE, ADD_IMAGE]) + ADMIN_ONLY_MORE + [ADD_FOLDER]
READERS = [M, SA, E, R, S, C]
ROLES_TEXT = (
    "Roles: **E** ServiceEditor (agents of the responsible service), **R** ServiceReviewer "
    "(its heads of service), **S** MunicipalSecretary (secretariat / directeur général), "
    "**C** MunicipalCollege (college members), Manager and Site Administrator (platform "
    "admins) everywhere. *Who sees* also reads the history (`@history` needs "
    "`CMFEditions: Access previous versions`)."
)
STATES = [
    {
        "id": "draft",
        "title": "Draft",
        "description": "Being encoded by the service.",
        "exits": ["receive"],
        "edit": [E, R],
    },
    {
        "id": "received",
        "title": "Received",
        "description": "Received: the reference is assigned and the completeness check runs.",
        "exits": ["declare_incomplete", "declare_complete", "withdraw", "declare_inadmissible"],
        "edit": [E, R],
    },
    {
        "id": "incomplete",
        "title": "Incomplete",
        "description": "Waiting for the applicant's missing pieces.",
        "exits": ["receive_complements", "declare_complete", "withdraw", "declare_inadmissible"],
        "edit": [E, R],
    },
    {
        "id": "in_progress",
        "title": "In progress",
        "description": "Complete: the service examines it; the decision delay runs.",
        "exits": ["declare_incomplete", "submit", "propose", "withdraw"],
        "edit": [E, R],
    },
    {
        "id": "submitted",
        "title": "Sent to the head of service",
        "description": "The agent says the file is ready: the head of service proposes it or sends it back.",
        "exits": ["propose", "return_to_agent", "withdraw"],
        "edit": [E, R],
    },
    {
        "id": "proposed",
        "title": "Proposed",
        "description": "Proposed to the secretariat for a decision.",
        "exits": ["decide", "send_back", "withdraw"],
        "edit": [S],
    },
    {
        "id": "decided",
        "title": "Decided",
        "description": "The decision is taken.",
        "exits": ["transmit", "close"],
        "edit": [S],
    },
    {
        "id": "transmitted",
        "title": "Transmitted to the permit platform",
        "description": "The decision is queued for the permit platform; the file closes when the platform acknowledges it.",
        "exits": ["close"],
        "edit": [],
    },
    {
        "id": "closed",
        "title": "Closed",
        "description": "Finished.",
        "exits": [],
        "edit": [],
    },
    {
        "id": "withdrawn",
        "title": "Withdrawn",
        "description": "Withdrawn by the applicant.",
        "exits": [],
        "edit": [],
    },
    {
        "id": "inadmissible",
        "title": "Inadmissible",
        "description": "Declared inadmissible.",
        "exits": [],
        "edit": [],
    },
]
TRANSITIONS = [
    {
        "id": "receive",
        "title": "Receive",
        "to": "received",
        "roles": [E, R, S],
        "condition": "at least one applicant",
        "description": "Receive.",
    },
    {
        "id": "declare_incomplete",
        "title": "Declare incomplete",
        "to": "incomplete",
        "roles": [E, R],
        "condition": "the missing pieces are listed",
        "description": "Declare incomplete.",
    },
    {
        "id": "receive_complements",
        "title": "Receive the missing pieces",
        "to": "received",
        "roles": [E, R],
        "description": "The missing pieces came in: the completeness check runs again from their date.",
    },
    {
        "id": "declare_complete",
        "title": "Declare complete",
        "to": "in_progress",
        "roles": [E, R],
        "description": "Declare complete.",
    },
    {
        "id": "submit",
        "title": "Send to my head of service",
        "to": "submitted",
        "roles": [E],
        "description": "The file is ready: the head of service sees it to propose.",
    },
    {
        "id": "propose",
        "title": "Propose to the secretariat",
        "to": "proposed",
        "roles": [R],
        "description": "Propose to the secretariat.",
    },
    {
        "id": "send_back",
        "title": "Send back to the service",
        "to": "in_progress",
        "roles": [S, R],
        "comment": True,
        "description": "A comment saying why is required.",
    },
    {
        "id": "return_to_agent",
        "title": "Send back to the agent",
        "to": "in_progress",
        "roles": [R],
        "comment": True,
        "description": "A comment saying what is missing is required.",
    },
    {
        "id": "decide",
        "title": "Record the decision",
        "to": "decided",
        "roles": [S],
        "description": "Record the decision.",
    },
    {
        "id": "transmit",
        "title": "Transmit to the permit platform",
        "to": "transmitted",
        "roles": [S],
        "condition": "a file from the permit platform, with its decision and the signed decision PDF, not queued yet",
        "description": "Send the decision and its signed PDF to the permit platform the file came from.",
    },
    {
        "id": "close",
        "title": "Close",
        "to": "closed",
        "roles": [E, R, S],
        "condition": "a file from the permit platform: the platform acknowledged the decision",
        "description": "Close.",
    },
    {
        "id": "withdraw",
        "title": "Withdraw",
        "to": "withdrawn",
        "roles": [E, R, S],
        "comment": True,
        "description": "A comment saying why is required.",
    },
    {
        "id": "declare_inadmissible",
        "title": "Declare inadmissible",
        "to": "inadmissible",
        "roles": [E, R, S],
        "comment": True,
        "description": "A comment saying why is required.",
    },
]


def perm_roles(st):
    admins = [M, SA]
    edit = admins + st["edit"]
    return {
        "Access contents information": READERS,
        "View": READERS,
        "List folder contents": READERS,
        "Add portal content": edit,
        "Modify portal content": edit,
        ADD_FILE: edit,
        ADD_IMAGE: edit,
        # Versions and history are read by the file's readers.
        "CMFEditions: Access previous versions": READERS,
        "CMFEditions: Save new version": edit,
        "CMFEditions: Apply version control": edit,
        "CMFEditions: Revert to previous versions": edit,
        "CMFEditions: Checkout to location": admins,
        # A copy is a new draft without reference (the copy subscriber clears
        # it); moving a received file is refused to everyone.
        "Copy or Move": admins + [E, R, S],
        "Manage properties": admins,
        "Modify constrain types": admins,
        "Modify view template": admins,
        # Only a draft (no reference yet) is deleted by the service.
        "Delete objects": edit if st["id"] == "draft" else admins,
        "Review portal content": [M, SA, R, S],
        "Change local roles": admins,
        "Sharing page: Delegate roles": admins,
        **{p: admins for p in ADMIN_ONLY_MORE + [ADD_FOLDER]},
    }


NOTES = """- Nobody is Owner-mapped: access comes from the responsible service (a
  `borg.localrole` adapter, `platform/localroles.py`), the secretariat and
  the college (local roles on the Municipality). Agents of other services and
  other municipalities see nothing.
- Every transition goes through `@@dossier-transition` in the Classic UI,
  which asks for the comment where one is required; the REST API's
  `@workflow` endpoint gets the same checks from a BeforeTransition
  subscriber (`dossiers/workflow.py`), which answers 400 with the reason.
- `decide` records the decision date (`decision_date`, today unless set).
- **Files from the permit platform** (they carry the platform's
  `permit_notification_id`; `exchange/permits_inbox.py` creates them) go
  decided → transmitted → closed; the others decided → closed. The rules are
  in `exchange/permits_responses.py` (BeforeTransition subscriber: a refusal
  says why, in the UI and as the API's 400, and changes nothing):
  - `transmit` is refused for a file that did not come from the platform,
    without its decision (field « Decision »: granted / refused), without the
    signed decision as a PDF annex of category « Decision », or whose decision
    was already queued. It creates the decision response (decision, date,
    PDF) in the outbox in the same transaction; the exchange worker posts it
    after commit.
  - `close` of a platform file is refused until the platform acknowledged
    the decision response (the worker recorded its receipt): from decided it
    says to transmit first; from transmitted, that the receipt has not come
    yet (the exchange journal shows the message). When the worker records
    the receipt it **closes the file itself**, as the platform, with the
    receipt in the history comment: nothing is left for the secretariat to
    do. Closing by hand stays possible once the receipt is there.
  - `transmit` is offered to the secretariat on every decided file (a guard
    could hide it, but could not say why over REST); on a file not from the
    platform it is refused with the reason.
- The service and the secretariat copy a case file in any state: the copy
  is a new draft without reference, dates or decision (the copy subscriber
  clears them). Moving a received file (it carries its reference) or moving
  anything out of its municipality is refused to everyone, platform admins
  included, whatever this table says.
- `submit` is the agent's "ready" signal: the head of service's worklist
  shows a file to propose only once it is submitted. The head may still
  propose a file in progress directly (one he handles himself), and sends a
  submitted file back to the agent with a comment (`return_to_agent`).
- Upgrade step 1007 re-imports this workflow and updates role mappings; the
  1010 upgrade (`upgrades/v1010_permissions.py`) again, for the permissions
  above."""
