"""The responsible service of new work defaults to its author's service."""

from imio.municipal.platform import naming
from imio.municipal.platform.lookup import municipality_of
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory


def own_services(municipality) -> list[str]:
    """The services of ``municipality`` the current user works in, in the
    municipality's order."""
    if api.user.is_anonymous():
        return []
    groups = {group.getId() for group in api.group.get_groups(user=api.user.get_current())}
    mine = {naming.service_of_group(municipality.ins_code, group) for group in groups}
    return [s["id"] for s in municipality.services or [] if s.get("id") in mine]


@provider(IContextAwareDefaultFactory)
def own_service(context):
    """The add form's default: the author's own service (the first when they
    work in several); none for those in no service (platform admins)."""
    municipality = municipality_of(context)
    if municipality is None or not getattr(municipality, "ins_code", None):
        return None
    services = own_services(municipality)
    return services[0] if services else None
