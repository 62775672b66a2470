"""What a citizen follows: his requests (by the NISS of his account) and
where he can file new ones. Shared by « Mes démarches » and its REST."""

from imio.municipal.core.calendar import belgian_today
from imio.municipal.counter.offers import offered_requests
from imio.municipal.counter.receipts import receipt_of
from imio.municipal.counter.states import plain_state
from imio.municipal.platform.lookup import municipality_of
from plone import api
from zope.i18n import translate


def _belgian(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def citizen_requests(user, request) -> list[dict]:
    niss = user.getProperty("niss")
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Dossier", applicant_niss=niss, sort_on="created", sort_order="reverse"
    )
    portal_url = api.portal.get().absolute_url()
    rows = []
    for brain in brains:
        dossier = brain._unrestrictedGetObject()
        deadline = brain.current_deadline
        receipt_url = None
        if receipt_of(dossier) is not None:
            receipt_url = f"{portal_url}/@@mes-demarches-accuse?uid={brain.UID}"
        rows.append(
            {
                "uid": brain.UID,
                "title": dossier.Title(),
                "reference": dossier.reference or "",
                "municipality": municipality_of(dossier).Title(),
                "state": brain.review_state,
                "state_title": translate(plain_state(brain.review_state), context=request),
                "received": _belgian(dossier.received_date),
                "deadline": _belgian(deadline),
                "late": bool(deadline and deadline < belgian_today()),
                "receipt_url": receipt_url,
                "url": f"{portal_url}/@@ma-demarche?uid={brain.UID}",
                "missing_pieces": brain.review_state == "incomplete",
            }
        )
    return rows


def offering_municipalities() -> list[dict]:
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="Municipality", sort_on="sortable_title"
    )
    found = []
    for brain in brains:
        municipality = brain._unrestrictedGetObject()
        if offered_requests(municipality):
            found.append(
                {
                    "id": municipality.getId(),
                    "title": municipality.Title(),
                    "url": f"{municipality.absolute_url()}/@@demarches",
                }
            )
    return found
