"""Which templates the « Documents » card and @documents offer on an object.

collective.documentgenerator loads every template of the site and asks each
whether it applies. Ours are made for one content type (definitions.py): a
template of our folder made for another type is skipped from its catalog
entry, without loading it. Any other template is asked as before.
"""

from collective.documentgenerator.adapters import GenerablePODTemplatesAdapter
from collective.documentgenerator.config import VIEWLET_TYPES
from imio.municipal.documents.definitions import FOLDER_ID
from imio.municipal.documents.definitions import SPECS
from plone import api


def made_for_another_type(brain, portal_type: str) -> bool:
    """A template of our folder whose definition names another type: it
    would be refused on this object (condition.refusal), so is not loaded."""
    path = brain.getPath().split("/")
    if len(path) < 2 or path[-2] != FOLDER_ID:
        return False
    spec = SPECS.get(path[-1])
    return spec is not None and spec.portal_type != portal_type


class MunicipalGenerableTemplates(GenerablePODTemplatesAdapter):
    def get_all_pod_templates(self):
        catalog = api.portal.get_tool(name="portal_catalog")
        brains = catalog.unrestrictedSearchResults(
            portal_type=VIEWLET_TYPES, sort_on="getObjPositionInParent"
        )
        portal_type = self.context.portal_type
        return [
            self.context.unrestrictedTraverse(brain.getPath())
            for brain in brains
            if not made_for_another_type(brain, portal_type)
        ]
