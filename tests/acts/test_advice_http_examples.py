"""Real HTTP exchanges of the advice, written to docs/http-examples/ (see docs/rest-api.md)."""

from pathlib import Path

import importlib.util
import pytest
import re


def _load_save():
    path = Path(__file__).parents[1] / "platform" / "test_http_examples.py"
    spec = importlib.util.spec_from_file_location("http_examples", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.save


save_exchange = _load_save()
EXAMPLES = Path(__file__).parents[2] / "docs" / "http-examples"


def save(name: str, response) -> None:
    """Save the exchange without what changes from run to run (ids, dates)."""
    save_exchange(name, response)
    for suffix in (".req", ".resp"):
        path = EXAMPLES / f"{name}{suffix}"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'"[0-9a-f]{12}"', '"<advice id>"', text)
        text = re.sub(r"\d{4}-\d{2}-\d{2}", "<date>", text)
        text = re.sub(r"\d{2}/\d{2}/\d{4}", "<dd/mm/yyyy>", text)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def act_url(request_factory):
    agent = request_factory(basic_auth=("namur-agent-travaux", "demo"))
    created = agent.post(
        "/namur/actes",
        json={
            "@type": "Act",
            "id": "refection-rue-de-fer",
            "title": "Marché de travaux : réfection de la rue de Fer",
            "kind": "college_decision",
            "body": "college",
            "responsible_service": "travaux",
            "financial_impact": "126000.00",
        },
    )
    assert created.status_code == 201, created.text
    return created.json()["@id"]


def test_advice_ask_give_read(request_factory, act_url):
    agent = request_factory(basic_auth=("namur-agent-travaux", "demo"))
    asked = agent.post(f"{act_url}/@advice", json={"kind": "financial_director"})
    assert asked.status_code == 201
    save("advice_post", asked)
    advice_id = asked.json()["items"][0]["id"]
    director = request_factory(basic_auth=("namur-directeur-financier", "demo"))
    empty = director.post(
        f"{act_url}/@give-advice", json={"advice": advice_id, "sense": "unfavourable"}
    )
    assert empty.status_code == 400
    save("advice_give_400", empty)
    given = director.post(
        f"{act_url}/@give-advice",
        json={
            "advice": advice_id,
            "sense": "favourable_with_remarks",
            "text": "Crédit inscrit à l'article 421/731-60; vérifier le mode de financement.",
        },
    )
    assert given.status_code == 200
    save("advice_give", given)
    read = agent.get(f"{act_url}/@advice")
    assert read.json()["holds_back"] == []
    save("advice_get", read)


def test_advice_extension(request_factory, act_url):
    agent = request_factory(basic_auth=("namur-agent-travaux", "demo"))
    advice_id = agent.post(f"{act_url}/@advice", json={"kind": "financial_director"}).json()[
        "items"
    ][0]["id"]
    director = request_factory(basic_auth=("namur-directeur-financier", "demo"))
    extended = director.post(
        f"{act_url}/@advice-extension",
        json={"advice": advice_id, "reason": "Plan de financement à vérifier avec la tutelle."},
    )
    assert extended.status_code == 200
    assert extended.json()["items"][0]["extension_reason"]
    save("advice_extension_post", extended)
    twice = director.post(
        f"{act_url}/@advice-extension", json={"advice": advice_id, "reason": "Encore."}
    )
    assert twice.status_code == 400
    save("advice_extension_400", twice)
