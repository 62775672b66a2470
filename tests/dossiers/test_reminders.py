"""Deadline reminders on the demo: who gets a digest, about which files, how often.

On the demo (dates relative to the day it is built, which is the day the
tests run), with a 7-day window:

- Namur: 2026/generic/1 (travaux, overdue), 2026/pu/1 (proposed, overdue),
  2026/pu/2 and 2026/pu/3 (in progress, overdue); the CU1 and the incomplete
  file are due later; the decided file runs no deadline;
- Gembloux: 2026/pe2/1 (proposed, overdue); the others are due later or closed.
"""

from datetime import date
from datetime import timedelta
from email import message_from_bytes
from email import message_from_string
from email.header import decode_header
from email.header import make_header
from imio.municipal.dossiers.workflow import today
from imio.municipal.jobs.reminders import parse_args
from imio.municipal.jobs.reminders import RECORD_KEY
from imio.municipal.jobs.reminders import run
from imio.municipal.jobs.reminders import send_reminders
from imio.municipal.jobs.scaffolding import set_public_url
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.component.hooks import setSite

import io
import pytest


URBANISM_OVERDUE = {
    "Extension d'une maison unifamiliale",
    "Construction de 12 logements",
    "Abattage d'un arbre remarquable",
}
ROAD_WORKS = "Réfection de la voirie rue Saint-Nicolas"
GEMBLOUX_QUARRY = "Extension d'une carrière (classe 2)"
NOT_DUE = {
    "Certificat n° 1 : terrain rue des Carmes",  # due in about 20 days
    "Transformation d'un commerce en logement",  # incomplete, months left
    "Permis d'urbanisation « Les Hauts de Wépion »",  # decided
    "Rénovation d'une façade classée",  # closed
    "Construction d'un hangar agricole",
    "Demande d'éclairage public rue des Oies",
    "Placement de panneaux photovoltaïques",  # draft
}


def _text(header) -> str:
    return str(make_header(decode_header(header)))


def _parse(raw) -> dict:
    message = message_from_bytes(raw) if isinstance(raw, bytes) else message_from_string(raw)
    body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
    body = body.replace("\r\n", "\n")  # the MailHost sends CRLF line ends
    return {"to": message["To"], "subject": _text(message["Subject"]), "body": body}


class Outbox:
    """The mails the MockMailHost received since this was made."""

    def __init__(self, portal):
        self.mailhost = portal.MailHost
        self.start = len(self.mailhost.messages)

    def read(self) -> list[dict]:
        mails = [_parse(raw) for raw in self.mailhost.messages[self.start :]]
        self.start = len(self.mailhost.messages)
        return mails


def by_recipient(mails) -> dict[str, dict]:
    found = {}
    for mail in mails:
        assert mail["to"] not in found, f"two digests for {mail['to']}"
        found[mail["to"]] = mail
    return found


def address(login: str) -> str:
    return f"{login}@demo.imio.be"


@pytest.fixture
def outbox(portal):
    return Outbox(portal)


def test_who_gets_a_digest(portal, outbox):
    summary = send_reminders(portal, days=7)
    mails = by_recipient(outbox.read())
    assert set(mails) == {
        address("namur-agent-urbanisme"),
        address("namur-chef-urbanisme"),
        address("namur-agent-travaux"),
        address("namur-chef-travaux"),
        address("gembloux-agent-urbanisme"),
        address("gembloux-chef-urbanisme"),
        # The proposed files wait for the secretariat's decision.
        address("namur-secretaire"),
        address("gembloux-secretaire"),
    }
    assert summary["digests"] == 8
    assert summary["items"] == 3 + 3 + 1 + 1 + 1 + 1 + 1 + 1
    assert summary["skipped"] == 0
    assert summary["without_email"] == []
    assert summary["dossiers"] == 5


def test_the_agent_digest_lists_their_overdue_files(portal, outbox):
    send_reminders(portal, days=7)
    mail = by_recipient(outbox.read())[address("namur-agent-urbanisme")]
    assert mail["subject"] == "[Namur] Rappel des échéances : 3 dossiers en retard"
    body = mail["body"]
    assert body.startswith("Bonjour Claire Dubois (Namur, agent urbanisme),\n")
    assert "\nEn retard (3)\n" in body
    for title in URBANISM_OVERDUE:
        assert f" — {title}\n" in body
    dossier = portal.namur.dossiers["construction-de-12-logements"]
    deadline = dossier.decision_deadline.strftime("%d/%m/%Y")
    assert f"- {dossier.reference} — Construction de 12 logements\n" in body
    assert f"  échéance le {deadline} (en retard de " in body
    assert f"  {dossier.absolute_url()}\n" in body
    assert "En cours d'instruction" in body
    assert "— Proposé\n" in body  # workflow state titles, translated
    # Other services', other municipalities' and finished files are not listed.
    for title in {ROAD_WORKS, GEMBLOUX_QUARRY} | NOT_DUE:
        assert title not in body


