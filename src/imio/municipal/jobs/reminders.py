"""Deadline reminders, the Plone side: find the files, the people, send.

:func:`send_reminders` runs inside a Plone site; :func:`main` is the console
script ``municipal-reminders`` that starts Zope from a zope.conf to call it
(from cron, once a day)::

    municipal-reminders --zope-conf var/etc/zope.conf --url https://plateforme.example.be

Who hears about a file whose current deadline is passed or near: its
assigned agent (the service's agents when nobody is assigned) and the heads
of its responsible service. Each person gets one digest per municipality.
What was sent is remembered on the municipality (an annotation), so that a
file is never listed twice for the same deadline on the same day.

Mail goes through the site's MailHost, which sends at commit: the record of
what was sent and the mails share one transaction, so an aborted run sends
nothing and remembers nothing.
"""

from BTrees.OOBTree import OOBTree
from datetime import date
from datetime import datetime
from datetime import timedelta
from imio.municipal import logger
from imio.municipal.dossiers import reminders
from imio.municipal.dossiers.states import NEXT_ACTORS
from imio.municipal.dossiers.states import OPEN_STATES
from imio.municipal.dossiers.workflow import today as belgian_today
from imio.municipal.jobs.scaffolding import console_main
from imio.municipal.jobs.scaffolding import each_municipality
from imio.municipal.jobs.scaffolding import in_own_transaction
from imio.municipal.jobs.scaffolding import job_arguments
from imio.municipal.jobs.scaffolding import municipalities
from imio.municipal.jobs.scaffolding import run_on_site
from imio.municipal.platform import naming
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.i18n import translate

import argparse
import sys


RECORD_KEY = "imio.municipal.reminders"
DEFAULT_DAYS = 7
# The texts of dossiers/reminders.py are French: so are the state titles put in them.
LANGUAGE = "fr"


def sent_record(municipality, create: bool = True):
    """What was sent about this municipality's files: an OOBTree
    ``{(user id, dossier uid, deadline iso): day last sent iso}``.

    None when nothing was ever sent and ``create`` is false.
    """
    annotations = IAnnotations(municipality)
    record = annotations.get(RECORD_KEY)
    if record is None and create:
        record = annotations[RECORD_KEY] = OOBTree()
    return record


def _as_date(value) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    return value.asdatetime().date()  # a Zope DateTime


def due_dossiers(municipality, limit: date) -> list:
    """Catalog brains of the open files whose current deadline is on or before ``limit``."""
    return list(
        api.content.find(
            portal_type="Dossier",
            path="/".join(municipality.getPhysicalPath()),
            review_state=list(OPEN_STATES),
            current_deadline={"query": limit, "range": "max"},
            sort_on="current_deadline",
            unrestricted=True,
        )
    )


class _People:
    """Users and group members of one run, each looked up once."""

    def __init__(self):
        self._users = {}
        self._groups = {}

    def user(self, userid: str):
        if userid not in self._users:
            self._users[userid] = api.user.get(userid=userid)
        return self._users[userid]

    def group(self, group_id: str) -> list:
        if group_id not in self._groups:
            group = api.group.get(groupname=group_id)
            self._groups[group_id] = list(api.user.get_users(group=group)) if group else []
        return self._groups[group_id]


def recipients_of(brain, ins_code: str, people: _People) -> list:
    """The users to remind of a file: assigned agent (else the service's
    agents) and the heads of its service; the secretariat too when the file
    waits for its decision."""
    service = brain.responsible_service
    users = []
    agent = people.user(brain.assigned_agent) if brain.assigned_agent else None
    if agent is not None:
        users.append(agent)
    else:
        if brain.assigned_agent:
            logger.warning(
                "Reminders: assigned agent %s of %s does not exist, telling the service",
                brain.assigned_agent,
                brain.getPath(),
            )
        if service:
            users.extend(people.group(naming.editors_group(ins_code, service)))
    if service:
        users.extend(people.group(naming.reviewers_group(ins_code, service)))
    if "secretaries" in NEXT_ACTORS.get(brain.review_state, ()):
        users.extend(people.group(naming.secretaries_group(ins_code)))
    return list({user.getId(): user for user in users}.values())


