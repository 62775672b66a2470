"""The full permission matrix: every product type, every workflow state.

For each permission that can reveal or change content, the roles that hold it
are written here by hand, state by state, and compared with what Zope
computes (workflow mappings, acquisition, the site's role map). A permission
left to Plone's defaults would show its generic roles (Contributor, Editor,
Reviewer, Owner...) and fail. Then each demo login is checked on real objects:
the roles it holds there (a compact expectation per login) must give exactly
the permissions the table says.

States are set directly (setStatusOf + updateRoleMappingsFor): the role
mapping of a state does not depend on how the object got there. The
transitions themselves are tested in tests/dossiers and tests/acts.
"""

from AccessControl.PermissionRole import rolesForPermissionOn
from DateTime import DateTime
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import build_investment
from imio.municipal.demo.builders import build_plan
from imio.municipal.demo.builders import build_project
from imio.municipal.demo.builders import PLACEHOLDER_PDF
from imio.municipal.testing import forget_cached_local_roles
from plone import api
from plone.app.testing import logout
from plone.namedfile.file import NamedBlobFile
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


VIEW = "View"
ACI = "Access contents information"
LIST = "List folder contents"
MODIFY = "Modify portal content"
DELETE = "Delete objects"
COPY = "Copy or Move"
REVIEW = "Review portal content"
ADD = "Add portal content"
ADD_FILE = "plone.app.contenttypes: Add File"
ADD_IMAGE = "plone.app.contenttypes: Add Image"
ADD_FOLDER = "plone.app.contenttypes: Add Folder"
VERSIONS = "CMFEditions: Access previous versions"
SAVE = "CMFEditions: Save new version"
APPLY = "CMFEditions: Apply version control"
REVERT = "CMFEditions: Revert to previous versions"
CHECKOUT = "CMFEditions: Checkout to location"
EDIT_ACT = "imio.municipal: Edit act content"
ASK_ADVICE = "imio.municipal: Ask advice"
GIVE_ADVICE = "imio.municipal: Give advice"
ADD_INVESTMENT = "imio.municipal: Add Investment"
ATTACH = "imio.municipal: Attach approving act"
PRODUCT_ADD = {
    "DossierFolder": "imio.municipal: Add Dossier",
    "ActRegister": "imio.municipal: Add Act",
    "InvestmentFolder": "imio.municipal: Add InvestmentPlan",
    "SharedProjectsFolder": "imio.municipal: Add SharedProject",
}
# Never anyone's but the platform admins', on every product object.
ADMIN_ONLY = (
    CHECKOUT,
    "Change local roles",
    "Sharing page: Delegate roles",
    "Manage properties",
    "Modify view template",
    "Modify constrain types",
    # Plone's role map gives these to Owner (some to Contributor, Editor or
    # Reader): each reveals or changes content, so no workflow lets them be
    # acquired.
    "Access inactive portal content",
    "Add portal events",
    "Add portal folders",
    "FTP access",
    "Manage Context Aliases",
    "Set Group Ownership",
    "Sharing page: Delegate Contributor role",
    "Sharing page: Delegate Editor role",
    "Sharing page: Delegate Reader role",
    "Sharing page: Delegate Reviewer role",
    "Take ownership",
    "Undo changes",
    "View management screens",
    "WebDAV Lock items",
    "WebDAV Unlock items",
    "plone.app.contenttypes: Add Collection",
    "plone.app.contenttypes: Add Document",
    "plone.app.contenttypes: Add Event",
    "plone.app.contenttypes: Add Link",
    "plone.app.contenttypes: Add News Item",
    "plone.app.event: Import Ical",
    "plone.portlet.collection: Add collection portlet",
    "plone.portlet.static: Add static portlet",
)
# Owner may hold these on product content: they act on the site or the user,
# not on the object (no workflow uses "Request review" as a guard).
OWNER_SITE_LEVEL = ("Add portal member", "Request review", "View Groups")

