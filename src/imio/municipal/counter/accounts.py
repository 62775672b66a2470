"""Citizen accounts in PAS: a user class that can only ever act as a citizen.

Staff roles can reach an account by many roads (a group, a local role on a
folder, sharing, a borg.localrole adapter). Instead of closing each road, the
user object of a citizen filters what it holds: global and local roles are
cut down to ``CITIZEN_ROLES``, and a permission check only counts those roles.
"""

from AccessControl.class_init import InitializeClass
from AccessControl.SecurityInfo import ClassSecurityInfo
from imio.municipal.counter.citizens import CITIZEN_ROLES
from imio.municipal.counter.citizens import citizen_roles
from imio.municipal.counter.citizens import CITIZENS_GROUP
from imio.municipal.counter.citizens import is_citizen_id
from Products.PlonePAS.plugins.ufactory import PloneUser
from Products.PluggableAuthService.interfaces.plugins import IUserFactoryPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from zope.interface import implementer


FACTORY_ID = "citizen_user_factory"
# Groups a citizen belongs to as far as security goes: a staff group he was
# put into grants nothing, not even through local roles given to the group.
CITIZEN_GROUPS = frozenset({CITIZENS_GROUP, "AuthenticatedUsers"})


class CitizenUser(PloneUser):
    """A citizen: whatever is granted to the account, only citizen roles count."""

    def getRoles(self):
        return citizen_roles(super().getRoles())

    def getRolesInContext(self, object):  # noqa: A002 (Zope's signature)
        return citizen_roles(super().getRolesInContext(object))

    def getGroups(self):
        return [group for group in super().getGroups() if group in CITIZEN_GROUPS]

    def allowed(self, object, object_roles=None):  # noqa: A002 (Zope's signature)
        if object_roles is None or isinstance(object_roles, str):
            return super().allowed(object, object_roles)
        if "Anonymous" in object_roles:
            return super().allowed(object, object_roles)
        kept = [role for role in object_roles if role in CITIZEN_ROLES]
        if not kept:
            return None
        return super().allowed(object, kept)


InitializeClass(CitizenUser)


@implementer(IUserFactoryPlugin)
class CitizenUserFactory(BasePlugin):
    """Makes a CitizenUser of every ``citizen-`` id, leaves the others to Plone."""

    security = ClassSecurityInfo()
    meta_type = "Citizen User Factory"

    def __init__(self, id, title=""):  # noqa: A002 (Zope's signature)
        self.id = id
        self.title = title or self.meta_type

    @security.private
    def createUser(self, user_id, name):
        if is_citizen_id(user_id):
            return CitizenUser(user_id, name)
        return None


InitializeClass(CitizenUserFactory)
