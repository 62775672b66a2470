"""Local roles computed from fields (no manual sharing).

A case file, an act or a plan gets them from its responsible service; a shared
project from its lead municipality and partners.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from imio.municipal.interfaces import IServiceRouted
from imio.municipal.interfaces import ISharedProject
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


# The lead's secretariat coordinates, the partners' secretariats take part,
# every agent of a participant reads (from the state the workflow says:
# partners see nothing of a draft).
COORDINATOR, PARTNER = "ProjectCoordinator", "ProjectPartner"
LEAD_MEMBER, PARTNER_MEMBER = "ProjectLeadMember", "ProjectPartnerMember"


@implementer(ILocalRoleProvider)
@adapter(ISharedProject)
class SharedProjectLocalRoles(ServiceLocalRoles):
    """Roles from the lead and partners fields: a partner added or removed
    gains or loses access at once (the project's security is reindexed)."""

    def _roles(self) -> dict:
        roles = {}
        lead = getattr(self.context, "lead_municipality", None)
        if lead:
            roles[naming.secretaries_group(lead)] = (COORDINATOR,)
            roles[naming.staff_group(lead)] = (LEAD_MEMBER,)
        for partner in getattr(self.context, "partners", None) or ():
            if partner and partner != lead:
                roles[naming.secretaries_group(partner)] = (PARTNER,)
                roles[naming.staff_group(partner)] = (PARTNER_MEMBER,)
        return roles


def security_key(obj) -> tuple:
    """What the local roles depend on: reindex security when it changes."""
    if ISharedProject.providedBy(obj):
        return (obj.lead_municipality, tuple(obj.partners or ()))
    return (getattr(obj, "responsible_service", None), getattr(obj, "assigned_agent", None))


def reindex_security_if_routing_changed(obj) -> None:
    key = security_key(obj)
    if getattr(obj, "_imio_security_key", None) != key:
        obj._imio_security_key = key
        obj.reindexObjectSecurity()
