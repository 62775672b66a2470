"""Keep the Plone groups and local roles of a municipality in sync."""

from imio.municipal import logger
from imio.municipal.platform import naming
from imio.municipal.platform.structure import SHARED_PROJECTS_ID
from plone import api


# Local roles on the Municipality, inherited by everything inside it. Each
# workflow state maps its permissions to these roles explicitly, so a role
# means only what the states say (e.g. MunicipalStaff: "may see this
# municipality's internal folders", not its dossiers). Plone's generic roles
# (Contributor, Editor, Reviewer) are never granted: they carry permissions
# no workflow of the product maps (e.g. CMFEditions' access to versions).
STAFF_ROLES = ("MunicipalStaff",)
# The secretariat (directeur général) runs the municipality and its register.
SECRETARIES_ROLES = ("MunicipalSecretary",)
# College members read everything of their municipality.
COLLEGE_ROLES = ("MunicipalCollege",)
# The data-protection officer reads the access journal and answers requests.
DPO_ROLES = ("DataProtectionOfficer",)
# On the dossiers, actes and pic folders: the services' agents and heads
# create case files, draft acts and build PIC plans. MunicipalCreator only
# adds: what it may see or change inside is the workflows' business.
CREATOR_ROLES = ("MunicipalCreator",)
SERVICE_WORK_FOLDERS = ("dossiers", "actes", "pic")
# In the site-level shared-projects folder, each secretariat starts the
# projects its municipality leads (see content/shared_project.check_lead).
PROJECT_STARTER_ROLES = ("MunicipalCreator",)
# Roles earlier versions granted instead (replaced by the 1010 upgrade).
LEGACY_ROLES = ("Contributor", "Editor", "Reviewer")


def _group_source():
    return api.portal.get_tool("acl_users").source_groups


def _group_members(group_id: str) -> list:
    """Users and groups directly in a group, read from the group source
    (building each member's user or group object costs milliseconds: with
    thousands of groups, onboarding spent most of its time there)."""
    return list(_group_source().getGroupMembers(group_id))


def _is_group(principal_id: str) -> bool:
    try:
        return bool(_group_source().getGroupInfo(principal_id))
    except KeyError:
        return False


def _ensure_group(spec: naming.GroupSpec) -> None:
    group = api.group.get(groupname=spec.id)
    if group is None:
        api.group.create(groupname=spec.id, title=spec.title)
        logger.info("Created group %s", spec.id)
    elif group.getProperty("title") != spec.title:
        group.setGroupProperties({"title": spec.title})
    if spec.parent and spec.id not in _group_members(spec.parent):
        api.portal.get_tool("portal_groups").addPrincipalToGroup(spec.id, spec.parent)


def _grant(obj, wanted: dict) -> None:
    """Give each principal at least these local roles and none of the legacy
    generic ones; reindex if changed."""
    changed = False
    for principal, roles in wanted.items():
        current = set(obj.get_local_roles_for_userid(principal))
        target = (current - set(LEGACY_ROLES)) | set(roles)
        if target != current:
            obj.manage_setLocalRoles(principal, sorted(target))
            changed = True
    if changed:
        obj.reindexObjectSecurity()


def grant_local_roles(municipality) -> None:
    """Give the municipality's groups their local roles (see _grant)."""
    _grant_local_roles(municipality, municipality.ins_code, list(municipality.services or []))


def _grant_local_roles(municipality, ins_code: str, services: list) -> None:
    _grant(
        municipality,
        {
            naming.staff_group(ins_code): STAFF_ROLES,
            naming.secretaries_group(ins_code): SECRETARIES_ROLES,
            naming.college_group(ins_code): COLLEGE_ROLES,
            naming.dpo_group(ins_code): DPO_ROLES,
        },
    )
    wanted = {}
    for service in services:
        for group_id in naming.service_groups(ins_code, service["id"]):
            wanted[group_id] = CREATOR_ROLES
    for folder_id in SERVICE_WORK_FOLDERS:
        folder = municipality.get(folder_id)
        if folder is not None:
            _grant(folder, wanted)
    projects = api.portal.get().get(SHARED_PROJECTS_ID)
    if projects is not None:
        _grant(projects, {naming.secretaries_group(ins_code): PROJECT_STARTER_ROLES})


