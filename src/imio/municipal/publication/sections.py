"""Where public versions live: ``{municipality}/publications/{year}/{body}/{n}``.

The year is the number's (the session's), the body its code: the URL is
made of the act's number and keeps working whatever the act's title
becomes. The first version is ``{n}``, an erratum ``{n}-v2``, ``{n}-v3``…
"""

from Acquisition import aq_parent
from imio.municipal.acts import tutelle
from imio.municipal.interfaces import IMunicipality
from imio.municipal.platform.lookup import municipality_of
from plone import api
from plone.portlets.constants import CONTEXT_CATEGORY
from plone.portlets.interfaces import ILocalPortletAssignmentManager
from plone.portlets.interfaces import IPortletManager
from zope.component import getMultiAdapter
from zope.component import getUtility


def _section(container, section_id: str, title: str):
    if section_id not in container.objectIds():
        with api.env.adopt_roles(["Manager"]):
            api.content.create(
                container=container,
                type="PublicationFolder",
                id=section_id,
                title=title,
                exclude_from_nav=True,
            )
    return container[section_id]


def section_for(act):
    """The year/body folder of the act's public versions (created when missing)."""
    publications = municipality_of(act)["publications"]
    year, body, _sequence = act.number.split("/")
    year_folder = _section(publications, year, year)
    return _section(year_folder, body, tutelle.BODIES[body].title_fr)


def versions(act) -> list:
    """The act's public versions, oldest first (the system sees them all)."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="PublicVersion", public_act_uid=act.UID()
    )
    found = [brain._unrestrictedGetObject() for brain in brains]
    return sorted(found, key=lambda version: version.version or 0)


def current_version(act):
    found = versions(act)
    return found[-1] if found else None


def read_full_width(publications) -> None:
    """No navigation portlet in a municipality's publications: the listing
    (filters, search) is how citizens move there, and the text of an act
    gets the page's width. Blocks the left column's inherited portlets."""
    manager = getUtility(IPortletManager, name="plone.leftcolumn", context=publications)
    assignments = getMultiAdapter((publications, manager), ILocalPortletAssignmentManager)
    assignments.setBlacklistStatus(CONTEXT_CATEGORY, True)


def publications_added(folder, event) -> None:
    if folder.getId() == "publications" and IMunicipality.providedBy(aq_parent(folder)):
        read_full_width(folder)
