"""Local roles computed from fields (no manual sharing).

A case file, an act or a plan gets them from its responsible service; a shared
project from its lead municipality and partners.

Plone asks for them once per permission check and principal (about a hundred
times for one page), so they are kept on the request for the object, its
container and the fields they come from: a change of those recomputes them.
They depend on no user: the same answer for every principal asking.
"""

from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from borg.localrole.interfaces import ILocalRoleProvider
from imio.municipal.interfaces import IServiceRouted
from imio.municipal.interfaces import ISharedProject
from imio.municipal.platform import naming
from imio.municipal.platform.lookup import ins_code_of
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.globalrequest import getRequest
from zope.interface import implementer


REQUEST_CACHE_KEY = "imio.municipal.local_roles"
REQUEST_CACHE_SIZE = 1000  # objects: a bulk job in one request keeps no more


def roles_on_request(context, provider: str, compute) -> dict:
    """`compute()` once per request for `context` as it stands now (and
    per provider of local roles)."""
    request = getRequest()
    if request is None:
        return compute()
    base = aq_base(context)
    parent = aq_base(aq_parent(aq_inner(context)))
    key = security_key(context)
    cache = IAnnotations(request).setdefault(REQUEST_CACHE_KEY, {})
    entry = cache.get((provider, id(base)))
    # The objects are kept in the entry, so their ids cannot be reused.
    if entry is None or entry[0] is not base or entry[1] is not parent or entry[2] != key:
        entry = (base, parent, key, compute())
        if len(cache) >= REQUEST_CACHE_SIZE:
            cache.clear()
        cache[(provider, id(base))] = entry
    return entry[3]


@implementer(ILocalRoleProvider)
@adapter(IServiceRouted)
class ServiceLocalRoles:
    """The service's agents are ServiceEditor, its heads ServiceReviewer; the
    assigned agent is ServiceEditor even when from another service."""

    def __init__(self, context):
        self.context = context

    def _roles(self) -> dict:
        roles = {}
        service, agent = routing_of(self.context)
        ins_code = ins_code_of(self.context) if service else None
        if service and ins_code:
            roles[naming.editors_group(ins_code, service)] = ("ServiceEditor",)
            roles[naming.reviewers_group(ins_code, service)] = ("ServiceReviewer",)
        if agent:
            roles.setdefault(agent, ("ServiceEditor",))
        return roles

    def roles(self) -> dict:
        # borg.localrole asks one adapter for the user and each of his groups
        # in turn: the answer is kept on the adapter for those questions.
        answer = self.__dict__.get("_answer")
        if answer is None:
            answer = self._answer = roles_on_request(self.context, type(self).__name__, self._roles)
        return answer

    def getRoles(self, principal_id):
        return self.roles().get(principal_id, ())

    def getAllRoles(self):
        yield from self.roles().items()


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
    """What the local roles depend on: reindex security when it changes.
    Read on the object itself: a field it lacks is not acquired from its
    containers (which would also walk up to the site for each question)."""
    base = aq_base(obj)
    if ISharedProject.providedBy(base):
        return (base.lead_municipality, tuple(base.partners or ()))
    return routing_of(base)


def routing_of(obj) -> tuple:
    """The responsible service and the assigned agent, read on the object itself."""
    base = aq_base(obj)
    return (getattr(base, "responsible_service", None), getattr(base, "assigned_agent", None))


def reindex_security_if_routing_changed(obj) -> None:
    key = security_key(obj)
    if getattr(obj, "_imio_security_key", None) != key:
        obj._imio_security_key = key
        obj.reindexObjectSecurity()
