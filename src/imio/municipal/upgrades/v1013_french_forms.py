"""1012 -> 1013: the deliberation prints the legal basis typed on the act.

The package's deliberation template changed; sites whose template was not
modified in the site get the new one (a modified one is kept, and logged).
"""

from imio.municipal import logger
from imio.municipal.documents.install import install_templates
from plone import api


def upgrade(context):
    result = install_templates(api.portal.get())
    logger.info("Deliberation template with the legal basis: %s", result.get("deliberation"))
