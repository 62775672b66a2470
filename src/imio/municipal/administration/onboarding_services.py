"""REST of onboarding, on the platform root (platform admins only).

``GET <portal>/@onboard-municipality``: the municipalities that can be
onboarded and the service templates.

``POST <portal>/@onboard-municipality`` onboards one::

    {"ins_code": "63023", "bce_number": "0207.344.329", "template": "standard",
     "dg_login": "eupen-dg", "dg_fullname": "Anna Schmitz", "dg_email": "dg@eupen.be"}

and answers 201 with the municipality's address; a refusal answers 400 with
every reason in the user's language in ``error.messages`` and creates nothing.
"""

from imio.municipal.administration import municipalities_table
from imio.municipal.administration import onboarding
from imio.municipal.administration.onboarding_rules import OnboardingRequest
from imio.municipal.errors import InvalidInput
from imio.municipal.platform.refusals import refusal_answer
from imio.municipal.platform.services.body import json_write
from plone import api
from plone.restapi.services import Service
from zope.i18n import translate


class OnboardingGet(Service):
    def reply(self):
        return {
            "municipalities": [
                {"ins_code": e.ins_code, "name_fr": e.name_fr, "name_de": e.name_de}
                for e in onboarding.available_municipalities()
            ],
            "templates": {
                key: list(services)
                for key, services in municipalities_table.service_templates().items()
            },
        }


class OnboardingPost(Service):
    def reply(self):
        try:
            data = json_write(self.request)
        except InvalidInput as refused:
            return refusal_answer(refused, self.request)
        try:
            municipality = onboarding.onboard(
                api.portal.get(), OnboardingRequest.from_mapping(data)
            )
        except onboarding.OnboardingRefused as refused:
            answer = refusal_answer(refused, self.request)
            answer["error"]["messages"] = [
                translate(message, context=self.request) for message in refused.messages
            ]
            return answer
        self.request.response.setStatus(201)
        return {
            "@id": municipality.absolute_url(),
            "id": municipality.getId(),
            "title": municipality.Title(),
            "ins_code": municipality.ins_code,
            "services": [dict(row) for row in municipality.services],
            "dg_login": data["dg_login"].strip(),
        }
