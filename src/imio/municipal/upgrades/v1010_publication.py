"""1009 -> 1010: releases of certain personal data recorded before the rule
that such data is never published are dropped (masking already ignores them;
the preview no longer shows them as released)."""

from imio.municipal import logger
from imio.municipal.publication.decisions import forget_unreleasable
from plone import api


def upgrade(context):
    dropped = 0
    for brain in api.content.find(portal_type="Act", unrestricted=True):
        dropped += forget_unreleasable(brain._unrestrictedGetObject())
    logger.info("Releases of certain personal data dropped: %s", dropped)
