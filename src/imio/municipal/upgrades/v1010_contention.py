"""1010: the dossiers folders and the registers of acts are unordered.

Their class now says so (`content.folders.BusyFolder`); this drops the list
of every id and the position map the default ordering kept in each
folder's annotations (rewritten by every addition until now), so that
nothing stale stays behind.
"""

from imio.municipal import logger
from imio.municipal.platform.folders import BusyFolder
from plone import api
from plone.folder.default import DefaultOrdering
from zope.annotation.interfaces import IAnnotations


ORDERING_KEYS = (DefaultOrdering.ORDER_KEY, DefaultOrdering.POS_KEY)


def upgrade(context):
    cleaned = 0
    for brain in api.content.find(portal_type=["DossierFolder", "ActRegister"], unrestricted=True):
        folder = brain._unrestrictedGetObject()
        if not isinstance(folder, BusyFolder):
            continue
        annotations = IAnnotations(folder)
        for key in ORDERING_KEYS:
            if key in annotations:
                del annotations[key]
                cleaned += 1
    logger.info("Unordered folders: %s ordering annotations dropped", cleaned)
