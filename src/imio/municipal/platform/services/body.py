"""The JSON object a REST service reads from its request: one reader for all.

The request guard (``request_guard.check_rest_write``) refuses a malformed
body before traversal, but only for a body sent as JSON or without a type: a
script signed in with a password may still send ``text/plain``, and a view may
call a service itself. Every service reads its body here, so whatever the way
in, a body that is not a JSON object is the same 400 with the same reason in
the user's language, and the service changes nothing.

>>> from types import SimpleNamespace
>>> request = SimpleNamespace(get={"BODY": b'{"text": "Bonjour"}'}.get,
...                           getHeader=lambda name: "application/json")
>>> json_object(request)
{'text': 'Bonjour'}
"""

from imio.municipal import _
from imio.municipal.errors import InvalidInput
from imio.municipal.platform.services.request_guard import body_problem
from imio.municipal.platform.services.request_guard import is_json
from imio.municipal.platform.services.request_guard import malformed_body
from plone.protect.interfaces import IDisableCSRFProtection
from zope.interface import alsoProvides

import json


def _refused(message) -> InvalidInput:
    error = InvalidInput(str(message))
    # Kept whole: the reason is translated when answered (default, mapping).
    error.message = message
    return error


def json_object(request, *, json_only: bool = False) -> dict:
    """The request's body as a JSON object; ``{}`` when there is none.

    Raises InvalidInput (answered 400 with its reason) for a body that is not
    JSON or not an object, and, with ``json_only``, for a request not sent as
    ``application/json``.
    """
    if json_only:
        content_type = request.getHeader("Content-Type") or ""
        if not is_json(content_type):
            raise _refused(
                _(
                    "refusal_body_not_sent_as_json",
                    default="Send the request as JSON (Content-Type: application/json); "
                    "received « ${type} ».",
                    mapping={"type": content_type or "-"},
                )
            )
    body = request.get("BODY")
    problem = body_problem(body)
    if problem:
        raise _refused(malformed_body(problem))
    return json.loads(body) if body else {}


def json_write(request, *, json_only: bool = False) -> dict:
    """The body of a write (see ``json_object``), Plone's form token not
    needed: a REST write sent with the browser session must be JSON (the
    request guard), which a cross-site page cannot send without the browser
    asking this site first (CORS)."""
    data = json_object(request, json_only=json_only)
    alsoProvides(request, IDisableCSRFProtection)
    return data
