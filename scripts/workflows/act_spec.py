from managed_permissions import ADD_FILE
from managed_permissions import ADD_FOLDER
from managed_permissions import ADD_IMAGE
from managed_permissions import ADMIN_ONLY_MORE
from managed_permissions import MANAGED_PERMS


ID = "municipal_act_workflow"
TITLE = "Municipal act"
DESCRIPTION = "Acts: draft, proposed, validated, adopted (numbered, frozen), transmitted to the tutelle, executory or annulled; or refused, postponed. See municipal_act_workflow.md."
INITIAL = "draft"
FORM = "act-transition"
M, SA, E, R, S, C, A, V = (
    "Manager",
    "Site Administrator",
    "ServiceEditor",
    "ServiceReviewer",
    "MunicipalSecretary",
    "MunicipalCollege",
    "MunicipalAdviser",
    "SessionMember",
)
ABBREV = {M: "", SA: "", E: "E", R: "R", S: "S", C: "C", A: "A", V: "V"}
CONTENT_PERM = "imio.municipal: Edit act content"
ASK_ADVICE = "imio.municipal: Ask advice"
GIVE_ADVICE = "imio.municipal: Give advice"
PERMS = (
    MANAGED_PERMS
    + [CONTENT_PERM, ADD_FILE, ADD_IMAGE]
    + ADMIN_ONLY_MORE
    + [ADD_FOLDER, ASK_ADVICE, GIVE_ADVICE]
)
READERS = [M, SA, E, R, S, C, A]
# The members of a session's body read the acts on its agenda (the local role
# comes with the convocation); an act being written or proposed is never on one.
MEMBER_READ_STATES = (
    "validated",
    "postponed",
    "refused",
    "adopted",
    "transmitted",
    "executory",
    "published",
    "annulled",
)
# Advice is asked and given while the act is being prepared: until it goes
# before its deciding body, or comes back to a later session.
ADVICE_STATES = ("draft", "proposed", "validated", "postponed")
ROLES_TEXT = (
    "Roles: **E** ServiceEditor (agents of the responsible service), **R** ServiceReviewer "
    "(its heads of service), **S** MunicipalSecretary (secretariat / directeur général), "
    "**C** MunicipalCollege (college members), **A** MunicipalAdviser (the directeur "
    "financier or another service, granted on the act when its advice is asked: reads, "
    "never edits), **V** SessionMember (members of the body of a convened session with the act "
    "on its agenda: read); Manager and Site Administrator (platform admins) everywhere except "
    "giving an advice, which is the adviser's own. *The act's content* is the permission `imio.municipal: Edit act "
    "content` that protects kind, body, matter, session date, motivation, decision, legal "
    "basis, vote and signatories: frozen at adoption."
)
STATES = [
    {
        "id": "draft",
        "title": "Draft",
        "description": "Being written by the service.",
        "exits": ["propose"],
        "edit": [E, R, S],
        "content": [E, R, S],
        "delete": [E, R, S],
    },
    {
        "id": "proposed",
        "title": "Proposed",
        "description": "Proposed by the head of service to the secretariat.",
        "exits": ["validate", "send_back"],
        "edit": [R, S],
        "content": [R, S],
        "delete": [S],
    },
    {
        "id": "validated",
        "title": "Validated",
        "description": "Validated by the secretariat, on the agenda of the session.",
        "exits": ["adopt", "refuse", "postpone", "send_back"],
        "edit": [S],
        "content": [S],
        "delete": [S],
    },
    {
        "id": "postponed",
        "title": "Postponed",
        "description": "Postponed to a later session.",
        "exits": ["resume"],
        "edit": [S],
        "content": [S],
        "delete": [S],
    },
    {
        "id": "refused",
        "title": "Refused",
        "description": "Not adopted by the deciding body.",
        "exits": [],
        "edit": [],
        "content": [],
        "delete": [S],
    },
    {
        "id": "adopted",
        "title": "Adopted",
        "description": "Adopted: numbered, its content frozen.",
        "exits": ["transmit", "declare_executory"],
        "edit": [S],
        "content": [],
        "delete": [],
    },
    {
        "id": "transmitted",
        "title": "Transmitted",
        "description": "Transmitted to the tutelle authority.",
        "exits": ["declare_executory", "annul"],
        "edit": [S],
        "content": [],
        "delete": [],
    },
    {
        "id": "executory",
        "title": "Executory",
        "description": "Executory: it produces its effects.",
        "exits": ["annul", "publish"],
        "edit": [S],
        "content": [],
        "delete": [],
    },
    {
        "id": "published",
        "title": "Published",
        "description": "Published: its masked public version is on the website, with its proof.",
        "exits": ["publish_erratum"],
        "edit": [S],
        "content": [],
        "delete": [],
    },
    {
        "id": "annulled",
        "title": "Annulled",
        "description": "Annulled or not approved by the tutelle.",
        "exits": [],
        "edit": [],
        "content": [],
        "delete": [],
    },
]
TRANSITIONS = [
    {
        "id": "propose",
        "title": "Propose to the secretariat",
        "to": "proposed",
        "roles": [R, S],
        "description": "The head of service proposes the act; the secretariat its own acts.",
    },
    {
        "id": "validate",
        "title": "Validate",
        "to": "validated",
        "roles": [S],
        "condition": "no advice holds it back (compulsory or asked, neither given nor past its delay)",
        "description": "The secretariat puts the act on the agenda.",
    },
    {
        "id": "send_back",
        "title": "Send back to the service",
        "to": "draft",
        "roles": [R, S],
        "comment": True,
        "description": "A comment saying why is required.",
    },
    {
        "id": "adopt",
        "title": "Record the adoption",
        "to": "adopted",
        "roles": [S],
        "condition": "session date set and not in the future; votes add up; no advice holds it back",
        "description": "The body adopted the act: it gets its number and its content is frozen.",
    },
    {
        "id": "refuse",
        "title": "Record the refusal",
        "to": "refused",
        "roles": [S],
        "comment": True,
        "description": "A comment saying why is required.",
    },
    {
        "id": "postpone",
        "title": "Postpone",
        "to": "postponed",
        "roles": [S],
        "comment": True,
        "description": "A comment saying why is required.",
    },
    {
        "id": "resume",
        "title": "Put back on the agenda",
        "to": "validated",
        "roles": [S],
        "condition": "no advice holds it back",
        "description": "The postponed act comes back to a session.",
    },
    {
        "id": "transmit",
        "title": "Transmit to the tutelle",
        "to": "transmitted",
        "roles": [S],
        "expr": "python:here.tutelle_applies()",
        "condition": "a tutelle applies",
        "description": "The act and its justificatory pieces are sent to the tutelle authority.",
    },
    {
        "id": "declare_executory",
        "title": "Declare executory",
        "to": "executory",
        "roles": [S],
        "expr": "python:here.executory_allowed()",
        "condition": "no tutelle; general tutelle once transmitted; approval tutelle approved or its deadline passed",
        "description": "The act produces its effects.",
    },
    {
        "id": "annul",
        "title": "Record the annulment",
        "to": "annulled",
        "roles": [S],
        "comment": True,
        "expr": "python:here.annulment_recorded()",
        "condition": "the tutelle outcome is annulled or not approved",
        "description": "A comment saying why is required.",
    },
    {
        "id": "publish",
        "title": "Publish",
        "to": "published",
        "roles": [S],
        "condition": "every personal data item found is masked or released with a reason",
        "description": "Creates the frozen public version (masked text, public PDF, released "
        "annexes, proof of publication) in the municipality's publications.",
    },
    {
        "id": "publish_erratum",
        "title": "Publish an erratum",
        "to": "published",
        "roles": [S],
        "comment": True,
        "description": "A new public version with its own proof, linked to the previous one, "
        "which stays readable. A comment saying why is required.",
    },
]


