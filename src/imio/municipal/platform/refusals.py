"""How the product's refusals reach the user, the same way everywhere.

A refusal (:class:`imio.municipal.errors.MunicipalRefusal`) carries its
reason and its status: a view shows the reason, translated, as an error
message; a REST service answers the status with the translated reason.
"""

from plone import api
from zope.i18n import translate


ERROR_TYPES = {
    400: "BadRequest",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    503: "ServiceUnavailable",
}


def reason_of(refusal, request) -> str:
    """The refusal's reason in the user's language."""
    return translate(refusal.reason(), context=request)


def show_refusal(refusal, request) -> None:
    """Show the reason on the next page the user sees."""
    api.portal.show_message(reason_of(refusal, request), request=request, type="error")


def refusal_answer(refusal, request) -> dict:
    """Set the refusal's status and return the REST error body."""
    request.response.setStatus(refusal.status)
    return {
        "error": {
            "type": ERROR_TYPES.get(refusal.status, "BadRequest"),
            "message": reason_of(refusal, request),
        }
    }
