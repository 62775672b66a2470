"""Roles on a case file come from its responsible service (no manual sharing)."""

from borg.localrole.interfaces import ILocalRoleProvider
from imio.municipal.interfaces import IServiceRouted
from imio.municipal.platform import naming
from imio.municipal.platform.lookup import ins_code_of
from zope.component import adapter
from zope.interface import implementer


@implementer(ILocalRoleProvider)
@adapter(IServiceRouted)
class ServiceLocalRoles:
    """The service's agents are ServiceEditor, its heads ServiceReviewer; the
    assigned agent is ServiceEditor even when from another service."""

    def __init__(self, context):
        self.context = context

    def _roles(self) -> dict:
        roles = {}
        service = getattr(self.context, "responsible_service", None)
        ins_code = ins_code_of(self.context) if service else None
        if service and ins_code:
            roles[naming.editors_group(ins_code, service)] = ("ServiceEditor",)
            roles[naming.reviewers_group(ins_code, service)] = ("ServiceReviewer",)
        agent = getattr(self.context, "assigned_agent", None)
        if agent:
            roles.setdefault(agent, ("ServiceEditor",))
        return roles

    def getRoles(self, principal_id):
        return self._roles().get(principal_id, ())

    def getAllRoles(self):
        yield from self._roles().items()


def security_key(obj) -> tuple:
    """What the local roles depend on: reindex security when it changes."""
    return (getattr(obj, "responsible_service", None), getattr(obj, "assigned_agent", None))


def reindex_security_if_routing_changed(obj) -> None:
    key = security_key(obj)
    if getattr(obj, "_imio_security_key", None) != key:
        obj._imio_security_key = key
        obj.reindexObjectSecurity()
