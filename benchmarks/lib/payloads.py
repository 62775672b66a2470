"""What the benchmarks create: a case file with two applicants, and a
vanilla Document carrying the same amount of text."""

from datetime import date
from datetime import timedelta


APPLICANTS = [
    {
        "kind": "person",
        "name": "Anne Dupont",
        "niss": "85.07.30-033.28",
        "address": "Rue de Bruxelles 1, 5000 Namur",
        "email": "anne.dupont@example.be",
    },
    {"kind": "company", "name": "Immo Meuse SRL", "bce": "0216.689.981"},
]
LOCATION = "Rue Haute 12, 5000 Namur"
PARCELS = ["92094A0123/00B000"]


def dossier(index: int, received: date | None = None) -> dict:
    """A draft case file, as the agent posts it: two applicants, a deposit
    date (its acknowledgement deadline is computed), a parcel."""
    received = received or date.today() - timedelta(days=index % 30)
    return {
        "@type": "Dossier",
        "title": f"Extension d'une habitation n° {index}",
        "procedure": "pu",
        "responsible_service": "urbanisme",
        "applicants": [dict(applicant) for applicant in APPLICANTS],
        "received_date": received.isoformat(),
        "location_address": LOCATION,
        "parcels": list(PARCELS),
    }


def text_of(payload: dict) -> list[str]:
    """The typed text of a case file (every string the agent entered)."""
    texts = [payload["title"], payload["location_address"], *payload["parcels"]]
    for applicant in payload["applicants"]:
        texts.extend(value for key, value in applicant.items() if key != "kind")
    return texts


def document(index: int) -> dict:
    """A vanilla Document with the case file's text: its title, the applicants
    as description, the rest as body."""
    payload = dossier(index)
    texts = text_of(payload)
    names = [applicant["name"] for applicant in payload["applicants"]]
    rest = [text for text in texts[1:] if text not in names]
    return {
        "@type": "Document",
        "title": payload["title"],
        "description": ", ".join(names),
        "text": {
            "data": "<p>" + "</p><p>".join(rest) + "</p>",
            "content-type": "text/html",
            "encoding": "utf-8",
        },
    }