ROLES = {
    "A": ("Manager", "Site Administrator"),
    "Anon": ("Anonymous",),
    "Mem": ("Member",),
    "St": ("MunicipalStaff",),
    "S": ("MunicipalSecretary",),
    "C": ("MunicipalCollege",),
    "Cr": ("MunicipalCreator",),
    "E": ("ServiceEditor",),
    "R": ("ServiceReviewer",),
    "PC": ("ProjectCoordinator",),
    "P": ("ProjectPartner",),
    "L": ("ProjectLeadMember",),
    "PM": ("ProjectPartnerMember",),
    "O": ("Owner",),
    "Ad": ("MunicipalAdviser",),
    "V": ("SessionMember",),
}


def roles(spec: str) -> frozenset:
    """'A E R' -> the role names; platform admins (A) are always written."""
    return frozenset(name for abbrev in spec.split() for name in ROLES[abbrev])


def row(see, edit="A", delete="A", review="A", copy="A", revert=None, add=None, **extra):
    """One state: permission -> roles. `see` covers reading the object and its
    versions; `edit` changing it, saving versions and adding annexes."""
    table = {p: roles(see) for p in (VIEW, ACI, LIST, VERSIONS)}
    table.update({p: roles(edit) for p in (MODIFY, SAVE, APPLY)})
    table.update({p: roles(add or edit) for p in (ADD, ADD_FILE, ADD_IMAGE)})
    table[REVERT] = roles(edit if revert is None else revert)
    table[DELETE] = roles(delete)
    table[COPY] = roles(copy)
    table[REVIEW] = roles(review)
    table.update({p: roles("A") for p in ADMIN_ONLY})
    table[ADD_FOLDER] = roles("A")
    table.update({p: roles(r) for p, r in extra.items()})
    return table


def folder_row(see, add, **extra):
    table = row(see, add=add, **extra)
    # Folders hold no versions and no annexes.
    table.update({p: roles("A") for p in (VERSIONS, SAVE, APPLY, REVERT, ADD_FILE, ADD_IMAGE)})
    return table


# ---- Structure -----------------------------------------------------------
# Renaming an item checks "Copy or Move" on its folder: who adds there renames.
INTERNAL_FOLDER = folder_row("A St", add="A Cr S", copy="A Cr S", **{EDIT_ACT: "A Cr S"})
EXPECTED_STRUCTURE = {
    "Municipality": folder_row("Anon", add="A", edit="A S"),
    "DossierFolder": INTERNAL_FOLDER | {PRODUCT_ADD["DossierFolder"]: roles("A Cr S")},
    "ActRegister": INTERNAL_FOLDER | {PRODUCT_ADD["ActRegister"]: roles("A Cr S")},
    "InvestmentFolder": INTERNAL_FOLDER | {PRODUCT_ADD["InvestmentFolder"]: roles("A Cr S")},
    "PublicationFolder": folder_row("Anon", add="A"),
    "SharedProjectsFolder": folder_row("A Mem", add="A Cr")
    | {PRODUCT_ADD["SharedProjectsFolder"]: roles("A Cr")},
}

# ---- Case files (municipal_dossier_workflow) ------------------------------
SERVICE = "A E R S C"
# A copy starts as a new draft without reference (its maker's work), so the
# service and the secretariat copy in every state; moving a received file is
# refused to everyone by a subscriber, whatever the permission.
COPIERS = "A E R S"
_dossier_work = row(SERVICE, edit="A E R", review="A R S", copy=COPIERS)
_dossier_secretariat = row(SERVICE, edit="A S", review="A R S", copy=COPIERS)
_dossier_final = row(SERVICE, review="A R S", copy=COPIERS)
EXPECTED_DOSSIER = {
    # A draft has no reference yet: the service may still delete it.
    "draft": row(SERVICE, edit="A E R", delete="A E R", review="A R S", copy=COPIERS),
    "received": _dossier_work,
    "incomplete": _dossier_work,
    "in_progress": _dossier_work,
    "submitted": _dossier_work,
    "proposed": _dossier_secretariat,
    "decided": _dossier_secretariat,
    "transmitted": _dossier_final,
    "closed": _dossier_final,
    "withdrawn": _dossier_final,
    "inadmissible": _dossier_final,
}