def test_head_of_service_gets_the_service_files(portal, outbox):
    send_reminders(portal, days=7)
    mails = by_recipient(outbox.read())
    chief = mails[address("namur-chef-urbanisme")]["body"]
    assert chief.startswith("Bonjour Marc Lambert")
    assert all(title in chief for title in URBANISM_OVERDUE)
    works = mails[address("namur-chef-travaux")]
    assert ROAD_WORKS in works["body"]
    assert not any(title in works["body"] for title in URBANISM_OVERDUE)


def test_municipalities_are_kept_apart(portal, outbox):
    send_reminders(portal, days=7)
    mails = by_recipient(outbox.read())
    for login in ("gembloux-agent-urbanisme", "gembloux-chef-urbanisme"):
        mail = mails[address(login)]
        assert mail["subject"].startswith("[Gembloux] ")
        assert GEMBLOUX_QUARRY in mail["body"]
        assert "/namur/" not in mail["body"]
        assert not any(title in mail["body"] for title in URBANISM_OVERDUE | {ROAD_WORKS})
    for login, mail in mails.items():
        if login.startswith("namur-"):
            assert GEMBLOUX_QUARRY not in mail["body"]
            assert "/gembloux/" not in mail["body"]


def test_one_municipality(portal, outbox):
    summary = send_reminders(portal, days=7, municipality="gembloux")
    assert set(by_recipient(outbox.read())) == {
        address("gembloux-agent-urbanisme"),
        address("gembloux-chef-urbanisme"),
        address("gembloux-secretaire"),
    }
    assert summary["municipalities"] == 1
    with pytest.raises(ValueError):
        send_reminders(portal, municipality="atlantis")


def test_a_wider_window_adds_the_upcoming_files(portal, outbox):
    send_reminders(portal, days=60, municipality="namur")
    body = by_recipient(outbox.read())[address("namur-agent-urbanisme")]["body"]
    assert "Certificat n° 1 : terrain rue des Carmes" in body
    assert "\nÀ échéance dans les 60 jours (1)\n" in body
    assert "Permis d'urbanisation « Les Hauts de Wépion »" not in body  # decided


def test_not_twice_the_same_day_again_the_next_day(portal, outbox):
    day = today()
    first = send_reminders(portal, days=7, today=day)
    assert len(outbox.read()) == first["digests"] == 8

    again = send_reminders(portal, days=7, today=day)
    assert outbox.read() == []
    assert again["digests"] == 0
    assert again["skipped"] == first["items"]

    next_day = send_reminders(portal, days=7, today=day + timedelta(days=1))
    assert len(outbox.read()) == next_day["digests"] == 8
    assert next_day["skipped"] == 0


def test_again_the_same_day_when_the_deadline_changed(portal, outbox):
    send_reminders(portal, days=7)
    outbox.read()
    dossier = portal.namur.dossiers["abattage-dun-arbre-remarquable"]
    dossier.decision_deadline = dossier.decision_deadline + timedelta(days=2)
    dossier.reindexObject(idxs=["current_deadline"])

    summary = send_reminders(portal, days=7)
    mails = by_recipient(outbox.read())
    assert set(mails) == {address("namur-agent-urbanisme"), address("namur-chef-urbanisme")}
    body = mails[address("namur-agent-urbanisme")]["body"]
    assert "Abattage d'un arbre remarquable" in body
    assert "Construction de 12 logements" not in body
    assert summary["items"] == 2
    assert summary["skipped"] == 10


def test_the_record_is_kept_on_each_municipality(portal):
    send_reminders(portal, days=7)
    record = IAnnotations(portal.namur)[RECORD_KEY]
    dossier = portal.namur.dossiers["construction-de-12-logements"]
    uid, deadline = api.content.get_uuid(dossier), dossier.decision_deadline.isoformat()
    assert record[("namur-agent-urbanisme", uid, deadline)] == today().isoformat()
    quarry = api.content.get_uuid(portal.gembloux.dossiers["extension-dune-carriere-classe-2"])
    assert quarry not in {uid for _, uid, _ in record.keys()}
    assert quarry in {uid for _, uid, _ in IAnnotations(portal.gembloux)[RECORD_KEY].keys()}

    # Entries last sent more than 60 days ago are forgotten at the next run.
    stale = ("namur-agent-urbanisme", "a-deleted-file", "2020-01-01")
    record[stale] = (today() - timedelta(days=61)).isoformat()
    assert send_reminders(portal, days=7)["pruned"] == 1
    assert stale not in record


