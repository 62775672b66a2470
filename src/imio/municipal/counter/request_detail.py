"""One request as its citizen sees it: what is missing, the documents
addressed to him, and the messages. Shared by the page and its REST."""

from imio.municipal import _
from imio.municipal.counter.complements import waits_for_pieces
from imio.municipal.counter.messages import messages_of
from imio.municipal.counter.receipts import receipt_of
from imio.municipal.counter.states import plain_state
from imio.municipal.platform.lookup import municipality_of
from plone import api
from zope.i18n import translate


DECISION_CATEGORY = "decision"
# A decision reaches the citizen once the service recorded it as sent.
NOTIFIED_STATES = frozenset({"decided", "transmitted", "closed"})


def _belgian(day) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def decision_annexes(dossier) -> list:
    if api.content.get_state(dossier) not in NOTIFIED_STATES:
        return []
    return [
        obj
        for obj in dossier.objectValues()
        if obj.portal_type == "File" and getattr(obj, "annex_category", None) == DECISION_CATEGORY
    ]


def documents_of(dossier, request) -> list[dict]:
    """Oldest first: the acknowledgement, the request for pieces, the decision."""
    portal_url = api.portal.get().absolute_url()
    uid = dossier.UID()
    documents = []
    stored = receipt_of(dossier)
    if stored is not None:
        documents.append(
            {
                "kind": "acknowledgement",
                "title": translate(
                    _("counter_document_acknowledgement", default="Acknowledgement of sending"),
                    context=request,
                ),
                "date": _belgian(dossier.received_date),
                "url": f"{portal_url}/@@mes-demarches-accuse?uid={uid}",
                "timestamp_url": (
                    f"{portal_url}/@@mes-demarches-accuse?uid={uid}&format=tsr"
                    if stored.get("timestamp") is not None
                    else None
                ),
            }
        )
    if dossier.incompleteness_date and dossier.missing_pieces:
        documents.append(
            {
                "kind": "missing_pieces",
                "title": translate(
                    _("counter_document_missing_pieces", default="Request for missing pieces"),
                    context=request,
                ),
                "date": _belgian(dossier.incompleteness_date),
                "pieces": list(dossier.missing_pieces),
                "url": None,
            }
        )
    for annex in decision_annexes(dossier):
        documents.append(
            {
                "kind": "decision",
                "title": annex.Title(),
                "date": _belgian(dossier.decision_date),
                "url": f"{portal_url}/@@mes-demarches-document?uid={uid}&id={annex.getId()}",
            }
        )
    return documents


def request_detail(dossier, request) -> dict:
    state = api.content.get_state(dossier)
    missing = None
    if waits_for_pieces(dossier):
        missing = {
            "pieces": list(dossier.missing_pieces or []),
            "requested_on": _belgian(dossier.incompleteness_date),
            "complete_by": _belgian(dossier.completion_limit),
        }
    return {
        "uid": dossier.UID(),
        "title": dossier.Title(),
        "reference": dossier.reference or "",
        "municipality": municipality_of(dossier).Title(),
        "state": state,
        "state_title": translate(plain_state(state), context=request),
        "received": _belgian(dossier.received_date),
        "missing_pieces": missing,
        "documents": documents_of(dossier, request),
        "messages": messages_of(dossier),
    }
