from managed_permissions import ADD_FILE
from managed_permissions import ADD_FOLDER
from managed_permissions import ADD_IMAGE
from managed_permissions import ADMIN_ONLY_MORE
from managed_permissions import MANAGED_PERMS


ID = "municipal_pic_workflow"
TITLE = "PIC investment plan"
DESCRIPTION = "PIC plans: draft, approved by the council, transmitted to the Guichet, approved by the region or to be corrected. See municipal_pic_workflow.md."
INITIAL = "draft"
FORM = "pic-transition"
M, SA, E, R, S, C = (
    "Manager",
    "Site Administrator",
    "ServiceEditor",
    "ServiceReviewer",
    "MunicipalSecretary",
    "MunicipalCollege",
)
ABBREV = {M: "", SA: "", E: "E", R: "R", S: "S", C: "C"}
ADD_INVESTMENT = "imio.municipal: Add Investment"
CONTENT_PERM = ADD_INVESTMENT
PERMS = MANAGED_PERMS + [ADD_INVESTMENT, ADD_FILE, ADD_IMAGE]
PERMS += ADMIN_ONLY_MORE + [ADD_FOLDER]
READERS = [M, SA, E, R, S, C]
ROLES_TEXT = (
    "Roles: **E** ServiceEditor (agents of the responsible service, usually finances), "
    "**R** ServiceReviewer (its heads), **S** MunicipalSecretary, **C** MunicipalCollege; "
    "Manager and Site Administrator everywhere. Investment sheets have no workflow of "
    "their own: they follow their plan (the column *adds investments* is `imio.municipal: "
    "Add Investment`)."
)
STATES = [
    {
        "id": "draft",
        "title": "Draft",
        "description": "Being built by the service.",
        "exits": ["approve_council"],
        "edit": [E, R, S],
    },
    {
        "id": "approved_council",
        "title": "Approved by the council",
        "description": "Adopted by the municipal council.",
        "exits": ["transmit", "back_to_draft"],
        "edit": [],
    },
    {
        "id": "transmitted",
        "title": "Transmitted to the Guichet",
        "description": "Sent to the region (Guichet des pouvoirs locaux).",
        "exits": ["approve_region", "ask_correction"],
        "edit": [],
    },
    {
        "id": "to_correct",
        "title": "To be corrected",
        "description": "The region asks for corrections (see its comment).",
        "exits": ["back_to_draft"],
        "edit": [E, R, S],
    },
    {
        "id": "approved_region",
        "title": "Approved by the region",
        "description": "Approved by the region.",
        "exits": [],
        "edit": [],
    },
]
TRANSITIONS = [
    {
        "id": "approve_council",
        "title": "Record the council's approval",
        "to": "approved_council",
        "roles": [S],
        "condition": "the adopting council act is linked; subsidies within the envelope",
        "description": "The council adopted the plan.",
    },
    {
        "id": "back_to_draft",
        "title": "Back to draft",
        "to": "draft",
        "roles": [S],
        "comment": True,
        "description": "A comment saying why is required.",
    },
    {
        "id": "transmit",
        "title": "Transmit to the Guichet",
        "to": "transmitted",
        "roles": [S],
        "description": "The plan is sent to the region.",
    },
    {
        "id": "approve_region",
        "title": "Record the region's approval",
        "to": "approved_region",
        "roles": [S],
        "description": "The region approved the plan.",
    },
    {
        "id": "ask_correction",
        "title": "Record the region's request for corrections",
        "to": "to_correct",
        "roles": [S],
        "comment": True,
        "description": "The region's comment is required.",
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
        ADD_INVESTMENT: edit,
        "Delete objects": edit if st["id"] == "draft" else admins,
        # Investment sheets are the only content of a plan.
        "plone.app.contenttypes: Add File": admins,
        "plone.app.contenttypes: Add Image": admins,
        "CMFEditions: Access previous versions": READERS,
        "CMFEditions: Save new version": edit,
        "CMFEditions: Apply version control": edit,
        "CMFEditions: Revert to previous versions": edit,
        "CMFEditions: Checkout to location": admins,
        "Copy or Move": edit if st["id"] == "draft" else admins,
        "Manage properties": admins,
        "Modify constrain types": admins,
        "Modify view template": admins,
        "Review portal content": [M, SA, R, S],
        "Change local roles": admins,
        "Sharing page: Delegate roles": admins,
        **{p: admins for p in ADMIN_ONLY_MORE + [ADD_FOLDER]},
    }


NOTES = """- Refusals with a reason (no adopting act, subsidies over the envelope — by
  how much) come from a BeforeTransition subscriber (`pic/workflow.py`).
- The export to the Guichet: `transmit` is the point where the outbox
  message is created, in the transition's transaction."""
CONTENT_LABEL = "who adds investments"
