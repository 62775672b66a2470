"""Approval tutelle expired without decision: the daily job makes the acts executory.

Acts are taken to "transmitted" as in real life (head of service proposes,
secretariat validates, adopts, transmits), then their receipt date is
recorded long ago so that their tutelle deadline has passed. The demo may
have overdue acts of its own: the ``act`` fixture runs the job once first
(``settled``), so that the tests see their own acts only.
"""

from datetime import date
from datetime import timedelta
from email import message_from_bytes
from email import message_from_string
from email.header import decode_header
from email.header import make_header
from imio.municipal.acts.content import Act
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import store_deliberation
from imio.municipal.jobs.tutelle import expire_tutelle
from imio.municipal.jobs.tutelle import parse_args
from imio.municipal.jobs.tutelle import run
from imio.municipal.jobs.tutelle import SYSTEM_USER_ID
from plone import api
from zope.component.hooks import setSite
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import io
import pytest
import transaction


TODAY = belgian_today()
SESSION = TODAY - timedelta(days=120)
TRANSMITTED = SESSION + timedelta(days=3)
RECEIVED = SESSION + timedelta(days=5)  # the deadline is about 85 days ago
SECRETARY_MAIL = "namur-secretaire@demo.imio.be"


def transmitted(portal, title, municipality="namur", received=RECEIVED, **fields):
    """An act transmitted to the tutelle authority, received on ``received``."""
    fields.setdefault("matter", "tax_regulation")
    fields.setdefault("session_date", SESSION)
    act = build_act(portal, municipality=municipality, title=title, **fields)
    secretary = f"{municipality}-secretaire"
    do_transition(act, f"{municipality}-chef-finances", "propose")
    do_transition(act, secretary, "validate")
    do_transition(act, secretary, "adopt")
    store_deliberation(act)
    do_transition(act, secretary, "transmit")
    if received is not None:
        act.transmission_date = min(TRANSMITTED, received)
        act.tutelle_receipt_date = received
        notify(ObjectModifiedEvent(act))
    return act


def _text(header) -> str:
    return str(make_header(decode_header(header)))


def _parse(raw) -> dict:
    message = message_from_bytes(raw) if isinstance(raw, bytes) else message_from_string(raw)
    body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
    return {
        "to": message["To"],
        "subject": _text(message["Subject"]),
        "body": body.replace("\r\n", "\n"),
    }


class Outbox:
    """The mails the MockMailHost received since the last read."""

    def __init__(self, portal):
        self.mailhost = portal.MailHost
        self.start = len(self.mailhost.messages)

    def read(self) -> list[dict]:
        mails = [_parse(raw) for raw in self.mailhost.messages[self.start :]]
        self.start = len(self.mailhost.messages)
        return mails


@pytest.fixture
def settled(portal):
    """The demo's own overdue acts made executory: what a first run did."""
    expire_tutelle(portal)
    return portal


@pytest.fixture
def act(settled):
    return transmitted(settled, "Règlement-taxe sur les secondes résidences")


@pytest.fixture
def outbox(portal, act):
    # Made after the act: the transmission told the secretariat already.
    return Outbox(portal)


def last_history(act) -> dict:
    return act.workflow_history["municipal_act_workflow"][-1]


def test_an_expired_act_becomes_executory(portal, act, outbox):
    deadline = act.tutelle_deadline
    assert deadline is not None and deadline < TODAY
    summary = expire_tutelle(portal)
    assert api.content.get_state(act) == "executory"
    assert act.tutelle_outcome == "executory_by_expiry"
    assert act.tutelle_outcome_date == TODAY
    entry = last_history(act)
    assert entry["action"] == "declare_executory"
    assert entry["actor"] == SYSTEM_USER_ID
    assert entry["comments"] == (
        f"Exécutoire : délai de tutelle expiré le {deadline:%d/%m/%Y} sans décision de l'autorité."
    )
    assert [item.url for item in summary["executory"]] == [act.absolute_url()]
    assert summary["mails"] == 1
    assert summary["failed"] == summary["untold"] == []
    # The catalog knows it.
    brains = api.content.find(UID=act.UID(), unrestricted=True)
    assert brains[0].review_state == "executory"


def test_the_secretariat_gets_one_summary(portal, act, outbox):
    expire_tutelle(portal)
    mails = outbox.read()
    assert len(mails) == 1
    mail = mails[0]
    assert mail["to"] == SECRETARY_MAIL
    assert mail["subject"] == "[Namur] Tutelle : 1 acte devenu exécutoire (délai expiré)"
    body = mail["body"]
    assert f"- {act.number} — Règlement-taxe sur les secondes résidences\n" in body
    assert f"délai de tutelle expiré le {act.tutelle_deadline:%d/%m/%Y}" in body
    assert act.absolute_url() in body
    assert "sans date de réception" not in body


