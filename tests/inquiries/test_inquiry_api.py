"""The public inquiries over REST (real HTTP), written to docs/http-examples/."""

from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from pathlib import Path

import importlib.util
import transaction


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TESTS = Path(__file__).parents[1]
save = _load("session_examples", TESTS / "sessions" / "test_session_http_examples.py").save
inquiry_fixtures = _load("inquiry_fixtures", Path(__file__).with_name("conftest.py"))


def test_inquiry_over_rest(api_as, request_factory, functional_portal):
    dossier = inquiry_fixtures.examined_dossier(functional_portal)
    marie = inquiry_fixtures.helpers.make_citizen(inquiry_fixtures.helpers.MARIE)
    transaction.commit()
    path = "/".join(dossier.getPhysicalPath()[2:])
    agent = api_as("namur-agent-urbanisme")
    refused = agent.post(
        f"/{path}/@enquete-publique",
        json={"start": (belgian_today() + timedelta(days=365)).isoformat(), "released": []},
        headers={"Accept-Language": "fr"},
    )
    assert refused.status_code == 400
    assert "Le premier jour de l'enquête" in refused.json()["error"]["message"]
    save("inquiry_open_400", refused)
    opened = agent.post(
        f"/{path}/@enquete-publique",
        json={"start": belgian_today().isoformat(), "released": [dossier["plan-masque"].UID()]},
    )
    assert opened.status_code == 201, opened.text
    save("inquiry_open", opened)
    inquiry_path = f"{path}/{opened.json()['@id'].rsplit('/', 1)[1]}"
    notices = api_as().get("/namur/publications/@enquetes-publiques")
    assert [item["title"] for item in notices.json()["items"]] == ["Immeuble de quatre logements"]
    save("inquiry_notices", notices)
    citizen = request_factory(basic_auth=(marie, "never-used-Passw0rd"))
    sent = citizen.post(f"/{inquiry_path}/@observations", json={"text": "Trop haut."})
    assert sent.status_code == 201, sent.text
    save("inquiry_observation_post", sent)
    empty = citizen.post(
        f"/{inquiry_path}/@observations", json={"text": " "}, headers={"Accept-Language": "fr"}
    )
    assert empty.status_code == 400 and empty.json()["error"]["message"] == (
        "Rédigez votre observation."
    )
    save("inquiry_observation_400", empty)
    assert api_as().get(f"/{inquiry_path}/@observations").status_code in (401, 403)
    assert (
        api_as("gembloux-agent-urbanisme").get(f"/{inquiry_path}/@observations").status_code == 403
    )
    listed = agent.get(f"/{inquiry_path}/@observations")
    assert [item["text"] for item in listed.json()["items"]] == ["Trop haut."]
    save("inquiry_observations_get", listed)
    early = agent.post(f"/{inquiry_path}/@workflow/close")
    assert early.status_code == 400, early.text
    anonymous_notice = api_as().get(f"/{inquiry_path}")
    assert anonymous_notice.status_code == 200
    assert "Trop haut" not in anonymous_notice.text