def test_dry_run_sends_and_remembers_nothing(portal, outbox):
    summary = send_reminders(portal, days=7, dry_run=True)
    assert outbox.read() == []
    assert summary["digests"] == 8
    assert RECORD_KEY not in IAnnotations(portal.namur)
    message = next(m for m in summary["messages"] if m["to"] == address("namur-chef-travaux"))
    assert ROAD_WORKS in message["body"]
    # What a dry run showed is still sent for real afterwards.
    assert send_reminders(portal, days=7)["digests"] == 8


def test_nothing_due_nothing_sent_nothing_written(portal, outbox):
    summary = send_reminders(portal, days=0, today=today() - timedelta(days=400))
    assert (summary["dossiers"], summary["digests"]) == (0, 0)
    assert outbox.read() == []
    assert RECORD_KEY not in IAnnotations(portal.namur)


def test_no_assigned_agent_reminds_the_service_agents(portal, outbox):
    dossier = portal.namur.dossiers["refection-de-la-voirie-rue-saint-nicolas"]
    dossier.assigned_agent = None
    dossier.reindexObject()
    api.user.create(
        email="colleague@demo.imio.be",
        username="namur-agent2-travaux",
        password="a-Long-password-42",  # noqa: S106
        properties={"fullname": "Paul Colleague"},
    )
    api.group.add_user(groupname="92094_travaux_editors", username="namur-agent2-travaux")

    send_reminders(portal, days=7, municipality="namur")
    mails = by_recipient(outbox.read())
    for to in (address("namur-agent-travaux"), "colleague@demo.imio.be"):
        assert ROAD_WORKS in mails[to]["body"]
    assert mails["colleague@demo.imio.be"]["body"].startswith("Bonjour Paul Colleague,")
    assert ROAD_WORKS in mails[address("namur-chef-travaux")]["body"]


def test_users_without_email_are_skipped(portal, outbox):
    api.user.get(username="namur-chef-travaux").setMemberProperties({"email": ""})
    summary = send_reminders(portal, days=7, municipality="namur")
    assert summary["without_email"] == ["namur-chef-travaux"]
    assert address("namur-chef-travaux") not in by_recipient(outbox.read())
    assert summary["digests"] == 4


def test_links_use_the_public_url(portal, outbox):
    set_public_url(portal.REQUEST, portal, "https://plateforme.example.be")
    send_reminders(portal, days=7, municipality="namur")
    body = by_recipient(outbox.read())[address("namur-agent-travaux")]["body"]
    assert (
        "  https://plateforme.example.be/namur/dossiers/refection-de-la-voirie-rue-saint-nicolas\n"
        in body
    )


def test_public_url_under_a_path(portal):
    set_public_url(portal.REQUEST, portal, "http://intranet.example.be:8443/plateforme/")
    assert portal.namur.absolute_url() == "http://intranet.example.be:8443/plateforme/namur"
    with pytest.raises(ValueError):
        set_public_url(portal.REQUEST, portal, "plateforme.example.be")


# The console script, without starting Zope (a dry run: nothing to commit)


def test_console_script_dry_run(portal):
    options = parse_args(
        [
            "--zope-conf",
            "unused.conf",
            "--site",
            portal.getId(),
            "--municipality",
            "namur",
            "--url",
            "https://plateforme.example.be",
            "--dry-run",
        ]
    )
    out = io.StringIO()
    try:
        status = run(portal.aq_parent, options, out)
    finally:
        setSite(portal)
    printed = out.getvalue()
    assert status == 0
    assert (
        "namur: namur-agent-urbanisme@demo.imio.be: "
        "[Namur] Rappel des échéances : 3 dossiers en retard"
    ) in printed
    assert "https://plateforme.example.be/namur/dossiers/construction-de-12-logements" in printed
    assert "would send 5 digests (9 lines)" in printed
    assert "gembloux" not in printed


def test_console_script_errors(portal, capsys):
    def status(*args):
        try:
            return run(portal.aq_parent, parse_args(["--zope-conf", "z.conf", *args]))
        finally:
            setSite(portal)

    assert status("--site", "nosite", "--dry-run") == 2
    assert status("--site", portal.getId(), "--municipality", "atlantis", "--dry-run") == 2
    with pytest.raises(SystemExit):
        parse_args(["--zope-conf", "z.conf", "--days", "-1"])
    with pytest.raises(SystemExit):
        parse_args(["--days", "7"])  # --zope-conf is required
    assert parse_args(["--zope-conf", "z.conf", "--today", "2026-03-10"]).today == date(2026, 3, 10)
