"""REST: data-subject requests, for the municipality's DPO and secretariat.

``POST <municipality>/@data-subject-requests`` records a request
(``{"kind": "access", "requester": "Marie Dupont", "niss": "...",
"received_date": "2026-12-01", "request_text": "..."}``) and ``GET`` lists
those the user sees with their deadlines. On a request:
``POST @data-subject-extension {"reason": ...}`` extends its deadline once,
``POST @data-subject-summary`` attaches the PDF summary of the person's
data, ``POST @data-subject-answer {"text": ...}`` answers it. Refusals
answer 400 with their reason and change nothing.
"""

from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.refusals import refusal_answer
from imio.municipal.platform.services.body import json_write
from imio.municipal.privacy import requests
from plone import api
from plone.restapi.services import Service


class _Handling(Service):
    def act(self, data: dict):
        raise NotImplementedError

    def reply(self):
        try:
            answer = self.act(json_write(self.request))
        except MunicipalRefusal as refusal:
            return refusal_answer(refusal, self.request)
        return answer


class RequestsPost(_Handling):
    def act(self, data):
        request = requests.record(self.context, data)
        self.request.response.setStatus(201)
        return requests.summary(request)


class RequestsGet(Service):
    def reply(self):
        brains = api.content.find(
            context=self.context, portal_type="DataSubjectRequest", sort_on="created"
        )
        return {"items": [requests.summary(brain.getObject()) for brain in brains]}


class ExtensionPost(_Handling):
    def act(self, data):
        requests.extend(self.context, data.get("reason"))
        return requests.summary(self.context)


class SummaryPost(_Handling):
    def act(self, data):
        attached = requests.attach_summary(self.context, self.request)
        self.request.response.setStatus(201)
        return {"@id": attached.absolute_url(), "title": attached.Title()}


class AnswerPost(_Handling):
    def act(self, data):
        requests.answer(self.context, data.get("text"))
        return requests.summary(self.context)
