"""The demo's exchanges with the (simulated) region, made for real.

``make run`` starts the regional endpoint simulator, then creates the site;
this module (called by ``scripts/create_site.py`` when the simulator's URL is
given) points the demo municipalities at it and sends Namur's fee
regulation on terraces to e-Tutelle: its deliberation PDF is rendered by
LibreOffice and stored as annex, the secretary transmits it, and the
exchange worker's round sends it and records the simulator's receipt. The
region's approval comes a little later (the simulator publishes it after
``--outcome-after`` seconds) and the running worker applies it.

Namur's PIC plan, transmitted while the demo was built (before any endpoint
was configured), stays a package to deposit by hand: the journal shows both
transports.
"""

from imio.municipal import logger
from imio.municipal.builders import do_transition
from imio.municipal.documents.generation import converter_available
from imio.municipal.documents.generation import stored_pdf
from imio.municipal.exchange import outbox
from imio.municipal.exchange import rules
from imio.municipal.exchange import worker
from imio.municipal.exchange.settings import route
from imio.municipal.interfaces import IImioMunicipalLayer
from plone import api
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import transaction


SHOWCASE = "Règlement-redevance sur l'occupation du domaine public par les terrasses"
MUNICIPALITIES = ("namur", "gembloux")


def configure_routes(portal, region_url: str) -> None:
    for city in MUNICIPALITIES:
        municipality = portal[city]
        for target in ("etutelle", "guichet"):
            setattr(municipality, f"{target}_transport", "http")
            setattr(municipality, f"{target}_url", region_url)
        municipality.permits_url = region_url


def _showcase_act(portal):
    for act in portal["namur"]["actes"].objectValues():
        if act.portal_type == "Act" and act.Title().startswith(SHOWCASE):
            return act
    return None


def _store_pdf(act) -> bool:
    if stored_pdf(act) is not None:
        return True
    if not converter_available():
        logger.warning("Demo exchange: LibreOffice is not running, %s is not sent", act.getId())
        return False
    request = act.REQUEST
    # zconsole's request does not go through the publisher: add our layer.
    alsoProvides(request, IImioMunicipalLayer)
    with api.env.adopt_user(username="namur-secretaire"):
        getMultiAdapter((act, request), name="store-deliberation").store()
    return True


def send_showcase(portal, region_url: str) -> str | None:
    """Send the showcase act; the state of its message (None: not sent)."""
    configure_routes(portal, region_url)
    act = _showcase_act(portal)
    if act is None or not route(portal["namur"], "etutelle").usable:
        logger.warning("Demo exchange: nothing to send (act or e-Tutelle token missing)")
        return None
    if api.content.get_state(act) == "adopted":
        if not _store_pdf(act):
            return None
        do_transition(act, "namur-secretaire", "transmit")
    transaction.commit()
    worker.send_due(portal, "demo-build")
    found = outbox.messages(portal, obj_uid=api.content.get_uuid(act))
    state = found[0].state if found else None
    logger.info("Demo exchange: %s sent to e-Tutelle: %s", act.getId(), state)
    if state != rules.ACKNOWLEDGED:
        logger.warning("Demo exchange: not acknowledged yet; the worker will retry")
    return state
