"""1009 -> 1010: only a municipality's staff and the administrators list its
staff (names and logins) through the vocabularies."""

from imio.municipal.platform.vocabularies import LIST_STAFF
from plone import api


ROLES = ("Manager", "Site Administrator", "MunicipalStaff")


def upgrade(context):
    api.portal.get().manage_permission(LIST_STAFF, roles=list(ROLES), acquire=False)
