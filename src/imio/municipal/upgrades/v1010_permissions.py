"""1009 -> 1010: the product's own roles instead of Plone's generic ones.

Earlier versions gave the services' groups Contributor on the dossiers,
actes and pic folders, each secretariat Contributor on the shared-projects
folder and Contributor, Editor and Reviewer on its municipality. Those roles
carry permissions no workflow mapped (CMFEditions' access to versions, that
``@history`` needs, among others), inherited by every object inside. This
step re-imports the role map and the workflows (which now map those
permissions in every state), replaces the generic roles of the
municipalities' groups by ``MunicipalCreator`` / ``MunicipalSecretary``, and
updates the role mappings and security indexes of existing objects.
"""

from imio.municipal import logger
from imio.municipal.platform.groups import CREATOR_ROLES
from imio.municipal.platform.groups import grant_local_roles
from imio.municipal.platform.groups import LEGACY_ROLES
from imio.municipal.platform.groups import SERVICE_WORK_FOLDERS
from imio.municipal.platform.structure import SHARED_PROJECTS_ID
from plone import api


PROFILE = "profile-imio.municipal:default"
STEPS = ("rolemap", "workflow")


def _swap_legacy_roles(obj, prefix: str, creator: bool) -> bool:
    """Drop the generic roles of the groups named ``prefix...`` on obj; where
    they could add (Contributor) and ``creator``, they get CREATOR_ROLES.
    Covers the groups of removed services kept for their members too."""
    changed = False
    for principal, roles in obj.get_local_roles():
        if not principal.startswith(prefix) or not set(roles) & set(LEGACY_ROLES):
            continue
        wanted = set(roles) - set(LEGACY_ROLES)
        if creator and "Contributor" in roles:
            wanted |= set(CREATOR_ROLES)
        if wanted:
            obj.manage_setLocalRoles(principal, sorted(wanted))
        else:
            obj.manage_delLocalRoles([principal])
        changed = True
    return changed


def upgrade(context):
    setup_tool = api.portal.get_tool("portal_setup")
    for step in STEPS:
        setup_tool.runImportStepFromProfile(PROFILE, step, run_dependencies=False)
    portal = api.portal.get()
    projects = portal.get(SHARED_PROJECTS_ID)
    changed = {}
    for brain in api.content.find(portal_type="Municipality", unrestricted=True):
        municipality = brain._unrestrictedGetObject()
        prefix = f"{municipality.ins_code}_"
        targets = [(municipality, False), (projects, True)]
        targets += [(municipality.get(folder_id), True) for folder_id in SERVICE_WORK_FOLDERS]
        for obj, creator in targets:
            if obj is not None and _swap_legacy_roles(obj, prefix, creator):
                changed[obj.getPhysicalPath()] = obj
        grant_local_roles(municipality)
    for obj in changed.values():
        obj.reindexObjectSecurity()
    count = api.portal.get_tool("portal_workflow").updateRoleMappings()
    logger.info(
        "Generic roles replaced on %s objects; %s objects got new role mappings",
        len(changed),
        count,
    )
