"""REST refusals answer 400 with their reason, not a 500 or a traceback.

plone.rest renders any exception as JSON with the status of its class and,
for managers, a traceback. A body that is not a JSON object makes
plone.restapi's ``json_body`` raise ``DeserializationError``, a plain
exception: every service (the product's and Plone's) answered 500. These
views make it the 400 it is, with its reason, and keep tracebacks out of
refusals (a refusal is not a crash).
"""

from imio.municipal.platform.refusals import reason_of
from imio.municipal.platform.services.request_guard import malformed_body
from plone.rest.errors import ErrorHandling
from zope.i18n import translate

import json


class RefusalErrorHandling(ErrorHandling):
    status = 400

    def message(self, exception) -> str:
        return str(exception)

    def render_exception(self, exception):
        result = super().render_exception(exception)
        if result is not None:
            result.pop("traceback", None)
            result["message"] = self.message(exception)
        return result

    def __call__(self):
        # plone.rest's own, with the refusal's status instead of the class's.
        result = json.dumps(self.render_exception(self.context), indent=2, sort_keys=True)
        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        response.setStatus(self.status, lock=1)
        response.setBody(result, lock=1)
        response._has_challenged = True


class MalformedBodyErrorHandling(RefusalErrorHandling):
    def message(self, exception) -> str:
        return translate(malformed_body(str(exception)), context=self.request)


class MunicipalRefusalErrorHandling(RefusalErrorHandling):
    """Any refusal of the product that a service did not answer itself: its
    status (400 unless the refusal says otherwise) and its reason, translated."""

    @property
    def status(self):
        return self.context.status

    def message(self, exception) -> str:
        return reason_of(exception, self.request)
