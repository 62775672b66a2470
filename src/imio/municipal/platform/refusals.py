"""How the product's refusals reach the user, the same way everywhere.

A refusal (:class:`imio.municipal.errors.MunicipalRefusal`) carries its
reason and its status: a view shows the reason, translated, as an error
message; a REST service answers the status with the translated reason.
"""

from imio.municipal.errors import MunicipalRefusal
from plone import api
from zope.i18n import translate

import transaction


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


def form_outcome(view, action, done) -> str:
    """The answer of a form's submission: ``action()`` does the change and
    returns the URL to go to next.

    Refused: the form again, with the reason in ``view.errors`` and the
    refusal's status, and the transaction doomed so that nothing the action
    wrote before refusing is kept. Done: ``done`` shown on the next page.
    """
    try:
        next_url = action()
    except MunicipalRefusal as refusal:
        transaction.doom()
        view.errors = [reason_of(refusal, view.request)]
        view.request.response.setStatus(refusal.status)
        return view.index()
    api.portal.show_message(translate(done, context=view.request), request=view.request)
    view.request.response.redirect(next_url)
    return ""