def state_titles() -> dict[str, str]:
    """The French titles of the states a due file can be in."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    return {
        state: translate(
            workflow_tool.getTitleForStateOnType(state, "Dossier"),
            domain="plone",  # where workflow titles are translated, as in Plone's menus
            target_language=LANGUAGE,
        )
        for state in OPEN_STATES
    }


def _due_item(brain, municipality_title: str, titles: dict) -> reminders.DueItem:
    return reminders.DueItem(
        uid=brain.UID,
        url=brain.getURL(),
        reference=brain.reference or "",
        title=brain.Title,
        deadline=_as_date(brain.current_deadline),
        state=titles.get(brain.review_state, brain.review_state),
        municipality=municipality_title,
    )


def _new_summary(today: date, days: int, dry_run: bool) -> dict:
    return {
        "today": today.isoformat(),
        "days": days,
        "dry_run": dry_run,
        "municipalities": 0,
        "dossiers": 0,  # due files found
        "digests": 0,  # e-mails sent (or that would be, in a dry run)
        "items": 0,  # lines in those e-mails
        "skipped": 0,  # lines left out: already sent today
        "pruned": 0,  # forgotten entries of the record
        "without_email": [],  # user ids that could not be reminded
        "failed": [],  # user ids whose e-mail could not be handed to the MailHost
        "messages": [],  # {"municipality", "to", "subject"} (+ "body" in a dry run)
    }


def _due_by_recipient(municipality, brains, summary: dict) -> dict:
    """{Recipient: [DueItem]} for these files; users without e-mail are left out."""
    title, titles = municipality.Title(), state_titles()
    people = _People()
    recipients: dict[str, reminders.Recipient] = {}
    items_by_recipient: dict[reminders.Recipient, list] = {}
    for brain in brains:
        item = _due_item(brain, title, titles)
        for user in recipients_of(brain, municipality.ins_code, people):
            userid = user.getId()
            if userid not in recipients:
                email = user.getProperty("email") or ""
                fullname = user.getProperty("fullname") or ""
                recipients[userid] = reminders.Recipient(userid, fullname, email)
                if not email and userid not in summary["without_email"]:
                    logger.warning("Reminders: %s has no e-mail address, not reminded", userid)
                    summary["without_email"].append(userid)
            if recipients[userid].email:
                items_by_recipient.setdefault(recipients[userid], []).append(item)
    return items_by_recipient


def _remind_municipality(municipality, today: date, days: int, dry_run: bool, summary: dict):
    brains = due_dossiers(municipality, today + timedelta(days=days))
    summary["municipalities"] += 1
    summary["dossiers"] += len(brains)
    record = sent_record(municipality, create=False)

    unsent = {}
    for recipient, items in _due_by_recipient(municipality, brains, summary).items():
        to_send, skipped = reminders.select_unsent(record or {}, recipient.id, items, today)
        summary["skipped"] += len(skipped)
        unsent[recipient] = to_send

    for digest in reminders.build_digests(unsent, today, days):
        subject, body = reminders.render_digest(digest)
        recipient = digest.recipient
        message = {"municipality": municipality.getId(), "to": recipient.email, "subject": subject}
        if dry_run:
            message["body"] = body
        else:
            try:
                api.portal.send_email(recipient=recipient.email, subject=subject, body=body)
            except ValueError:
                # No MailHost, no sender address, a broken mail queue: try again tomorrow.
                logger.exception("Reminders: cannot e-mail %s", recipient.id)
                summary["failed"].append(recipient.id)
                continue
            if record is None:
                record = sent_record(municipality)
            reminders.mark_sent(record, recipient.id, digest.items, today)
        summary["digests"] += 1
        summary["items"] += len(digest.items)
        summary["messages"].append(message)

    if record is not None and not dry_run:
        summary["pruned"] += reminders.prune(record, today)


def send_reminders(
    portal,
    days: int = DEFAULT_DAYS,
    today: date | None = None,
    municipality=None,
    dry_run: bool = False,
) -> dict:
    """E-mail each person concerned the files due within ``days`` days or overdue.

    ``municipality`` (an id or object) limits the run to one municipality.
    A dry run sends nothing and remembers nothing; its summary holds the
    messages it would send. Does not commit. Returns a summary, e.g.
    ``{"digests": 6, "items": 10, "skipped": 0, ...}``.

    Example: ``send_reminders(api.portal.get(), days=7)``.
    """
    if days < 0:
        raise ValueError(f"days must not be negative, not {days}")
    today = today or belgian_today()
    summary = _new_summary(today, days, dry_run)
    for found in municipalities(portal, municipality):
        _remind_municipality(found, today, days, dry_run, summary)
    return summary


# The console script


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = job_arguments(
        "municipal-reminders",
        "E-mail each agent and head of service the case files whose "
        "deadline is passed or near: one digest per person and municipality, "
        "never twice a day for the same file and deadline.",
        today="the day to remind for, YYYY-MM-DD (default: today in Belgium)",
        dry_run="send nothing, remember nothing: print the e-mails that would be sent",
    )
    parser.add_argument(
        "--days",
        type=int,
        default=DEFAULT_DAYS,
        help=f"remind deadlines falling within this many days (default: {DEFAULT_DAYS})",
    )
    options = parser.parse_args(argv)
    if options.days < 0:
        parser.error("--days must not be negative")
    return options


def _run_one(site, options, municipality_id: str) -> dict:
    """Remind one municipality in its own transaction; retried on conflict
    (another run at the same time): the retry skips what that run sent."""
    return in_own_transaction(
        lambda: send_reminders(
            site,
            days=options.days,
            today=options.today,
            municipality=municipality_id,
            dry_run=options.dry_run,
        ),
        dry_run=options.dry_run,
        label=f"Reminders of {municipality_id}",
    )


COUNTS = ("municipalities", "dossiers", "digests", "items", "skipped", "pruned")


def _merge(total: dict, summary: dict) -> None:
    for key in COUNTS:
        total[key] += summary[key]
    for key in ("without_email", "failed"):
        total[key].extend(userid for userid in summary[key] if userid not in total[key])
    total["messages"].extend(summary["messages"])


def _print_summary(total: dict, errors: list[str], out) -> None:
    for message in total["messages"]:
        print(f"{message['municipality']}: {message['to']}: {message['subject']}", file=out)
        if "body" in message:
            print("    " + message["body"].rstrip("\n").replace("\n", "\n    "), file=out)
    verb = "would send" if total["dry_run"] else "sent"
    print(
        f"{total['today']} (within {total['days']} days): "
        f"municipalities {total['municipalities']}, files due {total['dossiers']}; "
        f"{verb} {total['digests']} digests ({total['items']} lines); "
        f"lines already sent today {total['skipped']}",
        file=out,
    )
    if total["without_email"]:
        print("Without e-mail address: " + ", ".join(sorted(total["without_email"])), file=out)
    if total["failed"]:
        print("Not handed to the MailHost: " + ", ".join(sorted(total["failed"])), file=out)
    for error in errors:
        print(f"Error: {error}", file=out)


def run(app, options: argparse.Namespace, out=sys.stdout) -> int:
    """Remind every municipality (or one) of the site; the exit status: 0 fine,
    1 something failed (an e-mail, a municipality), 2 bad arguments."""

    def work(site, municipality_ids) -> int:
        total = _new_summary(options.today, options.days, options.dry_run)
        errors = each_municipality(
            municipality_ids,
            lambda municipality_id: _run_one(site, options, municipality_id),
            _merge,
            total,
            "Reminders",
            logger,
        )
        _print_summary(total, errors, out)
        return 1 if errors or total["failed"] else 0

    return run_on_site(app, options, "Reminders", logger, work)


def main(argv: list[str] | None = None) -> int:
    """Console script ``municipal-reminders`` (see the module docstring)."""
    return console_main(argv, parse_args, run)


if __name__ == "__main__":
    sys.exit(main())
