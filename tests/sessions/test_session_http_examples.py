"""Real HTTP exchanges of a college session, written to docs/http-examples/."""

from imio.municipal.core.calendar import belgian_today
from pathlib import Path
from plone import api

import importlib.util
import re
import transaction


def _load_save():
    path = Path(__file__).parents[1] / "platform" / "test_http_examples.py"
    spec = importlib.util.spec_from_file_location("http_examples", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.save


save_exchange = _load_save()
EXAMPLES = Path(__file__).parents[2] / "docs" / "http-examples"


def save(name: str, response) -> None:
    """Save the exchange without what changes from run to run (uids, ids, dates)."""
    save_exchange(name, response)
    for suffix in (".req", ".resp"):
        path = EXAMPLES / f"{name}{suffix}"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"[0-9a-f]{32}", "<uid>", text)
        text = re.sub(r'"[0-9a-f]{12}"', '"<item id>"', text)
        text = re.sub(r"\d{4}-\d{2}-\d{2}", "<date>", text)
        text = re.sub(r"\d{2}/\d{2}/\d{4}", "<dd/mm/yyyy>", text)
        text = re.sub(r"\d{2}-\d{2}-\d{4}", "<dd-mm-yyyy>", text)
        path.write_text(text, encoding="utf-8")


def validated_act(api_as, title):
    created = api_as("namur-agent-finances").post(
        "/namur/actes",
        json={
            "@type": "Act",
            "title": title,
            "kind": "college_decision",
            "body": "college",
            "responsible_service": "finances",
        },
    )
    assert created.status_code == 201, created.text
    url = created.json()["@id"]
    assert api_as("namur-chef-finances").post(f"{url}/@workflow/propose").status_code == 200
    assert api_as("namur-secretaire").post(f"{url}/@workflow/validate").status_code == 200
    return created.json()["UID"]


def test_session_examples(api_as, functional_portal, functional):
    # A small college of its own: the demo's composition is set aside.
    folder = functional_portal["namur"]["seances"]
    with api.env.adopt_roles(["Manager"]):
        folder.manage_delObjects(
            [obj.getId() for obj in folder.objectValues() if obj.portal_type == "Mandate"]
        )
    transaction.commit()
    secretary = api_as("namur-secretaire")
    mandates = []
    for person, office, rank in (
        ("Alice Fictive", "bourgmestre", None),
        ("Bruno Imaginaire", "echevin", 1),
        ("Chloé Exemple", "echevin", 2),
    ):
        response = secretary.post(
            "/namur/seances",
            json={"@type": "Mandate", "person": person, "office": office, "rank": rank,
                  "start": "2024-12-02"},
        )  # fmt: skip
        assert response.status_code == 201, response.text
        mandates.append(response.json()["UID"])
    created = secretary.post(
        "/namur/seances",
        json={"@type": "Session", "body": "college", "session_date": belgian_today().isoformat()},
    )
    assert created.status_code == 201, created.text
    session = created.json()["@id"]
    first = validated_act(api_as, "Achat de mobilier scolaire")
    second = validated_act(api_as, "Convention de prêt de matériel")

    added = secretary.post(f"{session}/@agenda", json={"act": first})
    assert added.status_code == 201
    save("session_agenda_post", added)
    assert secretary.post(f"{session}/@agenda", json={"act": second}).status_code == 201
    twice = secretary.post(f"{session}/@agenda", json={"act": first})
    assert twice.status_code == 400
    save("session_agenda_post_400", twice)
    items = secretary.get(f"{session}/@agenda").json()["items"]
    moved = secretary.post(
        f"{session}/@agenda-item", json={"item": items[1]["item"], "action": "move", "position": 1}
    )
    assert moved.status_code == 200
    save("session_agenda_item_move", moved)
    save("session_agenda_get", secretary.get(f"{session}/@agenda"))

    assert secretary.post(f"{session}/@workflow/convene").status_code == 200
    assert secretary.post(f"{session}/@workflow/open").status_code == 200
    no_quorum = secretary.post(f"{session}/@adopt-remaining")
    assert no_quorum.status_code == 400
    save("session_adopt_remaining_400", no_quorum)
    presences = secretary.post(
        f"{session}/@presences", json={"presences": {uid: "present" for uid in mandates[:2]}}
    )
    assert presences.status_code == 200
    save("session_presences_post", presences)
    over = secretary.post(
        f"{session}/@agenda-item",
        json={
            "item": items[0]["item"],
            "action": "vote",
            "mode": "secret",
            "totals": {"votes_for": 2, "votes_against": 1, "abstentions": 0},
        },
    )
    assert over.status_code == 400
    save("session_agenda_item_vote_400", over)
    adopted = secretary.post(f"{session}/@adopt-remaining")
    assert adopted.status_code == 200
    save("session_adopt_remaining", adopted)

    early = secretary.post(f"{session}/@minutes")
    assert early.status_code == 400
    save("session_minutes_post_400", early)
    assert secretary.post(f"{session}/@workflow/close").status_code == 200
    # Approving minutes is done while the next session is held, not on a closed one.
    approval = secretary.post(f"{session}/@minutes-approval", json={"remarks": ""})
    assert approval.status_code == 403
    assert "message" in approval.text
    save("session_minutes_approval_403", approval)
    if functional["libreoffice"] is None:
        return  # the PDF needs LibreOffice (the document tests say how to install it)
    generated = secretary.post(f"{session}/@minutes")
    assert generated.status_code == 201, generated.text
    assert generated.json()["generated"] is True
    save("session_minutes_post", generated)
    save("session_minutes_get", secretary.get(f"{session}/@minutes"))
