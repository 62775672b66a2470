from managed_permissions import ADD_FILE
from managed_permissions import ADD_FOLDER
from managed_permissions import ADD_IMAGE
from managed_permissions import ADMIN_ONLY_MORE
from managed_permissions import MANAGED_PERMS


ID = "municipal_data_subject_request_workflow"
TITLE = "Data-subject request"
DESCRIPTION = "A person's request under the GDPR (access, rectification, erasure, objection): received, then answered. Seen by the municipality's DPO and secretariat only. See municipal_data_subject_request_workflow.md."
INITIAL = "received"
FORM = "content_status_modify"
M, SA, D, S = ("Manager", "Site Administrator", "DataProtectionOfficer", "MunicipalSecretary")
ABBREV = {M: "", SA: "", D: "D", S: "S"}
CONTENT_PERM = "imio.municipal: Handle data-subject request"
PERMS = MANAGED_PERMS + [CONTENT_PERM, ADD_FILE, ADD_IMAGE] + ADMIN_ONLY_MORE + [ADD_FOLDER]
HANDLERS = [D, S]
ROLES_TEXT = (
    "Roles: **D** DataProtectionOfficer and **S** MunicipalSecretary (local roles on the "
    "municipality). Nobody else, platform admins included: the municipality is the "
    "controller of the person's data. *Who handles the request* is the permission "
    "`imio.municipal: Handle data-subject request`: extending the deadline, attaching the "
    "summary of the person's data, answering."
)
STATES = [
    {
        "id": "received",
        "title": "Received",
        "description": "The request is received: answered within one month, extended once by two.",
        "exits": ["answer"],
        "edit": HANDLERS,
    },
    {
        "id": "answered",
        "title": "Answered",
        "description": "The answer was given to the person; the file is kept as a record.",
        "exits": [],
        "edit": [],
    },
]
TRANSITIONS = [
    {
        "id": "answer",
        "title": "Answer the request",
        "to": "answered",
        "roles": HANDLERS,
        "condition": "the answer's text is recorded (the @data-subject-answer service)",
        "expr": "python:bool(getattr(here, 'answer_text', None))",
        "description": "The answer is recorded with its date; an extension's reason is part of it.",
    },
]


def perm_roles(st):
    edit = st["edit"]
    return {
        "Access contents information": HANDLERS,
        "View": HANDLERS,
        "List folder contents": HANDLERS,
        "Add portal content": edit,
        "Modify portal content": edit,
        "plone.app.contenttypes: Add File": edit,
        "plone.app.contenttypes: Add Image": [],
        CONTENT_PERM: edit,
        "CMFEditions: Access previous versions": HANDLERS,
        "CMFEditions: Save new version": edit,
        "CMFEditions: Apply version control": edit,
        "CMFEditions: Revert to previous versions": [],
        "CMFEditions: Checkout to location": [],
        "Copy or Move": [],
        "Manage properties": [],
        "Modify constrain types": [],
        "Modify view template": [],
        # A request is a record of how the municipality answered: the
        # retention rules dispose of it, nobody deletes it by hand.
        "Delete objects": [],
        "Review portal content": HANDLERS,
        "Change local roles": [],
        "Sharing page: Delegate roles": [],
        **{p: [] for p in ADMIN_ONLY_MORE + [ADD_FOLDER]},
    }


NOTES = """- Internal: never sent to the regional exchange, never published.
- Agents of the services never see a request, in any state; neither do the
  platform admins.
- The deadline (one month, extended once by two months with a reason the
  person is told) comes from `imio.municipal.privacy.request_rules`."""
CONTENT_LABEL = "who handles the request"
