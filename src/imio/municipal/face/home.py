"""The platform's home page: the municipalities it hosts and their latest publications.

Read through the catalog as the visitor: a municipality or a publication the
visitor may not see does not show up.
"""

from imio.municipal.dossiers.browser.view import format_date
from imio.municipal.face.identity import identity_of
from imio.municipal.publication.browser.public import current_versions
from plone import api
from Products.Five.browser import BrowserView


#: Publications listed under each municipality.
LATEST = 3


class PlatformHomeView(BrowserView):
    def municipalities(self) -> list[dict]:
        catalog = api.portal.get_tool("portal_catalog")
        found = []
        for brain in catalog(portal_type="Municipality", sort_on="sortable_title"):
            municipality = brain.getObject()
            identity = identity_of(municipality)
            found.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "logo_url": identity.logo_url,
                    "style": " ".join(identity.declarations()),
                    "publications_url": f"{brain.getURL()}/publications",
                    "latest": self.latest(municipality),
                }
            )
        return found

    def latest(self, municipality) -> list[dict]:
        brains = current_versions(
            municipality, sort_on="created", sort_order="descending", sort_limit=LATEST
        )[:LATEST]
        return [
            {
                "url": brain.getURL(),
                "title": brain.Title,
                "number": brain.number,
                "date": format_date(brain.publication_date),
            }
            for brain in brains
        ]