def perm_roles(st):
    admins = [M, SA]
    edit = admins + st["edit"]
    # Frozen states (no one listed) keep the content frozen for platform
    # admins too: the code refuses it to everyone, the workflow says so.
    content = (admins + st["content"]) if st["content"] else []
    readers = READERS + ([V] if st["id"] in MEMBER_READ_STATES else [])
    return {
        "Access contents information": readers,
        "View": readers,
        "List folder contents": readers,
        "Add portal content": edit,
        "Modify portal content": edit,
        "plone.app.contenttypes: Add File": edit,
        "plone.app.contenttypes: Add Image": edit,
        CONTENT_PERM: content,
        # Versions (and annexes' versions) are read by the act's readers; putting
        # an old version back changes the content, which is frozen at adoption.
        "CMFEditions: Access previous versions": READERS,
        "CMFEditions: Save new version": edit,
        "CMFEditions: Apply version control": edit,
        "CMFEditions: Revert to previous versions": content,
        "CMFEditions: Checkout to location": admins,
        # A copy starts as a new draft without number (the copy subscriber
        # clears it); moving a numbered act is refused to everyone.
        "Copy or Move": admins + [E, R, S],
        "Manage properties": admins,
        "Modify constrain types": admins,
        "Modify view template": admins,
        # A numbered act is never deleted (a subscriber refuses it even to Managers).
        "Delete objects": (admins + st["delete"]) if st["delete"] or st["id"] == "draft" else [],
        "Review portal content": [M, SA, R, S],
        "Change local roles": admins,
        # Asking follows who edits the act; giving belongs to the adviser alone
        # (the code also checks that the user is in the group that was asked).
        ASK_ADVICE: edit if st["id"] in ADVICE_STATES else [],
        GIVE_ADVICE: [A] if st["id"] in ADVICE_STATES else [],
        "Sharing page: Delegate roles": admins,
        **{p: admins for p in ADMIN_ONLY_MORE + [ADD_FOLDER]},
    }


NOTES = """- The act is never visible to anonymous users, in any state: `publish`
  creates a separate, frozen public version in the municipality's
  `publications` folder (`publications/{year}/{body}/{n}`); an erratum creates
  the next one. Refusals (personal data not decided, PDF failure) come from
  the BeforeTransition subscriber.
- Access comes from the responsible service (ServiceEditor / ServiceReviewer via
  the `borg.localrole` adapter), the secretariat and the college (local roles on
  the municipality): agents of other services and other municipalities see
  nothing of the act.
- Refusals with a reason (session date missing or in the future at adoption,
  votes that do not add up, missing comment) come from a BeforeTransition
  subscriber (`acts/workflow.py`): 400 over REST, an error in the form.
- Advice (`acts/advice.py`): asking grants the adviser's group the local role
  MunicipalAdviser on that act only; `validate`, `resume` and `adopt` are
  refused while a compulsory or asked advice is neither given nor past its
  delay.
- Corrections of an adopted act's content: only the secretariat, through
  `@@act-correction`, with a required comment that the form records in the
  workflow history.
- Under a general tutelle the act becomes executory as soon as it is
  transmitted (`transmit` is followed by `declare_executory` automatically);
  annulment may still come later (`annul` from executory)."""
