"""The register of processing activities over REST: per municipality, kept by
its secretariat, completed without touching the generated columns, as CSV."""

from imio.municipal.records.completion import completed
from imio.municipal.upgrades import v1013_records
from plone import api

import csv
import io
import pikepdf
import subprocess
import transaction


URL = "/namur/@processing-register"
SECRETARY = "namur-secretaire"
DPO = "namur-dpo"


def test_the_secretariat_reads_the_generated_register(api_as):
    body = api_as(SECRETARY).get(URL).json()
    pu = next(a for a in body["activities"] if a["code"] == "pu")
    assert pu["purpose"] == "Instruction des permis et certificats d'urbanisme"
    assert "BCED" in pu["sources"]  # Namur is authorised (demo)
    assert pu["recipients"] == "Plateforme des permis (Région wallonne)"


def test_only_its_secretariat_and_the_platform(api_as):
    assert api_as("namur-agent-urbanisme").get(URL).status_code in (401, 403)
    assert api_as("gembloux-secretaire").get(URL).status_code in (401, 403)
    assert api_as("namur-college").get(URL).status_code in (401, 403)
    assert api_as("admin").get(URL).status_code == 200


def test_completing_it_keeps_the_generated_columns(api_as, functional_portal):
    secretary, dpo = api_as(SECRETARY), api_as(DPO)
    done = dpo.patch(
        URL,
        json={
            "controller": {"dpo_contact": "dpo@namur.be"},
            "activities": {"pu": {"security_measures": "Accès par service"}},
        },
    )
    assert done.status_code == 200, done.text
    refused = dpo.patch(
        URL, json={"activities": {"pu": {"purpose": "x"}, "cu1": {"notes": "kept?"}}}
    )
    assert refused.status_code == 400
    assert "purpose" in refused.json()["message"]
    assert dpo.patch(URL, json={"activities": {"nope": {}}}).status_code == 400
    # The secretariat reads the register; only the DPO completes it.
    for login in (SECRETARY, "admin", "gembloux-dpo"):
        answer = api_as(login).patch(URL, json={"activities": {"cu1": {"notes": login}}})
        assert answer.status_code in (401, 403), login
    transaction.begin()
    kept = completed(functional_portal["namur"])
    assert kept == {
        "controller": {"dpo_contact": "dpo@namur.be"},
        "activities": {"pu": {"security_measures": "Accès par service"}},
    }
    pu = next(a for a in secretary.get(URL).json()["activities"] if a["code"] == "pu")
    assert pu["security_measures"] == "Accès par service"
    assert pu["purpose"] == "Instruction des permis et certificats d'urbanisme"


def test_the_csv_export(api_as):
    response = api_as(SECRETARY).get(URL, params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "registre-traitements-namur.csv" in response.headers["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8")), delimiter=";"))
    assert lines[0][0] == "Commune"
    header = lines.index(next(line for line in lines if line[:2] == ["code", "name"]))
    assert {line[0] for line in lines[header + 1 :]} >= {"pu", "cu1", "deliberation"}


def test_the_upgrade_maps_the_permissions(portal):
    for permission in v1013_records.PERMISSIONS:
        portal.manage_permission(permission, roles=[], acquire=False)
    secretary = {"username": "namur-secretaire", "obj": portal["namur"]}
    assert not any(api.user.has_permission(p, **secretary) for p in v1013_records.PERMISSIONS)
    v1013_records.upgrade()
    assert all(api.user.has_permission(p, **secretary) for p in v1013_records.PERMISSIONS)


def test_the_pdf_export_has_one_section_per_activity(api_as):
    secretary = api_as(SECRETARY)
    api_as(DPO).patch(URL, json={"activities": {"cu1": {"notes": "Registre revu en conseil"}}})
    response = secretary.get(URL, params={"format": "pdf"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert "registre-traitements-namur.pdf" in response.headers["Content-Disposition"]
    activities = secretary.get(URL).json()["activities"]
    with pikepdf.open(io.BytesIO(response.content)) as pdf:
        assert len(pdf.pages) >= 2
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode("utf-8")
    assert "Registre des activités de traitement" in text
    assert "Commune : Namur" in text
    for activity in activities:  # each one its own section, under French headings
        assert f"{activity['name']} ({activity['code']})" in text
    assert text.count("Finalités du traitement") == len(activities)
    assert "Durée de conservation" in text and "Registre revu en conseil" in text
    assert api_as("namur-agent-urbanisme").get(URL, params={"format": "pdf"}).status_code in (
        401,
        403,
    )