# ---- Acts (municipal_act_workflow) ---------------------------------------
def act_row(edit, content, delete="", advice=False, members_read=True):
    # Putting an old version back goes with the act's content, frozen at
    # adoption; a copy starts as a new draft without number. The adviser asked
    # (Ad, a local role on that act only) reads it; advice is asked by who edits
    # and given by the adviser alone, until adoption. The members of a convened
    # session's body (V, a local role on its items' acts) read the act itself,
    # never its earlier versions.
    readers = SERVICE + " Ad" + (" V" if members_read else "")
    return row(
        readers,
        edit=edit,
        revert=content,
        copy=COPIERS,
        delete=delete,
        review="A R S",
        **{
            EDIT_ACT: content,
            ASK_ADVICE: edit if advice else "",
            GIVE_ADVICE: "Ad" if advice else "",
            VERSIONS: SERVICE + " Ad",
        },
    )


# A numbered act is never deleted, not even by platform admins; its content
# is frozen for everyone (the secretariat corrects it through its own form).
_act_numbered = act_row(edit="A S", content="")
_act_closed = act_row(edit="A", content="")
EXPECTED_ACT = {
    "draft": act_row(
        edit="A E R S", content="A E R S", delete="A E R S", advice=True, members_read=False
    ),
    "proposed": act_row(
        edit="A R S", content="A R S", delete="A S", advice=True, members_read=False
    ),
    "validated": act_row(edit="A S", content="A S", delete="A S", advice=True),
    "postponed": act_row(edit="A S", content="A S", delete="A S", advice=True),
    "refused": act_row(edit="A", content="", delete="A S"),
    "adopted": _act_numbered,
    "transmitted": _act_numbered,
    "executory": _act_numbered,
    "published": _act_numbered,
    "annulled": _act_closed,
}


# ---- PIC plans (municipal_pic_workflow) ------------------------------------
def pic_row(edit, delete="A", copy="A"):
    # A plan holds investment sheets only.
    return row(
        SERVICE,
        edit=edit,
        delete=delete,
        copy=copy,
        review="A R S",
        **{ADD_INVESTMENT: edit, ADD_FILE: "A", ADD_IMAGE: "A"},
    )


EXPECTED_PIC = {
    "draft": pic_row("A E R S", delete="A E R S", copy="A E R S"),
    "approved_council": pic_row("A"),
    "transmitted": pic_row("A"),
    "to_correct": pic_row("A E R S"),
    "approved_region": pic_row("A"),
}


# ---- Shared projects (municipal_shared_project_workflow) -------------------
def project_row(see, add, attach="A", review="A PC"):
    # Whoever uploaded a document (Owner) may change or remove it while
    # documents may be added; a closed or cancelled project is frozen.
    edit = "A PC O" if add != "A" else "A"
    return row(
        see,
        edit=edit,
        add=add,
        delete=edit,
        copy=edit,
        review=review,
        **{ADD_FOLDER: add, ATTACH: attach},
    )


EXPECTED_PROJECT = {
    "draft": project_row("A PC L", add="A PC", attach="A PC"),
    "proposed": project_row("A PC L P PM", add="A PC P", attach="A PC P"),
    "active": project_row("A PC L P PM", add="A PC P"),
    "closed": project_row("A PC L P PM", add="A", review="A"),
    "cancelled": project_row("A PC L P PM", add="A", review="A"),
}

EXPECTED_CONTENT = {
    "Dossier": EXPECTED_DOSSIER,
    "Act": EXPECTED_ACT,
    "InvestmentPlan": EXPECTED_PIC,
    "SharedProject": EXPECTED_PROJECT,
}
# What an annex or a sheet must never have more of than its container.
FOLLOWED = (VIEW, ACI, LIST, MODIFY, DELETE, COPY, VERSIONS, SAVE, APPLY, REVERT, CHECKOUT)


