"""REST of the e-counter.

``GET <portal>/@mes-demarches``: the signed-in citizen's requests
(``items``) and the municipalities where he can file (``municipalities``);
``GET <portal>/@mes-demarches/<uid>``: one of them (see request_services).

``GET <municipality>/@demarches``: the requests it offers online, with their
fields and pieces.

``POST <municipality>/@demarches`` files one (a signed-in citizen only)::

    {"demarche": "permis-urbanisme",
     "fields": {"title": "Abri de jardin", "location_address": "Rue de Fer 1, 5000 Namur"},
     "pieces": {"plans": [{"filename": "plan.pdf", "data": "<base64>"}]}}

and answers 201 with the reference and the receipt's address; a refusal
answers 400 (403 for anyone but a citizen) with every reason in French in
``error.messages`` and creates nothing.
"""

from imio.municipal.counter.filing import current_citizen
from imio.municipal.counter.filing import file_request
from imio.municipal.counter.filing import FilingRefused
from imio.municipal.counter.follow import citizen_requests
from imio.municipal.counter.follow import offering_municipalities
from imio.municipal.counter.offers import offered_requests
from imio.municipal.counter.receipts import receipt_of
from imio.municipal.counter.request_detail import request_detail
from imio.municipal.counter.request_services import CitizenRequestService
from imio.municipal.counter.request_services import uploads_of
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.refusals import refusal_answer
from imio.municipal.platform.services.body import json_write
from plone import api
from plone.restapi.services import Service
from zope.i18n import translate


class MyRequestsGet(CitizenRequestService):
    """The list, or one request with ``@mes-demarches/<uid>``."""

    def reply(self):
        try:
            if self.params:
                return request_detail(self.target()[1], self.request)
            user = current_citizen()
        except MunicipalRefusal as refused:
            return refusal_answer(refused, self.request)
        return {
            "items": citizen_requests(user, self.request),
            "municipalities": offering_municipalities(),
        }


def _definition_json(definition) -> dict:
    return {
        "id": definition.id,
        "title": definition.title,
        "procedure": definition.procedure,
        "service": definition.service,
        "fields": [
            {
                "name": f.name,
                "label": f.label,
                "required": f.required,
                "max_length": f.max_length,
            }
            for f in definition.fields
        ],
        "pieces": [
            {
                "id": p.id,
                "label": p.label,
                "required": p.required,
                "types": list(p.types),
                "max_bytes": p.max_bytes,
            }
            for p in definition.pieces
        ],
    }


class OffersGet(Service):
    def reply(self):
        return {"items": [_definition_json(d) for d in offered_requests(self.context).values()]}


def _uploads(pieces) -> dict:
    if not isinstance(pieces, dict):
        raise InvalidInput('"pieces" maps a piece id to a list of files')
    uploads = {}
    for piece_id, files in pieces.items():
        if not isinstance(files, list):
            raise InvalidInput(f'"pieces.{piece_id}" is a list of files')
        uploads[piece_id] = uploads_of(files)
    return uploads


class FileRequestPost(Service):
    def reply(self):
        try:
            # JSON only: what protects a citizen signed in by cookie.
            data = json_write(self.request, json_only=True)
            fields = data.get("fields") or {}
            if not isinstance(fields, dict):
                raise InvalidInput('"fields" is an object')
            dossier = file_request(
                self.context,
                str(data.get("demarche") or ""),
                fields,
                _uploads(data.get("pieces") or {}),
            )
        except FilingRefused as refused:
            answer = refusal_answer(refused, self.request)
            answer["error"]["messages"] = [
                translate(message, context=self.request) for message in refused.messages
            ]
            return answer
        except MunicipalRefusal as refused:
            return refusal_answer(refused, self.request)
        self.request.response.setStatus(201)
        stored = receipt_of(dossier)
        portal_url = api.portal.get().absolute_url()
        return {
            "reference": dossier.reference,
            "received_date": dossier.received_date.isoformat(),
            "receipt_url": f"{portal_url}/@@mes-demarches-accuse?uid={dossier.UID()}",
            "timestamped": stored.get("timestamp") is not None,
        }
