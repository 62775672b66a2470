from managed_permissions import ADD_FILE
from managed_permissions import ADD_FOLDER
from managed_permissions import ADD_IMAGE
from managed_permissions import ADMIN_ONLY_MORE
from managed_permissions import MANAGED_PERMS


ID = "municipal_mandate_workflow"
TITLE = "Mandate in the college or the council"
DESCRIPTION = "Mandates of the members and officials of the assemblies: one state, kept by the secretariat. See municipal_mandate_workflow.md."
INITIAL = "recorded"
FORM = "content_status_modify"
M, SA, S, C, ST = (
    "Manager",
    "Site Administrator",
    "MunicipalSecretary",
    "MunicipalCollege",
    "MunicipalStaff",
)
ABBREV = {M: "", SA: "", S: "S", C: "C", ST: "St"}
CONTENT_PERM = "Modify portal content"
PERMS = MANAGED_PERMS + [ADD_FILE, ADD_IMAGE] + ADMIN_ONLY_MORE + [ADD_FOLDER]
READERS = [M, SA, S, C, ST]
ROLES_TEXT = (
    "Roles: **S** MunicipalSecretary (keeps the composition of the assemblies), **C** "
    "MunicipalCollege, **St** MunicipalStaff (the municipality's agents); Manager and Site "
    "Administrator (platform admins) everywhere."
)
STATES = [
    {
        "id": "recorded",
        "title": "Recorded",
        "description": "A mandate: person, function, group, start and end.",
        "exits": [],
    },
]
TRANSITIONS = []


def perm_roles(st):
    admins = [M, SA]
    edit = admins + [S]
    return {
        "Access contents information": READERS,
        "View": READERS,
        "List folder contents": READERS,
        "Add portal content": admins,
        "Modify portal content": edit,
        "plone.app.contenttypes: Add File": admins,
        "plone.app.contenttypes: Add Image": admins,
        "CMFEditions: Access previous versions": READERS,
        "CMFEditions: Save new version": edit,
        "CMFEditions: Apply version control": edit,
        "CMFEditions: Revert to previous versions": edit,
        "CMFEditions: Checkout to location": admins,
        "Copy or Move": admins,
        "Manage properties": admins,
        "Modify constrain types": admins,
        "Modify view template": admins,
        # An ended mandate gets an end date; deleting one would rewrite past sessions.
        "Delete objects": admins,
        "Review portal content": [M, SA, S],
        "Change local roles": admins,
        "Sharing page: Delegate roles": admins,
        **{p: admins for p in ADMIN_ONLY_MORE + [ADD_FOLDER]},
    }


NOTES = """- A mandate that ends gets an end date: it stays, so that past sessions keep
  their members. Only platform admins delete one (a mistaken entry)."""
CONTENT_LABEL = "who edits the mandate"
