"""What each municipality offers at its e-counter: a catalogue stored with the
municipality (an annotation holding the JSON), checked when it is set."""

from imio.municipal import _
from imio.municipal.counter.catalogue import parse_catalogue
from imio.municipal.documents.annex import ANNEX_CATEGORIES
from imio.municipal.errors import InvalidInput
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations

import json


class NotOffered(InvalidInput):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


ANNOTATION_KEY = "imio.municipal.counter.catalogue"
CATEGORIES = frozenset(term.value for term in ANNEX_CATEGORIES)


def set_catalogue(municipality, data: dict) -> None:
    """Store the municipality's catalogue; every target service must be one of its own."""
    definitions = parse_catalogue(data, CATEGORIES)
    services = {row["id"] for row in (municipality.services or [])}
    for definition in definitions.values():
        if definition.service not in services:
            raise InvalidInput(
                f"{definition.id}: the service {definition.service!r} is not one of "
                f"{municipality.getId()}'s services"
            )
    annotations = IAnnotations(municipality)
    annotations[ANNOTATION_KEY] = PersistentMapping({"json": json.dumps(data)})


def offered_requests(municipality) -> dict:
    stored = IAnnotations(municipality).get(ANNOTATION_KEY)
    if not stored:
        return {}
    return parse_catalogue(json.loads(stored["json"]), CATEGORIES)


def offered_request(municipality, request_id: str):
    definition = offered_requests(municipality).get(request_id)
    if definition is None:
        raise NotOffered(
            _(
                "refusal_request_not_offered",
                default="${municipality} does not offer this request online.",
                mapping={"municipality": municipality.Title()},
            )
        )
    return definition
