"""1011 -> 1012: citizens sign in to the e-counter (OpenID Connect).

Adds the OIDC plugin (its challenge off: staff keep Plone's login form), the
citizen user factory, the Citizen role, the citizens' group and the NISS
member property, as a new site gets them.
"""

from imio.municipal.counter.setup import install_sign_in
from plone import api


def upgrade(context):
    install_sign_in(api.portal.get())
