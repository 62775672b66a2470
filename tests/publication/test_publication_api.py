"""REST: the preview and the choices before publishing, then publishing."""

from imio.municipal.testing import require_libreoffice
from plone.app.textfield.value import RichTextValue

import pytest
import transaction


SUSPECT = "<p>Vu le courrier de M. Octave Delvaux du 3 mars ;</p>"


@pytest.fixture
def act_url(functional, functional_portal, act_factory, no_timestamps):
    require_libreoffice(functional)
    act = act_factory(functional_portal)
    act.motivation = RichTextValue(SUSPECT, "text/html", "text/x-html-safe")
    transaction.commit()
    return act.absolute_url().removeprefix(functional_portal.absolute_url())


def test_the_preview_lists_what_is_found(api_as, act_url):
    body = api_as("namur-secretaire").get(f"{act_url}/@publication").json()
    assert body["review_state"] == "executory"
    assert body["publishable"] is False
    [suspect] = [item for item in body["items"] if item["undecided"]]
    assert suspect["text"] == "Octave Delvaux" and suspect["certain"] is False
    assert "[donnée masquée – RGPD]" in body["text"]
    assert "Vandermeulen" not in body["text"]


@pytest.mark.parametrize(
    "login", ["namur-agent-finances", "namur-college", "gembloux-secretaire", None]
)
def test_only_the_secretariat_sees_the_preview(api_as, act_url, login):
    assert api_as(login).get(f"{act_url}/@publication").status_code in (401, 403, 404)


def test_publishing_is_refused_until_decided_then_succeeds(api_as, act_url, functional_portal):
    secretary = api_as("namur-secretaire")
    refused = secretary.post(f"{act_url}/@workflow/publish")
    assert refused.status_code == 400
    assert "Octave Delvaux" in refused.json()["error"]["message"]
    assert secretary.get(act_url).json()["review_state"] == "executory"

    key = next(
        item["key"]
        for item in secretary.get(f"{act_url}/@publication").json()["items"]
        if item["undecided"]
    )
    bad = secretary.post(
        f"{act_url}/@publication", json={"items": [{"key": key, "action": "release"}]}
    )
    assert bad.status_code == 400
    assert "Indiquez pourquoi" in bad.json()["error"]["message"]
    assert secretary.get(f"{act_url}/@publication").json()["publishable"] is False

    saved = secretary.post(
        f"{act_url}/@publication",
        json={"items": [{"key": key, "action": "release", "reason": "Avocat de la Ville"}]},
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["publishable"] is True
    published = secretary.post(f"{act_url}/@workflow/publish")
    assert published.status_code == 200, published.text
    versions = secretary.get(f"{act_url}/@publication").json()["versions"]
    assert len(versions) == 1 and "/namur/publications/" in versions[0]
    # The public version answers anonymous REST clients, masked.
    public = api_as().get(versions[0].removeprefix(functional_portal.absolute_url())).json()
    assert "Octave Delvaux" in public["text"]["data"]
    assert "Vandermeulen" not in str(public)
    # Published: publishing again is not offered, and the answer says why.
    again = secretary.post(f"{act_url}/@workflow/publish")
    assert again.status_code == 400
    assert "« Publier » n'est pas possible dans l'état" in again.json()["error"]["message"]


def test_unknown_items_and_annexes_are_refused(api_as, act_url):
    secretary = api_as("namur-secretaire")
    response = secretary.post(
        f"{act_url}/@publication",
        json={
            "items": [{"key": "person:nobody", "action": "mask"}],
            "annexes": [{"UID": "x", "release": True, "reason": "r"}],
        },
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["errors"]) == {"person:nobody", "x"}
    response = secretary.post(f"{act_url}/@publication", json=[1])
    assert response.status_code == 400, response.text
