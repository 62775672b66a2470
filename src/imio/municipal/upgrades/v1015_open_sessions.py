"""1014 -> 1015: disabling a person ends his open sessions.

Turns on plone.session's keyring per user and plone.restapi's stored tokens
(see imio.municipal.administration.open_sessions), and gives every user his
keyring. Sessions opened before the upgrade end: everyone logs in once more.
"""

from imio.municipal import logger
from imio.municipal.administration.open_sessions import configure
from imio.municipal.administration.open_sessions import give_every_user_a_keyring


def upgrade(context):
    configure()
    created = give_every_user_a_keyring()
    logger.info("Open sessions end when a person is disabled; %d keyrings", created)
