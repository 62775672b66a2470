"""1011 -> 1012: citizens sign in to the e-counter (OpenID Connect).

Adds the OIDC plugin (its challenge off: staff keep Plone's login form), the
citizen user factory, the Citizen role, the citizens' group and the NISS
member property, as a new site gets them; adds the ``applicant_niss`` index
that links case files to citizens, filled from the existing case files.
"""

from imio.municipal import logger
from imio.municipal.counter.setup import install_sign_in
from plone import api


INDEX = "applicant_niss"


def upgrade(context):
    install_sign_in(api.portal.get())
    catalog = api.portal.get_tool("portal_catalog")
    if INDEX not in catalog.indexes():
        catalog.addIndex(INDEX, "KeywordIndex", extra={"indexed_attrs": INDEX})
    catalog.manage_reindexIndex(ids=[INDEX])
    logger.info("Citizen sign-in installed, %s indexed", INDEX)
