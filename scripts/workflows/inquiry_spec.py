from managed_permissions import ADD_FILE
from managed_permissions import ADD_FOLDER
from managed_permissions import ADD_IMAGE
from managed_permissions import ADMIN_ONLY_MORE
from managed_permissions import MANAGED_PERMS


ID = "municipal_inquiry_workflow"
TITLE = "Public inquiry on a permit"
DESCRIPTION = "Public inquiries on case files: open (public notice, observations online), closed (report in the case file). See municipal_inquiry_workflow.md."
INITIAL = "open"
FORM = "content_status_modify"
M, SA, E, R, S, C, CI, AN = (
    "Manager",
    "Site Administrator",
    "ServiceEditor",
    "ServiceReviewer",
    "MunicipalSecretary",
    "MunicipalCollege",
    "Citizen",
    "Anonymous",
)
ABBREV = {M: "", SA: "", E: "E", R: "R", S: "S", C: "C", CI: "Ci", AN: "everyone"}
CONTENT_PERM = "imio.municipal: Submit inquiry observation"
SEE_OBSERVATIONS = "imio.municipal: View inquiry observations"
CONTENT_LABEL = "who submits observations"
PERMS = (
    MANAGED_PERMS
    + [CONTENT_PERM, SEE_OBSERVATIONS, ADD_FILE, ADD_IMAGE]
    + ADMIN_ONLY_MORE
    + [ADD_FOLDER]
)
STAFF = [M, SA, E, R, S, C]
# Observations are personal data: the service and the secretariat only.
OBSERVATION_READERS = [M, SA, E, R, S]
ROLES_TEXT = (
    "Roles: **E** ServiceEditor (agents of the case file's service), **R** ServiceReviewer "
    "(its heads of service), **S** MunicipalSecretary (secretariat), **C** MunicipalCollege, "
    "**Ci** Citizen (a citizen signed in to the e-counter), **everyone** Anonymous (any "
    "visitor); Manager and Site Administrator (platform admins) everywhere. *Who sees* is "
    "the public notice; the observations are `imio.municipal: View inquiry observations`."
)
STATES = [
    {
        "id": "open",
        "title": "Open",
        "description": "The notice is public; signed-in citizens send observations between its dates.",
        "exits": ["close"],
        "readers": [AN],
        "submit": [CI],
        "edit": [M, SA, E, R],
    },
    {
        "id": "closed",
        "title": "Closed",
        "description": "Over: the report joined the case file; the notice is no longer public.",
        "exits": [],
        "readers": STAFF,
        "submit": [],
        "edit": [],
    },
]
TRANSITIONS = [
    {
        "id": "close",
        "title": "Close the inquiry",
        "to": "closed",
        "roles": [M, SA, E, R],
        "condition": "the inquiry's end date has passed",
        "description": "Closes the inquiry; its report (observations counted and summed up) joins the case file.",
    },
]


def perm_roles(st):
    admins = [M, SA]
    readers = st["readers"]
    return {
        "Access contents information": readers,
        "View": readers,
        "List folder contents": STAFF,
        "Add portal content": admins,
        "Modify portal content": st["edit"],
        CONTENT_PERM: st["submit"],
        SEE_OBSERVATIONS: OBSERVATION_READERS,
        "plone.app.contenttypes: Add File": admins,
        "plone.app.contenttypes: Add Image": admins,
        "CMFEditions: Access previous versions": STAFF,
        "CMFEditions: Save new version": st["edit"],
        "CMFEditions: Apply version control": st["edit"],
        "CMFEditions: Revert to previous versions": st["edit"],
        "CMFEditions: Checkout to location": admins,
        "Copy or Move": admins,
        "Manage properties": admins,
        "Modify constrain types": admins,
        "Modify view template": admins,
        # An inquiry that was announced is part of the case file's record.
        "Delete objects": admins,
        "Review portal content": [M, SA, E, R] if st["id"] == "open" else [],
        "Change local roles": admins,
        "Sharing page: Delegate roles": admins,
        **{p: admins for p in ADMIN_ONLY_MORE + [ADD_FOLDER]},
    }


NOTES = """- The notice (the inquiry itself: project, location, dates, released documents,
  how to react) is public while open; the case file it lives in stays private.
- Observations are records of the inquiry, never content: nobody reads them
  through the notice; `@observations` gives all of them to those holding
  `imio.municipal: View inquiry observations` (E, R, S and platform admins, in
  every state) and his own ones to a citizen. Staff of another municipality
  hold no local role here: they see the public notice only.
- Sending an observation needs `imio.municipal: Submit inquiry observation`
  (citizens, open only) and a day between the start and the end (`inquiries/`).
- Closing before the end is refused with its reason (BeforeTransition); the
  report is written in the same transaction. A closed inquiry has no way back."""