def test_a_second_run_does_nothing(portal, act, outbox):
    expire_tutelle(portal)
    outbox.read()
    history = len(act.workflow_history["municipal_act_workflow"])
    summary = expire_tutelle(portal)
    assert summary["executory"] == []
    assert summary["mails"] == 0
    assert outbox.read() == []
    assert len(act.workflow_history["municipal_act_workflow"]) == history
    assert act.tutelle_outcome_date == TODAY


def test_the_last_day_still_counts(portal, act, outbox):
    deadline = act.tutelle_deadline
    summary = expire_tutelle(portal, today=deadline)
    assert summary["executory"] == []
    assert api.content.get_state(act) == "transmitted"
    assert act.tutelle_outcome is None
    assert outbox.read() == []
    summary = expire_tutelle(portal, today=deadline + timedelta(days=1))
    assert api.content.get_state(act) == "executory"
    assert act.tutelle_outcome_date == deadline + timedelta(days=1)


def test_a_deadline_not_yet_reached(settled, outbox):
    portal = settled
    recent = transmitted(portal, "Règlement-redevance", matter="fee_regulation", received=TODAY)
    outbox.read()
    assert recent.tutelle_deadline > TODAY
    expire_tutelle(portal, municipality="namur")
    assert api.content.get_state(recent) == "transmitted"
    assert recent.tutelle_outcome is None


def test_an_act_with_an_outcome_is_untouched(portal, act, outbox):
    act.tutelle_outcome = "not_approved"
    act.tutelle_outcome_date = TODAY - timedelta(days=2)
    summary = expire_tutelle(portal)
    assert api.content.get_state(act) == "transmitted"
    assert act.tutelle_outcome == "not_approved"
    assert act.tutelle_outcome_date == TODAY - timedelta(days=2)
    assert summary["executory"] == []
    assert outbox.read() == []


def test_a_general_tutelle_act_is_not_touched(settled, outbox):
    portal = settled
    general = transmitted(portal, "Attribution d'un marché", matter="public_procurement")
    outbox.read()
    # The workflow made it executory on transmission already.
    assert api.content.get_state(general) == "executory"
    history = len(general.workflow_history["municipal_act_workflow"])
    expire_tutelle(portal)
    assert general.tutelle_outcome is None
    assert len(general.workflow_history["municipal_act_workflow"]) == history


def test_without_receipt_date_listed_not_touched(portal, act, outbox):
    unreceived = transmitted(portal, "Budget 2027", matter="budget", received=None)
    outbox.read()
    assert unreceived.tutelle_deadline is None
    summary = expire_tutelle(portal)
    assert api.content.get_state(unreceived) == "transmitted"
    assert unreceived.tutelle_outcome is None
    assert "Budget 2027" in [item.title for item in summary["without_receipt"]]
    assert [item.url for item in summary["executory"]] == [act.absolute_url()]
    (mail,) = outbox.read()
    warning = mail["body"].split("À vérifier : actes transmis sans date de réception enregistrée")
    assert len(warning) == 2
    assert f"- {unreceived.number} — Budget 2027\n" in warning[1]
    assert f"- {act.number} —" in warning[0]


def test_only_warnings_send_no_mail(settled):
    portal = settled
    unreceived = transmitted(portal, "Budget 2027", matter="budget", received=None)
    outbox = Outbox(portal)
    summary = expire_tutelle(portal)
    assert "Budget 2027" in [item.title for item in summary["without_receipt"]]
    assert summary["executory"] == []
    assert api.content.get_state(unreceived) == "transmitted"
    assert outbox.read() == []


def test_dry_run_changes_nothing(portal, act, outbox):
    history = len(act.workflow_history["municipal_act_workflow"])
    summary = expire_tutelle(portal, dry_run=True)
    assert [item.url for item in summary["executory"]] == [act.absolute_url()]
    assert api.content.get_state(act) == "transmitted"
    assert act.tutelle_outcome is None
    assert len(act.workflow_history["municipal_act_workflow"]) == history
    assert outbox.read() == []
    (message,) = summary["messages"]
    assert message["to"] == SECRETARY_MAIL
    assert act.number in message["body"]


def test_one_municipality(portal, act, outbox):
    other = transmitted(portal, "Taxe sur les secondes résidences", municipality="gembloux")
    outbox.read()
    summary = expire_tutelle(portal, municipality="namur")
    assert api.content.get_state(act) == "executory"
    assert api.content.get_state(other) == "transmitted"
    assert other.tutelle_outcome is None
    assert [mail["to"] for mail in outbox.read()] == [SECRETARY_MAIL]
    assert summary["municipalities"] == 1
    # Without a municipality, every one; each secretariat hears of its own.
    expire_tutelle(portal)
    assert api.content.get_state(other) == "executory"
    (mail,) = outbox.read()
    assert mail["to"] == "gembloux-secretaire@demo.imio.be"
    assert other.absolute_url() in mail["body"]
    assert act.absolute_url() not in mail["body"]


