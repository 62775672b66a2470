"""REST of one request: the citizen's side and the service's side.

Citizen (signed in; another citizen's request is not found, 404)::

    GET  <portal>/@mes-demarches/<uid>            what is missing, documents, messages
    POST <portal>/@mes-demarches/<uid>/pieces     {"pieces": [{"filename": .., "data": <base64>}]}
    POST <portal>/@mes-demarches/<uid>/messages   {"text": "..."}

Staff who see the case file (its service and the secretariat write)::

    GET  <dossier>/@messages-demandeur
    POST <dossier>/@messages-demandeur            {"text": "..."}

Refusals answer 400 (404, 403) with the reason in French in
``error.message`` (every refused file in ``error.messages``) and change
nothing.
"""

from imio.municipal.counter.complements import send_complements
from imio.municipal.counter.filing import current_citizen
from imio.municipal.counter.filing import FilingRefused
from imio.municipal.counter.messages import CITIZEN
from imio.municipal.counter.messages import messages_of
from imio.municipal.counter.messages import post_message
from imio.municipal.counter.messages import SERVICE
from imio.municipal.counter.ownership import own_request
from imio.municipal.counter.ownership import UnknownRequest
from imio.municipal.counter.pieces import Upload
from imio.municipal.counter.request_detail import request_detail
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.refusals import refusal_answer
from imio.municipal.platform.services.body import json_write
from plone import api
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse

import base64
import binascii


def uploads_of(files) -> list:
    if not isinstance(files, list):
        raise InvalidInput('"pieces" is a list of {"filename": "...", "data": "<base64>"}')
    uploads = []
    for item in files:
        if not isinstance(item, dict) or not isinstance(item.get("data"), str):
            raise InvalidInput('each file is {"filename": "...", "data": "<base64>"}')
        try:
            data = base64.b64decode(item["data"], validate=True)
        except (binascii.Error, ValueError):
            raise InvalidInput(f"{item.get('filename')}: the data is not base64") from None
        uploads.append(Upload(str(item.get("filename") or ""), data))
    return uploads


def refused_answer(refused, request) -> dict:
    answer = refusal_answer(refused, request)
    if isinstance(refused, FilingRefused):
        answer["error"]["messages"] = [
            translate(message, context=request) for message in refused.messages
        ]
    return answer


@implementer(IPublishTraverse)
class CitizenRequestService(Service):
    """``@mes-demarches/<uid>[/<action>]``."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def target(self):
        user = current_citizen()
        if not self.params or len(self.params) > 2:
            raise UnknownRequest("/".join(self.params))
        return user, own_request(user, self.params[0])


class CitizenRequestPost(CitizenRequestService):
    def reply(self):
        try:
            user, dossier = self.target()
            action = self.params[1] if len(self.params) == 2 else ""
            data = json_write(self.request, json_only=True)
            if action == "pieces":
                send_complements(dossier, user, uploads_of(data.get("pieces")))
                return request_detail(dossier, self.request)
            if action == "messages":
                message = post_message(dossier, user, CITIZEN, data.get("text"))
                self.request.response.setStatus(201)
                return message
            raise InvalidInput("post to <uid>/pieces or <uid>/messages")
        except MunicipalRefusal as refused:
            return refused_answer(refused, self.request)


class StaffMessagesGet(Service):
    def reply(self):
        return {"items": messages_of(self.context)}


class StaffMessagesPost(Service):
    def reply(self):
        try:
            data = json_write(self.request, json_only=True)
            message = post_message(self.context, api.user.get_current(), SERVICE, data.get("text"))
        except MunicipalRefusal as refused:
            return refused_answer(refused, self.request)
        self.request.response.setStatus(201)
        return message
