"""imio.municipal: the collaborative platform of Walloon municipalities."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "imio.municipal"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)