def effective(obj, permission) -> frozenset:
    return frozenset(rolesForPermissionOn(permission, obj))


def force_state(obj, state):
    """Put obj in a state and apply that state's role mappings."""
    tool = api.portal.get_tool("portal_workflow")
    (workflow_id,) = tool.getChainFor(obj)
    status = {"review_state": state, "action": None, "actor": "test", "comments": ""}
    tool.setStatusOf(workflow_id, obj, status | {"time": DateTime()})
    tool.getWorkflowById(workflow_id).updateRoleMappingsFor(obj)


def add_annex(container, uploader, portal_type="File"):
    """An annex as if uploaded by ``uploader`` (its Owner)."""
    fields = (
        {"file": NamedBlobFile(PLACEHOLDER_PDF, filename="a.pdf")} if portal_type == "File" else {}
    )
    with api.env.adopt_roles(["Manager"]):
        annex = api.content.create(
            container=container,
            type=portal_type,
            id=f"annex-{portal_type.lower()}",
            title="Annexe",
            **fields,
        )
    annex.manage_setLocalRoles(uploader, ["Owner"])
    return annex


@pytest.fixture
def objects(portal):
    """One object of each product type (Namur; the project led by Namur with
    Gembloux as partner), each with an annex where the type takes one."""
    dossier = build_dossier(portal)
    act = build_act(portal)
    plan = build_plan(portal)
    project = build_project(portal)
    return {
        "Dossier": dossier,
        "Act": act,
        "InvestmentPlan": plan,
        "SharedProject": project,
        "annexes": {
            "Dossier": [add_annex(dossier, "namur-agent-urbanisme", t) for t in ("File", "Image")],
            "Act": [add_annex(act, "namur-agent-finances")],
            "InvestmentPlan": [build_investment(plan)],
            "SharedProject": [
                add_annex(project, "gembloux-secretaire", t) for t in ("File", "Folder")
            ],
        },
    }


def _structure(portal):
    namur = portal["namur"]
    return {
        "Municipality": namur,
        "DossierFolder": namur["dossiers"],
        "ActRegister": namur["actes"],
        "InvestmentFolder": namur["pic"],
        "PublicationFolder": namur["publications"],
        "SharedProjectsFolder": portal["shared-projects"],
    }


def mismatches(obj, expected):
    return {
        permission: (sorted(effective(obj, permission)), sorted(wanted))
        for permission, wanted in expected.items()
        if effective(obj, permission) != wanted
    }


def test_every_workflow_state_is_in_the_table(portal):
    tool = api.portal.get_tool("portal_workflow")
    for portal_type, table in EXPECTED_CONTENT.items():
        (workflow_id,) = tool.getChainForPortalType(portal_type)
        states = tool.getWorkflowById(workflow_id).states.objectIds()
        assert sorted(states) == sorted(table), portal_type


def test_structure_matrix(portal):
    found = {
        portal_type: mismatches(obj, EXPECTED_STRUCTURE[portal_type])
        for portal_type, obj in _structure(portal).items()
    }
    assert found == {portal_type: {} for portal_type in EXPECTED_STRUCTURE}


def test_public_versions_follow_the_publications_folder(portal):
    catalog = api.portal.get_tool("portal_catalog")
    versions = catalog.unrestrictedSearchResults(portal_type="PublicVersion")
    assert versions
    public = versions[0]._unrestrictedGetObject()
    expected = EXPECTED_STRUCTURE["PublicationFolder"]
    assert mismatches(public, {p: expected[p] for p in FOLLOWED}) == {}


def owner_undecided(portal, obj, table) -> list[str]:
    """The permissions Owner holds on obj that the table does not decide."""
    every = sorted(name for name, *_rest in portal.ac_inherited_permissions(1))
    return [
        p
        for p in every
        if "Owner" in effective(obj, p) and p not in table and p not in OWNER_SITE_LEVEL
    ]


