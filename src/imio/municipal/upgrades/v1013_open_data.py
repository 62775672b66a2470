"""1012 -> 1013: compressed open data.

The ETag of the public pages gets the content-coding component, so that
the RAM cache and proxies keep gzip and plain answers apart. Only that
value is added: the other caching settings an administrator may have
changed are kept (re-importing the registry would reset them).
"""

from imio.municipal import logger
from plone import api


ETAGS = "plone.app.caching.moderateCaching.imio.municipal.publicPages.etags"
CONTENT_CODING = "imio.municipal.contentCoding"


def upgrade(context):
    etags = tuple(api.portal.get_registry_record(ETAGS, default=None) or ())
    if CONTENT_CODING not in etags:
        api.portal.set_registry_record(ETAGS, (*etags, CONTENT_CODING))
        logger.info("Public pages: the ETag names the content coding")
