"""A platform file whose decision date is recorded by its transmission (it had
none when decided): the catalog's decision date, the steering indexes and the
metadata follow it."""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import do_transition
from plone import api
from Products.CMFCore.indexing import processQueue
from test_permits_transmitted import platform_file

import transaction


SECRETARY = "namur-secretaire"


def _indexed(catalog, name, rid):
    return catalog._catalog.getIndex(name)._unindex.get(rid, "not indexed")


def test_transmitting_indexes_the_decision_date_it_records(functional_portal, platform, rounds):
    dossier = platform_file(functional_portal, rounds)
    today = belgian_today()
    # Decided before the decision date was recorded at « decide » (or cleared
    # since): the transmission records today.
    dossier.received_date = today - timedelta(days=10)
    dossier.decision_date = None
    dossier.reindexObject()
    transaction.commit()

    do_transition(dossier, SECRETARY, "transmit")
    transaction.commit()
    processQueue()

    assert dossier.decision_date == today
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(dossier.getPhysicalPath())
    rid = catalog._catalog.uids[path]
    [brain] = catalog.unrestrictedSearchResults(path={"query": path, "depth": 0})
    assert brain.decision_date == today
    assert _indexed(catalog, "instruction_days", rid) == 10
    # the deadline is months away: decided in time
    assert dossier.decision_deadline > today
    assert _indexed(catalog, "decided_in_time", rid) == 1
    assert _indexed(catalog, "decision_date", rid) != "not indexed"
