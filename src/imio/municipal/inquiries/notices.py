"""The public side of inquiries: the notices, as the visitor may read them.

Only what the workflow shows the visitor is listed (open inquiries); a notice
holds the project, its location, its dates, how to react and the documents
released for it, never an observation.
"""

from datetime import datetime
from datetime import timezone
from imio.municipal.core.calendar import belgian_date
from imio.municipal.inquiries import rules
from imio.municipal.platform.lookup import municipality_of
from plone import api


def public_notices(context) -> list:
    """The open inquiries of context's municipality the visitor can see,
    the soonest end first."""
    municipality = municipality_of(context)
    brains = api.portal.get_tool("portal_catalog")(
        portal_type="Inquiry",
        review_state="open",
        path="/".join(municipality.getPhysicalPath()),
    )
    inquiries = [brain.getObject() for brain in brains]
    return sorted(inquiries, key=lambda inquiry: (inquiry.end, inquiry.Title()))


def released_annexes(inquiry) -> list:
    """The released documents still fit for publication (an annex flagged
    confidential or no longer publishable since is not shown)."""
    dossier = inquiry.__parent__
    found = []
    for uid in inquiry.released_documents or ():
        for annex in dossier.objectValues():
            if (
                annex.UID() == uid
                and annex.portal_type == "File"
                and getattr(annex, "publishable", False)
                and not getattr(annex, "confidential", False)
            ):
                found.append(annex)
    return found


def notice(inquiry) -> dict:
    """The notice's facts, JSON-ready."""
    url = inquiry.absolute_url()
    return {
        "@id": url,
        "title": inquiry.Title(),
        "location": inquiry.location,
        "start": inquiry.start.isoformat(),
        "end": inquiry.end.isoformat(),
        "start_text": belgian_date(inquiry.start),
        "end_text": belgian_date(inquiry.end),
        "duration_days": rules.INQUIRY_DAYS,
        "legal_basis": rules.LEGAL_BASIS,
        "how_to_react": inquiry.how_to_react,
        "municipality": municipality_of(inquiry).Title(),
        "documents": [
            {
                "title": annex.Title(),
                "url": f"{url}/@@enquete-document?uid={annex.UID()}",
                "size": annex.file.getSize() if annex.file else 0,
            }
            for annex in released_annexes(inquiry)
        ],
    }


def updated_of(inquiry) -> datetime:
    return inquiry.modified().asdatetime().astimezone(timezone.utc)