def _drop_local_roles(obj, principal: str) -> None:
    if obj is not None and obj.get_local_roles_for_userid(principal):
        obj.manage_delLocalRoles([principal])
        obj.reindexObjectSecurity()


def _obsolete_service_groups(ins_code: str, services: list) -> list[str]:
    """Existing service groups of this municipality whose service is gone."""
    current = {row["id"] for row in services}
    prefix = f"{ins_code}_"
    obsolete = []
    for group_id in api.portal.get_tool("portal_groups").getGroupIds():
        if not group_id.startswith(prefix):
            continue
        service = naming.service_of_group(ins_code, group_id)
        if service and service not in current:
            obsolete.append(group_id)
    return sorted(obsolete)


def sync_municipality_groups(municipality) -> list[str]:
    """Create the groups the municipality needs, drop emptied service groups.

    Returns the ids of removed services' groups that were kept because they
    still have members (the editor is told to move them first).
    """
    ins_code = municipality.ins_code
    services = list(municipality.services or [])
    for spec in naming.municipality_groups(ins_code, municipality.title, services):
        _ensure_group(spec)
    kept = []
    for group_id in _obsolete_service_groups(ins_code, services):
        if _group_members(group_id):
            kept.append(group_id)
        else:
            api.group.delete(groupname=group_id)
            for folder_id in SERVICE_WORK_FOLDERS:
                _drop_local_roles(municipality.get(folder_id), group_id)
            logger.info("Deleted group %s of a removed service", group_id)
    _grant_local_roles(municipality, ins_code, services)
    return kept


def users_of_group(group_id: str, _seen=None) -> list:
    """The users of a group and of the groups nested in it (e.g. {ins}_staff)."""
    seen = set() if _seen is None else _seen
    if group_id in seen:
        return []
    seen.add(group_id)
    users = {}
    for member_id in _group_members(group_id):
        if _is_group(member_id):
            for user in users_of_group(member_id, seen):
                users[user.getId()] = user
        else:
            user = api.user.get(userid=member_id)
            if user is not None:
                users[user.getId()] = user
    return list(users.values())


def principals_in_group(group_id: str) -> tuple[list[str], list[str]]:
    """(group ids, user ids) of a group, the groups nested in it and their
    members, read from the group source alone: for {ins}_staff, the
    municipality's groups and people, whatever the size of the platform."""
    source = _group_source()
    groups, users, todo = {}, {}, [group_id]
    while todo:
        current = todo.pop()
        if current in groups or source._groups.get(current) is None:
            continue
        groups[current] = None
        for member_id in source.getGroupMembers(current):
            if source._groups.get(member_id) is not None:
                todo.append(member_id)
            else:
                users[member_id] = None
    return list(groups), list(users)


def is_platform_admin() -> bool:
    return api.user.has_permission("Manage portal", obj=api.portal.get())


def secretariats_of_current_user(ins_codes) -> list[str]:
    """Those of ``ins_codes`` whose secretariat the current user belongs to
    (all of them for platform admins), in their order."""
    if is_platform_admin():
        return list(ins_codes)
    groups = {group.getId() for group in api.group.get_groups(user=api.user.get_current())}
    return [code for code in ins_codes if naming.secretaries_group(code) in groups]


def services_of_current_user(ins_code: str) -> list[str] | None:
    """The services of this municipality the current user works in; None when
    the user may route work to any service (its secretariat, platform admins)."""
    if secretariats_of_current_user([ins_code]):
        return None
    groups = {group.getId() for group in api.group.get_groups(user=api.user.get_current())}
    return sorted({s for g in groups if (s := naming.service_of_group(ins_code, g)) is not None})
