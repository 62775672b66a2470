"""The index linking case files to citizens: their applicants' NISS (or BIS number)."""

from AccessControl.PermissionRole import rolesForPermissionOn
from imio.municipal.counter.citizens import CITIZEN_PREFIX
from imio.municipal.counter.citizens import CITIZEN_ROLES
from imio.municipal.counter.citizens import compact_identity_number
from imio.municipal.interfaces import IDossier
from plone.dexterity.interfaces import IDexterityContent
from plone.indexer import indexer
from Products.CMFPlone.CatalogTool import allowedRolesAndUsers as plone_allowed_roles_and_users


CITIZEN_TOKEN = "user:" + CITIZEN_PREFIX


@indexer(IDossier)
def applicant_niss(obj):
    found = {compact_identity_number(row.get("niss")) for row in (obj.applicants or [])}
    return tuple(sorted(niss for niss in found if niss))


@indexer(IDexterityContent)
def allowed_roles_and_users(obj):
    """Plone's index of who may list an item, minus the citizens who hold no
    citizen role there: a staff local role granted to a citizen account must
    not reveal the item in searches any more than it opens it."""
    tokens = plone_allowed_roles_and_users.callable(obj)
    citizen_tokens = [token for token in tokens if token.startswith(CITIZEN_TOKEN)]
    if not citizen_tokens:
        return tokens
    local_roles = obj.acl_users._getAllLocalRoles(obj)
    allowed = set(rolesForPermissionOn("Access contents information", obj)) & CITIZEN_ROLES
    return [
        token
        for token in tokens
        if not token.startswith(CITIZEN_TOKEN)
        or allowed & set(local_roles.get(token.removeprefix("user:"), ()))
    ]
