"""1014 -> 1015: disabling a person ends his open sessions.

Turns on plone.session's keyring per user and plone.restapi's stored tokens
(see imio.municipal.administration.open_sessions). REST tokens issued before
the upgrade are not stored, so their holders log in again once.
"""

from imio.municipal import logger
from imio.municipal.administration.open_sessions import configure


def upgrade(context):
    configure()
    logger.info("Open sessions end when a person is disabled")
