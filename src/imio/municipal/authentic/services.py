"""REST: complete a case file from the authentic sources.

``GET <dossier>/@authentic-lookup`` gives the purposes this case file may be
completed for and, per applicant row, the fields filled from a source.
``POST <dossier>/@authentic-lookup`` with ``{"kind": "person" | "enterprise",
"number": "...", "purpose": "...", "row": 0}`` asks the BCED and answers
what it found and the applicant fields it gives; with ``row`` (0-based) it
also writes them into that applicant row. ``GET``/``PUT
<municipality>/@authentic-authorisations`` read and replace the purposes a
municipality is authorised for (``{"<purpose>": "<reference>"}``).
Refusals answer 400 (403 for who may not, 503 when the source fails) with
their reason, and change nothing.
"""

from imio.municipal import _
from imio.municipal.authentic import authorisations
from imio.municipal.authentic import lookup
from imio.municipal.authentic import purposes
from imio.municipal.authentic.answers import applicant_fields
from imio.municipal.authentic.answers import Person
from imio.municipal.authentic.authorisations import refusal
from imio.municipal.errors import InvalidInput
from imio.municipal.platform.services.body import json_write
from plone.restapi.services import Service
from zope.event import notify
from zope.i18n import translate
from zope.lifecycleevent import ObjectModifiedEvent


def _purpose_json(purpose, request) -> dict:
    return {"id": purpose.id, "title": translate(purpose.title, context=request)}


def record_json(record) -> dict:
    address = record.address
    common = {
        "address": {
            "street": address.street,
            "number": address.number,
            "box": address.box,
            "postal_code": address.postal_code,
            "municipality": address.municipality,
            "country": address.country,
        },
        "applicant": applicant_fields(record),
    }
    if isinstance(record, Person):
        return {
            "kind": "person",
            "niss": record.niss,
            "last_name": record.last_name,
            "first_names": list(record.first_names),
            "birth_date": record.birth_date.isoformat(),
            **common,
        }
    return {
        "kind": "enterprise",
        "bce": record.bce,
        "name": record.name,
        "legal_form": record.legal_form,
        **common,
    }


class AuthenticLookupGet(Service):
    def reply(self):
        return {
            "purposes": [
                _purpose_json(p, self.request) for p in lookup.available_purposes(self.context)
            ],
            "filled": lookup.filled_fields(self.context),
        }


class AuthenticLookupPost(Service):
    def reply(self):
        # JSON only: a lookup cannot be made in a user's name from elsewhere.
        data = json_write(self.request, json_only=True)
        kind = data.get("kind")
        row = data.get("row")
        if row is not None and (not isinstance(row, int) or isinstance(row, bool)):
            raise refusal(
                InvalidInput,
                _(
                    "error_authentic_row_number",
                    default="row is the applicant's position (0, 1 ...).",
                ),
            )
        record = lookup.lookup(
            self.context, kind, str(data.get("number") or ""), data.get("purpose")
        )
        answer = {"record": record_json(record)}
        if row is not None:
            answer["row"] = lookup.fill_row(self.context, row, kind, record)
            notify(ObjectModifiedEvent(self.context))
        answer["filled"] = lookup.filled_fields(self.context)
        return answer


def authorisations_json(municipality, request) -> dict:
    granted = authorisations.authorisations(municipality)
    return {
        "authorisations": [
            {**_purpose_json(purposes.get(pid), request), "reference": ref}
            for pid, ref in sorted(granted.items())
        ]
    }


class AuthorisationsGet(Service):
    def reply(self):
        return authorisations_json(self.context, self.request)


class AuthorisationsPut(Service):
    def reply(self):
        data = json_write(self.request, json_only=True)
        # Every entry is checked before anything changes.
        for purpose_id, reference in data.items():
            purposes.get(purpose_id)
            authorisations.check_reference(reference)
        for purpose_id in authorisations.authorisations(self.context):
            if purpose_id not in data:
                authorisations.withdraw(self.context, purpose_id)
        for purpose_id, reference in data.items():
            authorisations.authorise(self.context, purpose_id, reference)
        return authorisations_json(self.context, self.request)