def refuse(monkeypatch, refused):
    """The workflow's guard refuses ``declare_executory`` on this act."""
    allowed = Act.executory_allowed
    path = refused.getPhysicalPath()

    def executory_allowed(self):
        return self.getPhysicalPath() != path and allowed(self)

    monkeypatch.setattr(Act, "executory_allowed", executory_allowed)


def test_one_failing_act_does_not_stop_the_others(portal, act, outbox, monkeypatch):
    stuck = transmitted(portal, "Redevance sur les terrasses", matter="fee_regulation")
    outbox.read()
    refuse(monkeypatch, stuck)
    summary = expire_tutelle(portal)
    assert api.content.get_state(stuck) == "transmitted"
    assert stuck.tutelle_outcome is None  # undone
    assert stuck.tutelle_outcome_date is None
    assert [failure["url"] for failure in summary["failed"]] == [stuck.absolute_url()]
    assert api.content.get_state(act) == "executory"
    (mail,) = outbox.read()
    assert act.absolute_url() in mail["body"]
    assert stuck.absolute_url() not in mail["body"]


def test_on_the_demo(portal):
    """Only the demo's transmitted acts under approval, without outcome, whose
    deadline passed, move; every other act keeps its state."""
    today = belgian_today()
    before = {}
    for brain in api.content.find(portal_type="Act", unrestricted=True):
        obj = brain._unrestrictedGetObject()
        due = (
            brain.review_state == "transmitted"
            and obj.effective_regime() == "approval"
            and not obj.tutelle_outcome
            and obj.tutelle_deadline is not None
            and obj.tutelle_deadline < today
        )
        before[obj] = (brain.review_state, due)
    summary = expire_tutelle(portal)
    for obj, (state, due) in before.items():
        if due:
            assert api.content.get_state(obj) == "executory"
            assert obj.tutelle_outcome == "executory_by_expiry"
        else:
            assert api.content.get_state(obj) == state
    assert len(summary["executory"]) == sum(due for _, due in before.values())
    assert summary["failed"] == []


def test_unknown_municipality(portal):
    with pytest.raises(ValueError):
        expire_tutelle(portal, municipality="atlantis")


# The console script, without starting Zope


def test_console_script_dry_run(portal, act):
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
    number, path = act.number, "/".join(act.getPhysicalPath()[2:])
    out = io.StringIO()
    try:
        status = run(portal.aq_parent, options, out)
    finally:
        setSite(portal)
    printed = out.getvalue()
    assert status == 0
    url = f"https://plateforme.example.be/{path}"
    assert f"namur: would make executory: {number} — " in printed
    assert url in printed
    assert (
        f"namur: {SECRETARY_MAIL}: [Namur] Tutelle : 1 acte devenu exécutoire (délai expiré)"
    ) in printed
    assert "would make executory 1; without receipt date 0; would send 1 e-mail" in printed
    assert "gembloux" not in printed


def test_console_script_commits_each_municipality(portal, act, outbox, monkeypatch):
    commits = []
    # Never commit in an integration test: count the commits instead.
    monkeypatch.setattr(transaction, "commit", lambda: commits.append(True))
    options = parse_args(["--zope-conf", "unused.conf", "--site", portal.getId()])
    out = io.StringIO()
    try:
        status = run(portal.aq_parent, options, out)
    finally:
        setSite(portal)
    assert status == 0
    assert len(commits) == 2  # Namur and Gembloux
    assert api.content.get_state(act) == "executory"
    assert f"namur: made executory: {act.number} — " in out.getvalue()
    assert "made executory 1; without receipt date 0; sent 1 e-mail" in out.getvalue()
    assert [mail["to"] for mail in outbox.read()] == [SECRETARY_MAIL]


def test_console_script_exit_status_when_an_act_fails(portal, act, monkeypatch):
    monkeypatch.setattr(transaction, "commit", lambda: None)
    refuse(monkeypatch, act)
    options = parse_args(["--zope-conf", "unused.conf", "--site", portal.getId()])
    out = io.StringIO()
    try:
        status = run(portal.aq_parent, options, out)
    finally:
        setSite(portal)
    assert status == 1
    assert f"Not declared executory: {act.absolute_url()}: " in out.getvalue()


def test_console_script_errors(portal, capsys):
    def status(*args):
        # the exit status, whether argparse or the job gives it
        try:
            return run(portal.aq_parent, parse_args(["--zope-conf", "z.conf", *args]))
        except SystemExit as exit:
            return exit.code
        finally:
            setSite(portal)

    assert status("--site", "nosite", "--dry-run") == 2
    assert status("--site", portal.getId(), "--municipality", "atlantis", "--dry-run") == 2
    assert status("--site", portal.getId(), "--url", "plateforme.example.be", "--dry-run") == 2
    with pytest.raises(SystemExit):
        parse_args(["--site", "Plone"])  # --zope-conf is required
    with pytest.raises(SystemExit):
        parse_args(["--zope-conf", "z.conf", "--today", "28/11/2026"])
    options = parse_args(["--zope-conf", "z.conf", "--today", "2026-11-28"])
    assert options.today == date(2026, 11, 28)
