"""REST: the secretariat's preview and choices before publishing an act.

``GET <act>/@publication`` answers the public version as it would be
published (masked title and text), every personal data item found with its
decision, the publishable annexes and the public versions already made.
``POST <act>/@publication`` saves choices::

    {"items": [{"key": "suspect-name:octave delvaux", "action": "release",
                "reason": "Avocat de la Ville"}],
     "annexes": [{"UID": "…", "release": true, "reason": "Plan annexé"}]}

(``action``: ``auto`` — what detection decides —, ``mask`` or ``release``
with a reason; certain personal data is never released); a problem answers
400 with the reason and saves nothing, a user who is not the secretariat's
403 with the reason.
Publishing itself is the workflow transition: ``POST <act>/@workflow/publish``.
"""

from imio.municipal.platform.refusals import refusal_answer
from imio.municipal.platform.services.body import json_write
from imio.municipal.publication import choices
from imio.municipal.publication.preview import preview
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.i18n import translate


class PublicationGet(Service):
    def reply(self):
        return preview(self.context)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


class PublicationPost(Service):
    def reply(self):
        data = json_write(self.request)
        items_data, annexes_data = data.get("items") or [], data.get("annexes") or []
        if not isinstance(items_data, list) or not isinstance(annexes_data, list):
            raise BadRequest('"items" and "annexes" are lists.')
        try:
            items = [
                choices.ItemChoice(
                    _text(item["key"]), _text(item["action"]), _text(item.get("reason"))
                )
                for item in items_data
            ]
            annexes = [
                choices.AnnexChoice(
                    _text(annex["UID"]), annex.get("release") is True, _text(annex.get("reason"))
                )
                for annex in annexes_data
            ]
        except (KeyError, TypeError, AttributeError):
            raise BadRequest(
                'Each item needs "key" and "action"; each annex "UID" and "release".'
            ) from None
        try:
            errors = choices.apply(self.context, items, annexes)
        except choices.NotAllowed as refused:
            return refusal_answer(refused, self.request)
        if errors:
            self.request.response.setStatus(400)
            return {
                "error": {
                    "type": "BadRequest",
                    "message": "; ".join(
                        f"{name}: {translate(message, context=self.request)}"
                        for name, message in errors.items()
                    ),
                    "errors": {
                        name: translate(message, context=self.request)
                        for name, message in errors.items()
                    },
                }
            }
        return preview(self.context)
