"""One reader of REST bodies for every service: a body that is not a JSON
object is the same 400 with the same French reason, whichever service and
whichever way in (a script with a password may send ``text/plain``, which
the request guard lets through)."""

from imio.municipal.errors import InvalidInput
from imio.municipal.platform.services.body import json_object
from imio.municipal.platform.services.body import json_write
from plone.protect.interfaces import IDisableCSRFProtection
from types import SimpleNamespace
from zope.interface import alsoProvides
from zope.interface import Interface

import pytest


class FakeRequest(SimpleNamespace):
    def get(self, name, default=None):
        return getattr(self, name, default)

    def getHeader(self, name):
        return self.content_type


def _request(body, content_type="application/json"):
    request = FakeRequest(BODY=body, content_type=content_type)
    alsoProvides(request, Interface)
    return request


def test_an_object_is_read_and_an_empty_body_is_an_empty_object():
    assert json_object(_request(b'{"text": "Bonjour"}')) == {"text": "Bonjour"}
    assert json_object(_request(b"")) == {}
    assert json_object(_request(None)) == {}


@pytest.mark.parametrize(
    "body,reason",
    [(b"[1, 2]", "array"), (b"null", "null"), (b'"text"', "string"), (b"{", "Expecting")],
)
def test_anything_but_an_object_is_refused_with_its_reason(body, reason):
    with pytest.raises(InvalidInput) as refused:
        json_object(_request(body))
    message = refused.value.reason()
    assert message == "refusal_body_not_json_object"
    assert message.mapping["reason"].startswith(reason)


def test_json_only_refuses_another_type_even_with_an_object():
    with pytest.raises(InvalidInput) as refused:
        json_object(_request(b"{}", "text/plain"), json_only=True)
    assert refused.value.reason() == "refusal_body_not_sent_as_json"
    assert refused.value.reason().mapping == {"type": "text/plain"}
    assert json_object(_request(b"{}", "application/json; charset=utf-8"), json_only=True) == {}


def test_a_write_needs_no_form_token_only_once_read():
    request = _request(b"[]")
    with pytest.raises(InvalidInput):
        json_write(request)
    assert not IDisableCSRFProtection.providedBy(request)
    request = _request(b'{"a": 1}')
    assert json_write(request) == {"a": 1}
    assert IDisableCSRFProtection.providedBy(request)


NOT_JSON = "Envoyez la requête en JSON (Content-Type: application/json) ; reçu « text/plain »."
NOT_AN_OBJECT = "Le corps de la requête doit être un objet JSON ({…}) : array."


@pytest.mark.parametrize(
    "method,path",
    [
        ("post", "/@onboard-municipality"),
        ("post", "/namur/@personnel"),
        ("put", "/namur/@authentic-authorisations"),
        ("post", "/namur/@demarches"),
    ],
)
@pytest.mark.parametrize("content_type", ["application/json", "text/plain"])
def test_every_service_refuses_a_body_that_is_not_an_object_alike(
    api_as, method, path, content_type
):
    admin = api_as("admin")
    answer = getattr(admin, method)(path, data="[1, 2]", headers={"Content-Type": content_type})
    assert answer.status_code == 400, answer.text
    message = answer.json().get("message") or answer.json()["error"]["message"]
    if content_type == "text/plain" and path.endswith(("authorisations", "@demarches")):
        # The services a citizen's browser may reach take JSON only.
        assert message == NOT_JSON
    else:
        assert message == NOT_AN_OBJECT
    assert "traceback" not in answer.text