def test_owner_holds_nothing_undecided_on_product_content(portal, objects):
    found = {}
    for portal_type, obj in _structure(portal).items():
        found[portal_type] = owner_undecided(portal, obj, EXPECTED_STRUCTURE[portal_type])
    catalog = api.portal.get_tool("portal_catalog")
    public = catalog.unrestrictedSearchResults(portal_type="PublicVersion")[0]
    found["PublicVersion"] = owner_undecided(
        portal, public._unrestrictedGetObject(), EXPECTED_STRUCTURE["PublicationFolder"]
    )
    for portal_type, states in EXPECTED_CONTENT.items():
        obj = objects[portal_type]
        for state, table in states.items():
            force_state(obj, state)
            found[f"{portal_type} {state}"] = owner_undecided(portal, obj, table)
            for annex in objects["annexes"][portal_type]:
                key = f"{portal_type} {state} {annex.portal_type}"
                found[key] = owner_undecided(portal, annex, table)
    assert found == {key: [] for key in found}


@pytest.mark.parametrize("portal_type", sorted(EXPECTED_CONTENT))
def test_content_matrix(portal, objects, portal_type):
    obj = objects[portal_type]
    found = {}
    for state, expected in EXPECTED_CONTENT[portal_type].items():
        force_state(obj, state)
        wrong = mismatches(obj, expected)
        for annex in objects["annexes"][portal_type]:
            # Annexes and sheets have no workflow: they follow their container.
            wrong |= {
                f"{annex.portal_type}: {key}": value
                for key, value in mismatches(annex, {p: expected[p] for p in FOLLOWED}).items()
            }
        found[state] = wrong
    assert found == {state: {} for state in EXPECTED_CONTENT[portal_type]}


# ---- Demo logins -------------------------------------------------------------
# The roles each login holds on each object (besides Authenticated/Member).
# "dossier" is an urbanism case file created by namur-agent-urbanisme;
# "moved dossier" the same once given to the travaux service: its creator
# keeps only Owner there, which must open nothing.
ANON, ADMIN = None, "platform-admin"
LOGINS = (
    "namur-agent-urbanisme",
    "namur-chef-urbanisme",
    "namur-agent-travaux",
    "namur-agent-finances",
    "namur-chef-finances",
    "namur-secretaire",
    "namur-college",
    "gembloux-agent-urbanisme",
    "gembloux-secretaire",
    ADMIN,
    ANON,
)
STAFF = "St"
LOGIN_ROLES = {
    "Municipality": {
        "namur-agent-urbanisme": STAFF,
        "namur-chef-urbanisme": STAFF,
        "namur-agent-travaux": STAFF,
        "namur-agent-finances": STAFF,
        "namur-chef-finances": STAFF,
        "namur-secretaire": "St S",
        "namur-college": "St C",
    },
    # dossiers, actes and pic: every service may add.
    "work folder": {
        "namur-agent-urbanisme": "St Cr",
        "namur-chef-urbanisme": "St Cr",
        "namur-agent-travaux": "St Cr",
        "namur-agent-finances": "St Cr",
        "namur-chef-finances": "St Cr",
        "namur-secretaire": "St S",
        "namur-college": "St C",
    },
    "SharedProjectsFolder": {"namur-secretaire": "Cr", "gembloux-secretaire": "Cr"},
    "dossier": {
        "namur-agent-urbanisme": "St Cr E O",
        "namur-chef-urbanisme": "St Cr R",
        "namur-agent-travaux": "St Cr",
        "namur-agent-finances": "St Cr",
        "namur-chef-finances": "St Cr",
        "namur-secretaire": "St S",
        "namur-college": "St C",
    },
    "moved dossier": {
        "namur-agent-urbanisme": "St Cr O",
        "namur-chef-urbanisme": "St Cr",
        "namur-agent-travaux": "St Cr E",
        "namur-agent-finances": "St Cr",
        "namur-chef-finances": "St Cr",
        "namur-secretaire": "St S",
        "namur-college": "St C",
    },
    "act": {
        "namur-agent-urbanisme": "St Cr",
        "namur-chef-urbanisme": "St Cr",
        "namur-agent-travaux": "St Cr",
        "namur-agent-finances": "St Cr E O",
        "namur-chef-finances": "St Cr R",
        "namur-secretaire": "St S",
        "namur-college": "St C",
    },
    "plan": {
        "namur-agent-urbanisme": "St Cr",
        "namur-chef-urbanisme": "St Cr",
        "namur-agent-travaux": "St Cr",
        "namur-agent-finances": "St Cr E O",
        "namur-chef-finances": "St Cr R",
        "namur-secretaire": "St S",
        "namur-college": "St C",
    },
    "project": {
        "namur-agent-urbanisme": "L",
        "namur-chef-urbanisme": "L",
        "namur-agent-travaux": "L",
        "namur-agent-finances": "L",
        "namur-chef-finances": "L",
        "namur-secretaire": "Cr PC O L",
        "namur-college": "L",
        "gembloux-agent-urbanisme": "PM",
        "gembloux-secretaire": "Cr P PM",
    },
}
# Global roles: platform admins are Site Administrator everywhere.
GLOBAL = {ADMIN: "A"}
IGNORED = {"Authenticated", "Member", "Anonymous", "Manager"}


