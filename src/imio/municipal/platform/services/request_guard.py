"""REST writes: checked once after traversal, for every service.

Sent with the browser session, they must be JSON (CSRF).

A cross-site page can make a browser send a "simple" request (POST with
``text/plain``, a form encoding or no body) with its session cookie and
without a CORS preflight; plone.restapi reads the body as JSON whatever its
type. A JSON content type needs a preflight, which another origin does not
pass. So a write authenticated by the session cookie must say it is JSON;
a DELETE without a body needs a preflight anyway. Requests authenticated by
an ``Authorization`` header (Basic, Bearer) cannot be forged that way and
keep their behaviour.

A JSON body must be an object: plone.restapi's services read it before
anything else, and a malformed one made some of them fail (500) and others
answer an untranslated "Malformed body".
"""

from imio.municipal import _
from imio.municipal.interfaces import IImioMunicipalLayer
from plone.rest.interfaces import IAPIRequest
from zExceptions import BadRequest
from zope.i18n import translate

import json


WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})
BODY_METHODS = frozenset({"POST", "PATCH", "PUT"})
JSON_TYPES = {
    list: "array",
    str: "string",
    type(None): "null",
    bool: "boolean",
    int: "number",
    float: "number",
}
SESSION_COOKIES = ("__ac",)


def is_json(content_type: str) -> bool:
    """``application/json`` or a ``+json`` type, parameters ignored.

    >>> is_json("application/json; charset=utf-8"), is_json("text/plain")
    (True, False)
    """
    media = content_type.split(";")[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def session_write_refusal(method: str, content_type: str, authorization: str, cookies) -> bool:
    """Whether a REST request must be refused as a possible cross-site forgery."""
    if method not in WRITE_METHODS or authorization:
        return False
    if not any(cookies.get(name) for name in SESSION_COOKIES):
        return False
    if method == "DELETE" and not content_type:
        return False
    return not is_json(content_type)


def body_problem(body: bytes | str | None) -> str | None:
    """Why a JSON body is not an object (None: empty or an object).

    >>> body_problem(b'{"title": "x"}'), body_problem(b""), body_problem(b"[1, 2]")
    (None, None, 'array')
    >>> body_problem(b'{"@type": 1}')
    '@type: number'
    """
    if not body:
        return None
    try:
        data = json.loads(body)
    except ValueError as error:
        return str(error)
    if not isinstance(data, dict):
        return JSON_TYPES.get(type(data), "?")
    if "@type" in data and not isinstance(data["@type"], str):
        # plone.restapi looks the type name up as a text (500 otherwise).
        return "@type: " + JSON_TYPES.get(type(data["@type"]), "?")
    return None


def check_rest_write(event):
    request = event.request
    if not (IAPIRequest.providedBy(request) and IImioMunicipalLayer.providedBy(request)):
        return
    content_type = request.getHeader("Content-Type") or ""
    refuse_session_writes_without_json(request, content_type)
    if request.get("REQUEST_METHOD") in BODY_METHODS and (
        not content_type or is_json(content_type)
    ):
        problem = body_problem(request.get("BODY"))
        if problem:
            raise BadRequest(translate(malformed_body(problem), context=request))


def malformed_body(reason: str):
    return _(
        "refusal_body_not_json_object",
        default="The body of the request must be a JSON object ({…}): ${reason}.",
        mapping={"reason": reason},
    )


def refuse_session_writes_without_json(request, content_type: str):
    if session_write_refusal(
        request.get("REQUEST_METHOD", "GET"),
        content_type,
        request._auth or "",
        request.cookies,
    ):
        message = _(
            "refusal_session_write_not_json",
            default="A change sent with the browser session must be JSON "
            "(Content-Type: application/json); received « ${type} ». "
            "Scripts and other applications authenticate with a token or a password.",
            mapping={"type": content_type or "-"},
        )
        raise BadRequest(translate(message, context=request))
