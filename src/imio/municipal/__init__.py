"""imio.municipal: the collaborative platform of Walloon municipalities."""

from zope.i18nmessageid import MessageFactory

import logging


PACKAGE_NAME = "imio.municipal"

_ = MessageFactory(PACKAGE_NAME)

logger = logging.getLogger(PACKAGE_NAME)


def _keep_old_paths_loading():
    from imio.municipal import legacy

    legacy.install()


_keep_old_paths_loading()
