"""REST writes: forged browser-session requests and malformed bodies are
refused with a 400 and a reason, for the product's services and Plone's."""

from imio.municipal.demo.builders import PERSON
from imio.municipal.platform.services.request_guard import session_write_refusal

import doctest
import json
import pytest
import transaction


DOSSIER = {
    "@type": "Dossier",
    "title": "Extension d'une véranda",
    "procedure": "pu",
    "responsible_service": "urbanisme",
    "applicants": [PERSON],
}
AGENT = "namur-agent-urbanisme"


class Capture:
    def setCookie(self, name, value, **options):
        self.cookie = (name, value)


@pytest.fixture
def cookie_session(functional_portal, request_factory):
    """A REST session authenticated only by the ``__ac`` browser cookie."""
    capture = Capture()
    functional_portal.acl_users.session._setupSession(AGENT, capture)
    transaction.commit()
    session = request_factory(role="Anonymous")
    name, value = capture.cookie
    session.cookies.set(name, value.decode("ascii") if isinstance(value, bytes) else value)
    return session


def count(session):
    return session.get("/namur/dossiers").json()["items_total"]


def test_the_cookie_authenticates(cookie_session):
    assert cookie_session.get("/@users/" + AGENT).status_code == 200


def test_a_session_write_that_is_not_json_is_refused(cookie_session, api_as):
    before = count(api_as(AGENT))
    for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
        headers = {"Content-Type": content_type} if content_type else {}
        response = cookie_session.post("/namur/dossiers", data=json.dumps(DOSSIER), headers=headers)
        assert response.status_code == 400, (content_type, response.text)
        assert "JSON" in response.json()["message"]
    assert count(api_as(AGENT)) == before
    # Plone's own services too.
    response = cookie_session.patch(
        "/@users/" + AGENT, data='{"fullname": "X"}', headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 400
    assert "traceback" not in response.text


def test_a_session_write_in_json_works(cookie_session):
    response = cookie_session.post("/namur/dossiers", json=DOSSIER)
    assert response.status_code == 201, response.text


def test_basic_auth_keeps_its_behaviour(api_as):
    response = api_as(AGENT).post(
        "/namur/dossiers", data=json.dumps(DOSSIER), headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    "method,content_type,authorization,cookie,refused",
    [
        ("POST", "text/plain", "", "x", True),
        ("POST", "", "", "x", True),
        ("PATCH", "multipart/form-data; boundary=x", "", "x", True),
        ("PUT", "text/plain", "", "x", True),
        ("DELETE", "text/plain", "", "x", True),
        ("DELETE", "", "", "x", False),
        ("POST", "application/json; charset=utf-8", "", "x", False),
        ("POST", "application/merge-patch+json", "", "x", False),
        ("POST", "text/plain", "Basic eDp5", "x", False),
        ("POST", "text/plain", "Bearer abc", "x", False),
        ("POST", "text/plain", "", "", False),
        ("GET", "text/plain", "", "x", False),
    ],
)
def test_the_rule(method, content_type, authorization, cookie, refused):
    assert session_write_refusal(method, content_type, authorization, {"__ac": cookie}) is refused


@pytest.mark.parametrize("body", ["{", "[1, 2]", '"x"', "null", "42", "\xff"])
def test_a_body_that_is_not_a_json_object_is_a_400(api_as, body):
    agent = api_as(AGENT)
    before = count(agent)
    url = agent.post("/namur/dossiers", json=DOSSIER).json()["@id"]
    for method, path in (
        ("post", "/namur/dossiers"),
        ("patch", url),
        ("post", f"{url}/@workflow/receive"),
        ("post", "/@login"),
    ):
        response = getattr(agent, method)(
            path, data=body.encode("utf-8"), headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400, (method, path, response.text)
        answer = response.json()
        message = answer.get("message") or answer.get("error", {}).get("message", "")
        assert message and "Traceback" not in response.text
        if method == "patch" or path.endswith("dossiers"):
            assert "JSON" in message  # ours; @workflow and @login had their own 400
    assert count(agent) == before + 1
    assert (
        api_as("admin")
        .post(
            "/namur/dossiers",
            data=body.encode("utf-8"),
            headers={"Content-Type": "application/json"},
        )
        .json()
        .get("traceback")
        is None
    )


def test_docstring_examples():
    from imio.municipal.platform.services import request_guard

    result = doctest.testmod(request_guard)
    assert result.attempted > 0 and result.failed == 0
