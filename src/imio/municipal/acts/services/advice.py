"""REST: the advice on a draft act.

``GET <act>/@advice`` reads the advice asked on the act and what still holds
it back; ``POST <act>/@advice`` asks one (``{"kind": "financial_director"}``
or ``{"kind": "service", "service": "travaux"}``, optionally ``"urgent":
true`` with a ``"motivation"``); ``POST <act>/@give-advice`` gives one
(``{"advice": "<id>", "sense": "favourable" | "favourable_with_remarks" |
"unfavourable", "text": "..."}``); ``POST <act>/@advice-extension`` extends the
delay of the directeur financier's advice once (``{"advice": "<id>", "reason":
"..."}``). Each answers the same summary; refusals
answer 400 (403 for who may not) with their reason.
"""

from imio.municipal import _
from imio.municipal.acts import advice
from imio.municipal.acts import advice_extension
from imio.municipal.acts import advice_rules
from imio.municipal.core import money
from imio.municipal.errors import InvalidInput
from imio.municipal.platform.services.body import json_object
from plone.restapi.services import Service
from zope.i18n import translate
from zope.interface import alsoProvides

import plone.protect.interfaces


def summary(act, request) -> dict:
    impact = getattr(act, "financial_impact", None)
    return {
        "financial_impact": None if impact is None else money.to_json(impact),
        "threshold": money.to_json(advice_rules.THRESHOLD_EXCL_VAT),
        "financial_director_required": advice_rules.advice_required(impact),
        "items": [advice.as_json(record) for record in advice.advices(act)],
        "holds_back": [
            translate(reason, context=request) for reason in advice.advice_refusals(act)
        ],
    }


def _body(request, fields: dict) -> dict:
    """The JSON object of the request, each field of the type it must have."""
    data = json_object(request)
    wrong = [name for name, kind in fields.items() if not isinstance(data.get(name, kind()), kind)]
    if wrong:
        raise advice.refusal(
            InvalidInput,
            _(
                "refusal_advice_body",
                default="Send a JSON object; these fields have the wrong type: ${fields}.",
                mapping={"fields": ", ".join(wrong)},
            ),
        )
    return data


class AdviceGet(Service):
    def reply(self):
        return summary(self.context, self.request)


class AdvicePost(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = _body(self.request, {"kind": str, "service": str, "urgent": bool, "motivation": str})
        advice.ask(
            self.context,
            data.get("kind", ""),
            service=data.get("service"),
            urgent=data.get("urgent", False),
            motivation=data.get("motivation", ""),
        )
        self.request.response.setStatus(201)
        return summary(self.context, self.request)


class GiveAdvicePost(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = _body(self.request, {"advice": str, "sense": str, "text": str})
        advice.give(
            self.context, data.get("advice", ""), data.get("sense", ""), data.get("text", "")
        )
        return summary(self.context, self.request)


class AdviceExtensionPost(Service):
    def reply(self):
        alsoProvides(self.request, plone.protect.interfaces.IDisableCSRFProtection)
        data = _body(self.request, {"advice": str, "reason": str})
        advice_extension.extend(self.context, data.get("advice", ""), data.get("reason", ""))
        return summary(self.context, self.request)
