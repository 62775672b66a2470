"""The daily retention job: a proposal first, signed off by the secretariat,
then each file's fate with its record; never a file under a legal hold;
a second run does nothing more; a dry run changes nothing."""

from datetime import date
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.jobs import retention as job
from imio.municipal.records import disposal
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from zope.annotation.interfaces import IAnnotations

import argparse
import io
import pytest
import re
import transaction


AGENT = "namur-agent-urbanisme"
LATER = date(2080, 1, 1)  # every file closed today is then past retention


def withdrawn(portal, procedure, title):
    dossier = build_dossier(portal, procedure=procedure, title=title)
    do_transition(dossier, AGENT, "receive")
    do_transition(dossier, AGENT, "withdraw", comment="Demande retirée")
    return dossier


@pytest.fixture
def closed(functional_portal):
    with api.env.adopt_user(SITE_OWNER_NAME):
        files = {
            "cu1": withdrawn(functional_portal, "cu1", "Certificat rue Haute"),
            "pe3": withdrawn(functional_portal, "pe3", "Déclaration rue Basse"),
            "pu": withdrawn(functional_portal, "pu", "Permis rue Neuve"),
            "held": withdrawn(functional_portal, "cu1", "Certificat en recours"),
        }
        disposal.set_hold(files["held"], True, "Recours pendant au Conseil d'État")
    transaction.commit()
    return {key: api.content.get_uuid(obj) for key, obj in files.items()}


def get(uid):
    """The object of ``uid`` whoever runs the test, None once deleted."""
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if brains else None


def run(portal, dry_run=False):
    options = argparse.Namespace(today=LATER, dry_run=dry_run)
    err = io.StringIO()
    transaction.begin()  # see what the REST requests committed
    summary = job.run_one(portal, options, "namur", err)
    transaction.begin()
    return summary, err.getvalue()


def ours(portal, uids):
    found = disposal.proposal(portal["namur"]) or {"items": []}
    return {item["uid"]: item["fate"] for item in found["items"] if item["uid"] in uids.values()}


def test_the_whole_cycle(functional_portal, closed):
    portal = functional_portal
    assert disposal.closed_on(get(closed["cu1"])) == date.today()

    summary, _ = run(portal, dry_run=True)
    assert summary["destroy"] >= 1 and summary["anonymise"] >= 1 and summary["transfer"] >= 1
    assert disposal.proposal(portal["namur"]) is None  # a dry run keeps nothing

    summary, _ = run(portal)
    assert summary["awaiting_sign_off"] == summary["due"] > 0
    assert ours(portal, closed) == {
        closed["cu1"]: "destroy",
        closed["pe3"]: "anonymise",
        closed["pu"]: "transfer",
    }  # never the file on hold
    assert get(closed["cu1"]) is not None  # nothing done unsigned

    with api.env.adopt_user(username="namur-secretaire"):
        disposal.sign_off(portal["namur"])
    transaction.commit()
    summary, progress = run(portal)
    assert summary["destroy"] >= 1 and summary["anonymise"] >= 1 and summary["transfer"] >= 1
    assert re.search(r"\] (\d+)/\1 namur\n$", progress), progress
    assert get(closed["cu1"]) is None
    anonymised = get(closed["pe3"])
    assert {row["name"] for row in anonymised.applicants} == {"Anonymisé"}
    assert not any(row.get("niss") for row in anonymised.applicants)
    assert get(closed["pu"]) is not None
    assert get(closed["held"]) is not None
    records = {r["uid"]: r for r in disposal.disposal_records(portal["namur"])}
    assert records[closed["cu1"]]["signed_by"] == "namur-secretaire"
    assert records[closed["cu1"]]["title"] == "Certificat rue Haute"
    assert "cu1: 10 ans, destroy" in records[closed["cu1"]]["rule"]
    count = len(records)

    # Idempotent: nothing of ours is due any more, nothing more is recorded.
    run(portal)
    assert ours(portal, closed) == {}
    assert len(disposal.disposal_records(portal["namur"])) == count


def test_a_hold_put_after_the_sign_off_still_protects_the_file(functional_portal, closed):
    portal = functional_portal
    run(portal)
    with api.env.adopt_user(username="namur-secretaire"):
        disposal.sign_off(portal["namur"])
        disposal.set_hold(get(closed["cu1"]), True, "Plainte")
    transaction.commit()
    summary, _ = run(portal)
    assert summary["skipped"] >= 1
    assert get(closed["cu1"]) is not None


