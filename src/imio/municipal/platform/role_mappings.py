"""A workflow's per-state permissions set in one pass over the object's permissions.

DCWorkflow sets each managed permission of the new state on the object with
``modifyRolesForPermission``, which gathers every permission the object's
class hierarchy defines (hundreds) to find the one it changes. The
product's workflows decide about fifty permissions per state, so a
transition gathered them fifty times. Here they are gathered once per call;
the roles set are the same.
"""

from AccessControl.Permission import Permission
from Products.DCWorkflow.utils import ac_inherited_permissions
from Products.DCWorkflow.utils import modifyRolesForGroup


def attributes_by_permission(ob) -> dict:
    """Permission name -> the attributes it protects, the first definition
    winning (as DCWorkflow's search does)."""
    found = {}
    for permission in ac_inherited_permissions(ob, 1):
        found.setdefault(permission[0], permission[1])
    return found


def update_role_mappings_for(self, ob):
    """DCWorkflowDefinition.updateRoleMappingsFor, gathering permissions once."""
    changed = 0
    sdef = self._getWorkflowStateOf(ob)
    if sdef is None:
        return 0
    if self.permissions:
        protected = attributes_by_permission(ob)
        for name in self.permissions:
            roles = []
            if sdef.permission_roles is not None:
                roles = sdef.permission_roles.get(name, roles)
            permission = Permission(name, protected.get(name, ()), ob)
            if permission.getRoles() != roles:
                permission.setRoles(roles)
                changed = 1
    groups = self.getGroups()
    managed_roles = self.getRoles()
    if groups and managed_roles:
        for group in groups:
            roles = ()
            if sdef.group_roles is not None:
                roles = sdef.group_roles.get(group, ())
            if modifyRolesForGroup(ob, group, roles, managed_roles):
                changed = 1
    return changed
