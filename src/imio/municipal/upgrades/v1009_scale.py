"""1008 -> 1009: indexes for scale: the dashboard's deadline queue (filled
from the case files) and the outbox's indexes (built from its messages)."""

from imio.municipal import logger
from imio.municipal.dossiers.queue.catalog_index import QUEUE_INDEX
from imio.municipal.exchange.outbox import get_outbox
from plone import api

import time


PROFILE = "profile-imio.municipal:default"


def install_queue(setup_tool):
    setup_tool.runImportStepFromProfile(PROFILE, "catalog", run_dependencies=False)
    catalog = api.portal.get_tool("portal_catalog")
    began = time.perf_counter()
    # Only case files are queued: no need to wake every object of the site.
    brains = catalog.unrestrictedSearchResults(portal_type="Dossier")
    for brain in brains:
        catalog.catalog_object(
            brain._unrestrictedGetObject(),
            brain.getPath(),
            idxs=[QUEUE_INDEX],
            update_metadata=False,
        )
    logger.info(
        "Deadline queue filled with %s case files in %.0f s",
        len(brains),
        time.perf_counter() - began,
    )


def index_outbox(setup_tool):
    outbox = get_outbox(api.portal.get())
    if outbox is not None and not outbox.is_indexed():
        outbox.reindex()
        logger.info("Outbox indexed: %s messages", len(outbox.messages))