def test_the_rest_api_of_the_secretariat(api_as, functional_portal, closed):
    secretary, agent = api_as("namur-secretaire"), api_as(AGENT)
    dossier_url = get(closed["pu"]).absolute_url()
    assert agent.post(
        f"{dossier_url}/@legal-hold", json={"hold": True, "reason": "x"}
    ).status_code in (401, 403)
    refused = secretary.post(f"{dossier_url}/@legal-hold", json={"hold": True})
    assert refused.status_code == 400
    held = secretary.post(f"{dossier_url}/@legal-hold", json={"hold": True, "reason": "Recours"})
    assert held.json() == {"hold": True}
    nothing = secretary.post("/namur/@retention", json={"sign_off": True})
    assert nothing.status_code == 400
    run(functional_portal)
    signed = secretary.post("/namur/@retention", json={"sign_off": True})
    assert signed.status_code == 200, signed.text
    assert signed.json()["proposal"]["signed_by"] == "namur-secretaire"
    assert closed["pu"] not in {i["uid"] for i in signed.json()["proposal"]["items"]}
    assert api_as("gembloux-secretaire").get("/namur/@retention").status_code in (401, 403)


SESSION = date(2026, 10, 26)


def adopted(portal, title, **fields):
    act = build_act(portal, title=title, session_date=SESSION, **fields)
    do_transition(act, "namur-chef-finances", "propose")
    do_transition(act, "namur-secretaire", "validate")
    do_transition(act, "namur-secretaire", "adopt")
    return act


def test_adopted_acts_are_transferred_per_the_table(functional_portal):
    portal = functional_portal
    with api.env.adopt_user(SITE_OWNER_NAME):
        acts = {
            "council": adopted(portal, "Règlement des cimetières"),
            "college": adopted(portal, "Marché de voirie", kind="college_decision", body="college"),
            "held": adopted(portal, "Taxe contestée"),
            "draft": build_act(portal, title="Projet non adopté", session_date=SESSION),
        }
        disposal.set_hold(acts["held"], True, "Recours en annulation")
    transaction.commit()
    uids = {key: api.content.get_uuid(act) for key, act in acts.items()}

    def due_on(day):
        return {api.content.get_uuid(o) for o, _r, _s in disposal.due_files(portal["namur"], day)}

    # 30 years from the session: not the day before, from the day itself.
    assert uids["council"] not in due_on(date(2056, 10, 25))
    assert uids["council"] in due_on(date(2056, 10, 26))

    run(portal)
    assert ours(portal, uids) == {uids["council"]: "transfer", uids["college"]: "transfer"}
    item = next(
        i for i in disposal.proposal(portal["namur"])["items"] if i["uid"] == uids["council"]
    )
    assert item["type"] == "act" and item["kind"] == "deliberation"
    assert item["adopted"] == SESSION.isoformat() and item["reference"].startswith("2026/")

    with api.env.adopt_user(username="namur-secretaire"):
        disposal.sign_off(portal["namur"])
    transaction.commit()
    summary, _ = run(portal)
    assert summary["transfer"] >= 2
    for key in ("council", "college"):
        act = get(uids[key])
        assert act is not None  # transferred, never destroyed
        assert api.content.get_state(act) == "adopted"
        assert IAnnotations(act)[disposal.DONE_KEY]["fate"] == "transfer"
    assert disposal.DONE_KEY not in IAnnotations(get(uids["held"]))
    records = {r["uid"]: r for r in disposal.disposal_records(portal["namur"])}
    assert records[uids["council"]]["signed_by"] == "namur-secretaire"
    assert "deliberation: 30 ans, transfer" in records[uids["council"]]["rule"]
    count = len(records)

    run(portal)  # idempotent
    assert ours(portal, uids) == {}
    assert len(disposal.disposal_records(portal["namur"])) == count


def test_a_legal_hold_on_an_act_over_rest(api_as, functional_portal):
    with api.env.adopt_user(SITE_OWNER_NAME):
        act = adopted(functional_portal, "Ordonnance contestée", kind="police_ordinance")
    transaction.commit()
    url = act.absolute_url()
    secretary = api_as("namur-secretaire")
    assert api_as("namur-agent-finances").post(
        f"{url}/@legal-hold", json={"hold": True, "reason": "x"}
    ).status_code in (401, 403)
    held = secretary.post(f"{url}/@legal-hold", json={"hold": True, "reason": "Recours"})
    assert held.json() == {"hold": True}
    run(functional_portal)
    assert api.content.get_uuid(act) not in ours(functional_portal, {"a": act.UID()})
