"""The BCED connector against its simulator: numbers checked first, answers
read strictly, every failure a refusal with a reason (never another exception)."""

from imio.municipal.authentic.answers import applicant_fields
from imio.municipal.authentic.answers import parse_enterprise
from imio.municipal.authentic.answers import parse_person
from imio.municipal.authentic.answers import SourceFailure
from imio.municipal.authentic.answers import UnknownNumber
from imio.municipal.authentic.client import BcedClient
from imio.municipal.authentic.identifiers import InvalidNumber
from imio.municipal.authentic.simulator import serve_in_thread

import pytest
import requests
import socket


TOKEN = "bced-token"


@pytest.fixture(scope="module")
def simulator():
    base_url, stop = serve_in_thread(TOKEN, slow_seconds=2.0)
    yield base_url
    stop()


@pytest.fixture
def client(simulator):
    yield BcedClient(simulator, TOKEN, read_timeout=0.5)
    fault(simulator, "none")


def fault(base_url, mode):
    response = requests.post(
        f"{base_url}/_sim/faults", json={"mode": mode}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 200, response.text


def seen(base_url) -> list[dict]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    return requests.get(f"{base_url}/_sim/requests", headers=headers).json()["requests"]


def test_a_person_by_niss_with_purpose_and_requester(client, simulator):
    person = client.lookup("person", "85.07.30-033.28", "urbanism-permit", "92094")
    assert person.niss == "85073003328"
    assert person.name == "Marie Lambotte"
    assert str(person.birth_date) == "1985-07-30"
    assert applicant_fields(person) == {
        "name": "Marie Lambotte",
        "address": "Rue de Fer 12, 5000 Namur",
    }
    assert seen(simulator)[-1] == {
        "path": "/persons/85073003328",
        "purpose": "urbanism-permit",
        "requester": "92094",
    }


def test_an_enterprise_by_bce_with_its_seat_and_a_box(client):
    enterprise = client.lookup("enterprise", "BE0216.689.981", "urbanism-permit", "92094")
    assert (enterprise.name, enterprise.legal_form) == ("Immo Meuse", "SRL")
    assert enterprise.address.line() == "Boulevard d'Herbatte 44, 5000 Namur"
    person = client.lookup("person", "72110345673", "urbanism-permit", "92094")
    assert person.address.line() == "Chaussée de Louvain 240 bte 3, 5020 Champion"


def test_a_mistyped_number_never_reaches_the_source(client, simulator):
    before = len(seen(simulator))
    with pytest.raises(InvalidNumber) as refused:
        client.lookup("person", "85073003329", "urbanism-permit", "92094")
    assert refused.value.status == 400
    assert "85073003329" in refused.value.message.mapping["value"]
    with pytest.raises(InvalidNumber):
        client.lookup("enterprise", "0216.689.982", "urbanism-permit", "92094")
    assert len(seen(simulator)) == before


def test_an_unknown_number_is_a_400_naming_it(client):
    with pytest.raises(UnknownNumber) as refused:
        client.lookup("person", "65010110177", "urbanism-permit", "92094")
    assert refused.value.status == 400
    assert refused.value.message.mapping == {"number": "65010110177"}


@pytest.mark.parametrize(
    "mode, kind",
    [
        ("down", "down"),
        ("garbage", "malformed"),
        ("wrong-number", "malformed"),
        ("slow", "timeout"),
    ],
)
def test_service_failures_say_what_happened(client, simulator, mode, kind):
    fault(simulator, mode)
    with pytest.raises(SourceFailure) as failed:
        client.lookup("person", "85073003328", "urbanism-permit", "92094")
    assert failed.value.kind == kind
    assert failed.value.status == 503


def test_a_wrong_token_is_a_refusal_of_the_source(simulator):
    with pytest.raises(SourceFailure) as failed:
        BcedClient(simulator, "wrong").lookup("person", "85073003328", "p", "92094")
    assert failed.value.kind == "refused"


def test_a_request_without_purpose_is_refused_by_the_source(simulator):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert requests.get(f"{simulator}/persons/85073003328", headers=headers).status_code == 403


def test_nobody_listening_is_a_down_source():
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    with pytest.raises(SourceFailure) as failed:
        BcedClient(f"http://127.0.0.1:{port}", TOKEN).lookup("enterprise", "0216689981", "p", "1")
    assert failed.value.kind == "down"


@pytest.mark.parametrize(
    "answer",
    [
        None,
        [],
        {"niss": "85073003328", "last_name": "", "first_names": ["A"], "birth_date": "1985-07-30"},
        {"niss": "85073003328", "last_name": "X", "first_names": "A", "birth_date": "1985-07-30"},
        {"niss": "85073003328", "last_name": "X", "first_names": ["A"], "birth_date": "30/07/1985"},
        {"niss": "85073003328", "last_name": "X", "first_names": ["A"], "birth_date": "1985-07-30"},
        {"niss": "85073003328", "last_name": 3, "first_names": ["A"], "birth_date": "1985-07-30"},
    ],
)
def test_malformed_person_answers_are_refused(answer):
    with pytest.raises(SourceFailure) as failed:
        parse_person(answer, "85073003328")
    assert failed.value.kind == "malformed"


def test_an_enterprise_seat_must_have_a_place():
    seat = {"street": "Rue", "number": "1", "postal_code": "", "municipality": "Namur"}
    with pytest.raises(SourceFailure):
        parse_enterprise({"bce": "0216689981", "name": "X", "registered_seat": seat}, "0216689981")
    seat["postal_code"] = "5000"
    found = parse_enterprise(
        {"bce": "0216689981", "name": "X", "registered_seat": seat}, "0216689981"
    )
    assert found.address.line() == "Rue 1, 5000 Namur"
