"""The municipality's own public contact points, never masked.

Its e-mail and phone and those of each of its services are published on
purpose (a citizen is told whom to ask), unlike a private person's.

>>> public_contacts({
...     "email": "info@ville.namur.be", "phone": "081 24 60 11",
...     "services": [
...         {"id": "urbanisme", "email": "urbanisme@ville.namur.be", "phone": "081/24.63.90"},
...         {"id": "travaux", "email": "", "phone": None},
...     ],
... })
['info@ville.namur.be', '081 24 60 11', 'urbanisme@ville.namur.be', '081/24.63.90']
>>> is_phone_number("+32 81 24 60 11"), is_phone_number("12345")
(True, False)
"""

from collections.abc import Mapping
from imio.municipal.publication.core.identifiers import find_identifiers


def is_phone_number(text: str) -> bool:
    """A Belgian phone number, as the masking recognises it in a text."""
    text = (text or "").strip()
    hits = find_identifiers(text)
    return (
        len(hits) == 1
        and hits[0].finding.kind == "phone"
        and hits[0].end - hits[0].start == len(text)
    )


def public_contacts(municipality: Mapping) -> list[str]:
    """The e-mails and phones of the municipality and of its services."""
    sources = [municipality, *(municipality.get("services") or ())]
    return [
        value.strip()
        for source in sources
        for value in (source.get("email"), source.get("phone"))
        if value and value.strip()
    ]
