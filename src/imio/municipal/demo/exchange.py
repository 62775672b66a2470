"""The demo's exchanges with the (simulated) region, made for real.

``make run`` starts the regional endpoint simulator, then creates the site;
this module (called by ``scripts/create_site.py`` when the simulator's URL is
given) points the demo municipalities at it and sends Namur's fee
regulation on terraces to e-Tutelle: its deliberation PDF is rendered by
LibreOffice and stored as annex, the secretary transmits it, and the
exchange worker's round sends it and records the simulator's receipt. The
region's approval comes a little later (the simulator publishes it after
``--outcome-after`` seconds) and the running worker applies it.

Gembloux's PIC plan 2025-2027, adopted by its council (``demo/pic.py``), is
transmitted to the Guichet the same way: the secretary transmits it, the
worker's round sends it and records the receipt; the region's approval comes
later, applied by the running worker. Gembloux's draft change of the plan,
over its envelope, stays a draft.

Namur's PIC plan, transmitted while the demo was built (before any endpoint
was configured), stays a package to deposit by hand: the journal shows both
transports.

The permit platform's file for Namur (a simulator fixture) arrives as a
received case file when the running worker polls the platform: nothing to
do here but point the municipalities at it.
"""

from imio.municipal import logger
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.pic import PLAN_TITLE
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


def _showcase_plan(portal):
    """Gembloux's adopted PIC plan (not its draft change)."""
    for plan in portal["gembloux"]["pic"].objectValues():
        if plan.portal_type == "InvestmentPlan" and plan.Title() == PLAN_TITLE:
            return plan
    return None


def _transmit_act(portal):
    """Namur's showcase act, transmitted to e-Tutelle; None when it cannot be."""
    act = _showcase_act(portal)
    if act is None or not route(portal["namur"], "etutelle").usable:
        logger.warning("Demo exchange: no act to send (act or e-Tutelle token missing)")
        return None
    if api.content.get_state(act) == "adopted":
        if not _store_pdf(act):
            return None
        do_transition(act, "namur-secretaire", "transmit")
    return act


def _transmit_plan(portal):
    """Gembloux's adopted plan, transmitted to the Guichet; None when it cannot be."""
    plan = _showcase_plan(portal)
    if plan is None or not route(portal["gembloux"], "guichet").usable:
        logger.warning("Demo exchange: no PIC plan to send (plan or Guichet token missing)")
        return None
    if api.content.get_state(plan) == "approved_council":
        do_transition(plan, "gembloux-secretaire", "transmit")
    return plan


def send_showcase(portal, region_url: str) -> dict:
    """Transmit the showcase act and plan, then run one round of the worker;
    the state of each one's message, by object id (None: not sent)."""
    configure_routes(portal, region_url)
    objects = [obj for obj in (_transmit_act(portal), _transmit_plan(portal)) if obj is not None]
    transaction.commit()
    worker.send_due(portal, "demo-build")
    states = {}
    for obj in objects:
        found = outbox.messages(portal, obj_uid=api.content.get_uuid(obj))
        state = found[0].state if found else None
        states[obj.getId()] = state
        logger.info("Demo exchange: %s sent to the region: %s", obj.absolute_url_path(), state)
        if state != rules.ACKNOWLEDGED:
            logger.warning("Demo exchange: not acknowledged yet; the worker will retry")
    return states
