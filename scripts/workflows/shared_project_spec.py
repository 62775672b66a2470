from managed_permissions import ADD_FILE
from managed_permissions import ADD_FOLDER
from managed_permissions import ADD_IMAGE
from managed_permissions import ADMIN_ONLY_MORE
from managed_permissions import MANAGED_PERMS


ID = "municipal_shared_project_workflow"
TITLE = "Shared project"
DESCRIPTION = "Inter-municipal projects: draft, proposed to the partners, active, closed or cancelled. See municipal_shared_project_workflow.md."
INITIAL = "draft"
FORM = "project-transition"
M, SA, C, P, L, PM, OW = (
    "Manager",
    "Site Administrator",
    "ProjectCoordinator",
    "ProjectPartner",
    "ProjectLeadMember",
    "ProjectPartnerMember",
    "Owner",
)
ABBREV = {M: "", SA: "", C: "C", P: "P", L: "L", PM: "PM", OW: "O"}
ATTACH = "imio.municipal: Attach approving act"
CONTENT_PERM = ATTACH
PERMS = MANAGED_PERMS + [ADD_FILE, ADD_FOLDER, ADD_IMAGE, ATTACH] + ADMIN_ONLY_MORE
ROLES_TEXT = (
    "Roles (local, computed from the lead and partners fields by "
    "`platform/localroles.py`): **C** ProjectCoordinator (the lead municipality's "
    "secretariat), **P** ProjectPartner (each partner's secretariat), **L** "
    "ProjectLeadMember (every agent of the lead), **PM** ProjectPartnerMember (every "
    "agent of a partner), **O** Owner (who uploaded a document); Manager and Site "
    "Administrator everywhere. Documents (File, Folder) inside follow the project "
    "(no workflow of their own)."
)
STATES = [
    {
        "id": "draft",
        "title": "Draft",
        "description": "Being prepared by the lead municipality.",
        "exits": ["propose", "cancel"],
        "view": [C, L],
        "edit": [C],
        "add": [C],
        "attach": [C],
    },
    {
        "id": "proposed",
        "title": "Proposed to the partners",
        "description": "The partners examine it and attach their council's approving act.",
        "exits": ["activate", "back_to_draft", "cancel"],
        "view": [C, L, P, PM],
        "edit": [C],
        "add": [C, P],
        "attach": [C, P],
    },
    {
        "id": "active",
        "title": "Active",
        "description": "Approved by every participant's council: the project runs.",
        "exits": ["close", "cancel"],
        "view": [C, L, P, PM],
        "edit": [C],
        "add": [C, P],
        "attach": [],
    },
    {
        "id": "closed",
        "title": "Closed",
        "description": "The project is finished.",
        "exits": [],
        "view": [C, L, P, PM],
        "edit": [],
        "add": [],
        "attach": [],
    },
    {
        "id": "cancelled",
        "title": "Cancelled",
        "description": "The project was abandoned.",
        "exits": [],
        "view": [C, L, P, PM],
        "edit": [],
        "add": [],
        "attach": [],
    },
]
TRANSITIONS = [
    {
        "id": "propose",
        "title": "Propose to the partners",
        "to": "proposed",
        "roles": [C],
        "description": "The partners' staff see the project; their secretariat attaches its approving act.",
    },
    {
        "id": "back_to_draft",
        "title": "Back to draft",
        "to": "draft",
        "roles": [C],
        "comment": True,
        "description": "A comment saying why is required.",
    },
    {
        "id": "activate",
        "title": "Activate the project",
        "to": "active",
        "roles": [C],
        "condition": "every participant, the lead included, has an adopted (numbered) council act approving the agreement, not refused, annulled or disapproved",
        "description": "Every participant's council approved the agreement.",
    },
    {
        "id": "close",
        "title": "Close the project",
        "to": "closed",
        "roles": [C],
        "description": "The project is finished.",
    },
    {
        "id": "cancel",
        "title": "Cancel the project",
        "to": "cancelled",
        "roles": [C],
        "comment": True,
        "description": "A comment saying why is required.",
    },
]


def perm_roles(st):
    admins = [M, SA]
    view = admins + st["view"]
    edit = admins + st["edit"]
    add = admins + st["add"]
    # Whoever uploaded a document may correct or remove it while the project runs.
    own = [OW] if st["add"] else []
    return {
        "Access contents information": view,
        "View": view,
        "List folder contents": view,
        "Modify portal content": edit + own,
        "Add portal content": add,
        ADD_FILE: add,
        ADD_FOLDER: add,
        ADD_IMAGE: add,
        "CMFEditions: Access previous versions": view,
        "CMFEditions: Save new version": edit + own,
        "CMFEditions: Apply version control": edit + own,
        "CMFEditions: Revert to previous versions": edit + own,
        "CMFEditions: Checkout to location": admins,
        "Copy or Move": edit + own,
        "Manage properties": admins,
        "Modify constrain types": admins,
        "Modify view template": admins,
        ATTACH: admins + st["attach"],
        "Delete objects": edit + own,
        "Review portal content": admins + ([C] if st["exits"] else []),
        "Change local roles": admins,
        "Sharing page: Delegate roles": admins,
        **{p: admins for p in ADMIN_ONLY_MORE},
    }


NOTES = """- The project itself is never deleted by its municipalities (`Delete objects`
  on the shared-projects folder is for platform admins): it is cancelled.
- Refusals with a reason (the participants whose approving act is missing,
  not adopted, refused or annulled; a missing comment) come from a
  BeforeTransition subscriber (`projects/workflow.py`).
- Each secretariat attaches its own council's act through `@@approving-act`
  (REST: `POST @approving-act`), guarded by `imio.municipal: Attach approving act`."""
CONTENT_LABEL = "who attaches approving acts"