def roles_of(login, obj) -> frozenset:
    forget_cached_local_roles(api.portal.get().REQUEST)
    if login is None:
        return frozenset()
    return frozenset(api.user.get_roles(username=login, obj=obj)) - IGNORED


def expected_roles(kind, login) -> frozenset:
    spec = " ".join(filter(None, (LOGIN_ROLES[kind].get(login), GLOBAL.get(login))))
    return roles(spec) - IGNORED


def permissions_of(login, obj, permissions) -> set:
    forget_cached_local_roles(api.portal.get().REQUEST)
    if login is None:
        logout()
        return {p for p in permissions if api.user.has_permission(p, obj=obj)}
    with api.env.adopt_user(username=login):
        return {p for p in permissions if api.user.has_permission(p, obj=obj)}


def granted_by_table(login, roles_held, table) -> set:
    held = set(roles_held) | ({"Anonymous"} if login is None else {"Anonymous", "Authenticated"})
    if login is not None:
        held.add("Member")
    return {p for p, allowed in table.items() if held & allowed}


def check_login(login, kind, obj, table):
    held = roles_of(login, obj)
    assert held == expected_roles(kind, login), (login, kind)
    assert permissions_of(login, obj, table) == granted_by_table(login, held, table), (login, kind)


STRUCTURE_KIND = {
    "Municipality": "Municipality",
    "PublicationFolder": "Municipality",
    "DossierFolder": "work folder",
    "ActRegister": "work folder",
    "InvestmentFolder": "work folder",
    "SharedProjectsFolder": "SharedProjectsFolder",
}


@pytest.mark.parametrize("login", LOGINS, ids=[login or "anonymous" for login in LOGINS])
def test_demo_logins_on_the_structure(portal, login):
    for portal_type, obj in _structure(portal).items():
        check_login(login, STRUCTURE_KIND[portal_type], obj, EXPECTED_STRUCTURE[portal_type])


@pytest.mark.parametrize("login", LOGINS, ids=[login or "anonymous" for login in LOGINS])
def test_demo_logins_on_content_in_every_state(portal, objects, login):
    moved = build_dossier(portal, title="Dossier confié aux travaux")
    moved.responsible_service = "travaux"
    notify(ObjectModifiedEvent(moved))
    cases = (
        ("dossier", objects["Dossier"], EXPECTED_DOSSIER),
        ("moved dossier", moved, EXPECTED_DOSSIER),
        ("act", objects["Act"], EXPECTED_ACT),
        ("plan", objects["InvestmentPlan"], EXPECTED_PIC),
        ("project", objects["SharedProject"], EXPECTED_PROJECT),
    )
    for kind, obj, states in cases:
        for state, table in states.items():
            force_state(obj, state)
            check_login(login, kind, obj, table)
