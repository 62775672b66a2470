"""Approval tutelle expired without decision: the acts become executory.

Under the special approval tutelle (CDLD art. L3132-1, sources in
:mod:`imio.municipal.acts.tutelle`) an act "ne peut être exécuté ... que lorsque
l'acte aura été approuvé ou que le délai d'approbation est expiré": without a
decision of the authority by the last day of its delay (30 days from the day
after receipt, extension at most 15, :func:`tutelle_deadlines.tutelle_deadline`) the
act is executory "par expiration du délai". Under the general tutelle the act
is executory on transmission already: the workflow does it (``acts/workflow.py``).

:func:`expire_tutelle` runs inside a Plone site: every act still
``transmitted`` under the approval tutelle, without recorded outcome, whose
tutelle deadline has passed (the last day itself still counts) gets the
outcome ``executory_by_expiry`` dated today and the workflow transition
``declare_executory``, taken by a system user (recorded as the actor of the
transition, with a French comment). The secretariat of each municipality
then gets one French e-mail listing those acts, with a warning section for
the transmitted acts without a recorded receipt date (no deadline can be
computed for them: they are listed, never touched).

:func:`main` is the console script ``municipal-tutelle-expiry`` that starts
Zope from a zope.conf to call it (from cron, once a day)::

    municipal-tutelle-expiry --zope-conf var/etc/zope.conf --url https://plateforme.example.be

Each municipality runs in its own transaction, retried on conflict. A second
run the same day finds nothing to do (the acts are executory now) and sends
nothing: the e-mail goes out only when acts were made executory, so the
warning about missing receipt dates travels with it (the console output
always lists them).
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from AccessControl.users import UnrestrictedUser
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from imio.municipal import logger
from imio.municipal.acts import tutelle
from imio.municipal.core import calendar
from imio.municipal.core.calendar import belgian_today
from imio.municipal.jobs.scaffolding import console_main
from imio.municipal.jobs.scaffolding import each_municipality
from imio.municipal.jobs.scaffolding import in_own_transaction
from imio.municipal.jobs.scaffolding import job_arguments
from imio.municipal.jobs.scaffolding import municipalities
from imio.municipal.jobs.scaffolding import run_on_site
from imio.municipal.platform import naming
from plone import api
from ZODB.POSException import ConflictError

import argparse
import sys
import transaction


STATE = "transmitted"
TRANSITION = "declare_executory"
OUTCOME = "executory_by_expiry"
# The actor of the transition in the act's history.
SYSTEM_USER_ID = "municipal-tutelle-expiry"
# Roles of that user: the transition's guard role, and Manager for the rest.
SYSTEM_USER_ROLES = ("MunicipalSecretary", "Manager")
ATTEMPTS = 3

# What the job does with a transmitted act (see expiry_status).
EXPIRE = "expire"
NO_RECEIPT = "without_receipt"
NO_DEADLINE = "without_deadline"


# Plone-free rules and texts


def expiry_status(
    regime: str | None,
    outcome: str | None,
    receipt_date: date | None,
    deadline: date | None,
    today: date,
) -> str | None:
    """What to do with an act in the ``transmitted`` state, on ``today``.

    :data:`EXPIRE`: approval tutelle, no outcome, deadline passed.
    :data:`NO_RECEIPT`: approval tutelle, no outcome, no receipt date (no
    deadline can be known: warn). :data:`NO_DEADLINE`: a receipt date but no
    deadline (it could not be computed: warn). None: nothing to do (another
    regime, an outcome recorded, or the deadline not passed; the last day
    still counts).

    >>> expiry_status("approval", None, date(2026, 10, 2), date(2026, 11, 3), date(2026, 11, 4))
    'expire'
    >>> expiry_status("approval", None, date(2026, 10, 2), date(2026, 11, 3), date(2026, 11, 3))
    >>> expiry_status("general", None, date(2026, 10, 2), date(2026, 11, 3), date(2026, 11, 4))
    >>> expiry_status("approval", None, None, None, date(2026, 11, 4))
    'without_receipt'
    """
    if regime != tutelle.APPROVAL or outcome:
        return None
    if receipt_date is None:
        return NO_RECEIPT
    if deadline is None:
        return NO_DEADLINE
    return EXPIRE if calendar.expired(deadline, today) else None


def _fr_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "?"


def expiry_comment(deadline: date) -> str:
    """The comment of the transition in the act's history.

    >>> print(expiry_comment(date(2026, 11, 3)))
    Exécutoire : délai de tutelle expiré le 03/11/2026 sans décision de l'autorité.
    """
    return (
        f"Exécutoire : délai de tutelle expiré le {_fr_date(deadline)} sans décision de l'autorité."
    )


@dataclass(frozen=True)
class ActItem:
    """An act listed by the job (in the e-mail, the summary, the console)."""

    municipality: str  # the municipality's id
    url: str
    number: str
    title: str
    deadline: date | None = None
    receipt_date: date | None = None
    transmission_date: date | None = None

    @property
    def label(self) -> str:
        return f"{self.number} — {self.title}" if self.number else self.title


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def render_mail(
    municipality: str,
    recipient_name: str,
    today: date,
    executory: list[ActItem],
    without_receipt: list[ActItem] = (),
    without_deadline: list[ActItem] = (),
) -> tuple[str, str]:
    """The subject and plain-text French body of the secretariat's e-mail.

    >>> act = ActItem("namur", "https://x/a1", "2026/conseil/4", "Taxe", date(2026, 11, 3),
    ...               date(2026, 10, 2), date(2026, 9, 30))
    >>> subject, body = render_mail("Namur", "Directeur général", date(2026, 11, 28), [act])
    >>> subject
    '[Namur] Tutelle : 1 acte devenu exécutoire (délai expiré)'
    >>> for line in body.splitlines()[4:8]:
    ...     print(line)
    Actes devenus exécutoires (1)
    - 2026/conseil/4 — Taxe
      délai de tutelle expiré le 03/11/2026 (acte reçu par l'autorité le 02/10/2026)
      https://x/a1
    """
    count = len(executory)
    subject = (
        f"[{municipality}] Tutelle : "
        + _plural(count, "acte devenu exécutoire", "actes devenus exécutoires")
        + " (délai expiré)"
    )
    lines = [
        f"Bonjour {recipient_name},",
        "",
        f"L'autorité de tutelle n'a pas statué dans le délai sur les actes de {municipality} "
        "ci-dessous (tutelle spéciale d'approbation, CDLD art. L3132-1) : ils sont "
        "exécutoires par expiration du délai. La plateforme les a passés à l'état "
        f"« Exécutoire » le {_fr_date(today)}.",
        "",
        f"Actes devenus exécutoires ({count})",
    ]
    for item in executory:
        lines += [
            f"- {item.label}",
            f"  délai de tutelle expiré le {_fr_date(item.deadline)} "
            f"(acte reçu par l'autorité le {_fr_date(item.receipt_date)})",
            f"  {item.url}",
        ]
    if without_receipt:
        lines += [
            "",
            f"À vérifier : actes transmis sans date de réception enregistrée "
            f"({len(without_receipt)})",
            "Sans la date à laquelle l'autorité de tutelle a reçu l'acte, la plateforme ne "
            "peut pas calculer son délai : encodez-la dans l'acte.",
        ]
        for item in without_receipt:
            lines += [
                f"- {item.label}",
                f"  transmis le {_fr_date(item.transmission_date)}",
                f"  {item.url}",
            ]
    if without_deadline:
        lines += [
            "",
            f"À vérifier : actes dont le délai de tutelle n'a pas pu être calculé "
            f"({len(without_deadline)})",
            "La date de réception est encodée mais l'échéance manque : vérifiez la "
            "prorogation encodée dans l'acte.",
        ]
        for item in without_deadline:
            lines += [
                f"- {item.label}",
                f"  reçu par l'autorité le {_fr_date(item.receipt_date)}",
                f"  {item.url}",
            ]
    lines += [
        "",
        "-- ",
        "Plateforme communale — message automatique, merci de ne pas y répondre.",
    ]
    return subject, "\n".join(lines) + "\n"


# The Plone side


def transmitted_acts(municipality) -> list:
    """The acts of this municipality in the ``transmitted`` state (objects)."""
    brains = api.content.find(
        portal_type="Act",
        path="/".join(municipality.getPhysicalPath()),
        review_state=STATE,
        unrestricted=True,
    )
    return [brain._unrestrictedGetObject() for brain in brains]


def _item(act, municipality) -> ActItem:
    return ActItem(
        municipality=municipality.getId(),
        url=act.absolute_url(),
        number=act.number or "",
        title=act.Title(),
        deadline=act.tutelle_deadline,
        receipt_date=act.tutelle_receipt_date,
        transmission_date=act.transmission_date,
    )


class SystemUser(UnrestrictedUser):
    """The job's user: allowed everything, with the roles the act workflow's
    guards ask for, and an id (the actor recorded in the history; an
    UnrestrictedUser's id is None)."""

    def getId(self):
        return self.getUserName()


@contextmanager
def system_secretary():
    """Act as :class:`SystemUser` (roles given to a user, not
    api.env.adopt_roles: DCWorkflow guards read the user's roles, not the
    proxy roles)."""
    acl_users = api.portal.get_tool("acl_users")
    user = SystemUser(SYSTEM_USER_ID, "", SYSTEM_USER_ROLES, []).__of__(acl_users)
    previous = getSecurityManager()
    newSecurityManager(None, user)
    try:
        yield user
    finally:
        setSecurityManager(previous)


def make_executory(act, today: date) -> None:
    """Record the expiry of the delay and declare the act executory.

    The outcome is set before the transition: the guard
    (``executory_allowed``) accepts an approving outcome whatever the real
    date, so a run ``--today`` another day agrees with it. Changes are undone
    when the transition fails.
    """
    savepoint = transaction.savepoint()
    try:
        act.tutelle_outcome = OUTCOME
        act.tutelle_outcome_date = today
        with system_secretary():
            api.portal.get_tool("portal_workflow").doActionFor(
                act, TRANSITION, comment=expiry_comment(act.tutelle_deadline)
            )
        act.reindexObject()
    except ConflictError:
        raise
    except Exception:
        savepoint.rollback()
        raise


def secretaries(municipality) -> list:
    group_id = naming.secretaries_group(municipality.ins_code)
    if api.group.get(groupname=group_id) is None:
        return []
    return list(api.user.get_users(groupname=group_id))


def _new_summary(today: date, dry_run: bool) -> dict:
    return {
        "today": today.isoformat(),
        "dry_run": dry_run,
        "municipalities": 0,
        "checked": 0,  # transmitted acts looked at
        "executory": [],  # ActItems made executory (or that would be, in a dry run)
        "without_receipt": [],  # ActItems under approval without receipt date
        "without_deadline": [],  # ActItems with a receipt date but no deadline
        "failed": [],  # {"municipality", "url", "error"}: acts the transition failed on
        "mails": 0,  # e-mails sent (or that would be)
        "mail_failed": [],  # user ids whose e-mail could not be handed to the MailHost
        "without_email": [],  # secretaries without e-mail address
        "untold": [],  # municipality ids whose secretariat nobody could be told
        "messages": [],  # {"municipality", "to", "subject"} (+ "body" in a dry run)
    }


def _tell_secretariat(municipality, today, found: dict, dry_run: bool, summary: dict) -> None:
    executory = found[EXPIRE]
    if not executory:
        return
    told = 0
    for user in secretaries(municipality):
        userid = user.getId()
        email = user.getProperty("email") or ""
        if not email:
            logger.warning("Tutelle expiry: secretary %s has no e-mail address", userid)
            if userid not in summary["without_email"]:
                summary["without_email"].append(userid)
            continue
        subject, body = render_mail(
            municipality.Title(),
            user.getProperty("fullname") or userid,
            today,
            executory,
            found[NO_RECEIPT],
            found[NO_DEADLINE],
        )
        message = {"municipality": municipality.getId(), "to": email, "subject": subject}
        if dry_run:
            message["body"] = body
        else:
            try:
                api.portal.send_email(recipient=email, subject=subject, body=body)
            except ValueError:
                # No MailHost, no sender address, a broken mail queue.
                logger.exception("Tutelle expiry: cannot e-mail %s", userid)
                summary["mail_failed"].append(userid)
                continue
        told += 1
        summary["mails"] += 1
        summary["messages"].append(message)
    if not told:
        logger.error(
            "Tutelle expiry: nobody of the secretariat of %s could be told", municipality.getId()
        )
        summary["untold"].append(municipality.getId())


def _expire_municipality(municipality, today: date, dry_run: bool, summary: dict) -> None:
    summary["municipalities"] += 1
    found = {EXPIRE: [], NO_RECEIPT: [], NO_DEADLINE: []}
    for act in transmitted_acts(municipality):
        summary["checked"] += 1
        status = expiry_status(
            act.effective_regime(),
            act.tutelle_outcome,
            act.tutelle_receipt_date,
            act.tutelle_deadline,
            today,
        )
        if status is None:
            continue
        item = _item(act, municipality)
        if status == EXPIRE and not dry_run:
            try:
                make_executory(act, today)
            except ConflictError:
                raise
            except Exception as error:  # one act never stops the others
                logger.exception("Tutelle expiry: cannot declare %s executory", item.url)
                summary["failed"].append(
                    {"municipality": item.municipality, "url": item.url, "error": str(error)}
                )
                continue
            logger.info("Tutelle expiry: %s (%s) is executory", item.number, item.url)
        found[status].append(item)
    found[EXPIRE].sort(key=lambda item: (item.deadline, item.number))
    for key in (NO_RECEIPT, NO_DEADLINE):
        found[key].sort(key=lambda item: (item.transmission_date or date.min, item.number))
    _tell_secretariat(municipality, today, found, dry_run, summary)
    summary["executory"].extend(found[EXPIRE])
    summary["without_receipt"].extend(found[NO_RECEIPT])
    summary["without_deadline"].extend(found[NO_DEADLINE])


def expire_tutelle(
    portal, today: date | None = None, municipality=None, dry_run: bool = False
) -> dict:
    """Declare executory the acts whose approval tutelle delay expired without
    decision, and tell each municipality's secretariat.

    ``municipality`` (an id or object) limits the run to one municipality. A
    dry run changes and sends nothing; its summary lists what it would do
    and holds the e-mails it would send. Does not commit. Returns a summary,
    e.g. ``{"executory": [ActItem, ...], "mails": 1, ...}``.

    Example: ``expire_tutelle(api.portal.get())``.
    """
    today = today or belgian_today()
    summary = _new_summary(today, dry_run)
    for found in municipalities(portal, municipality):
        _expire_municipality(found, today, dry_run, summary)
    return summary


# The console script


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = job_arguments(
        "municipal-tutelle-expiry",
        "Declare executory the acts transmitted under the approval tutelle "
        "whose delay expired without decision (CDLD L3132-1), and e-mail each "
        "municipality's secretariat the list.",
        today="the day to check the deadlines against, YYYY-MM-DD (default: today in Belgium)",
        dry_run="change and send nothing: print what would be done and the e-mails",
    )
    return parser.parse_args(argv)


def _run_one(site, options, municipality_id: str) -> dict:
    """One municipality in its own transaction; retried on conflict (the
    retry skips what another run made executory meanwhile)."""
    return in_own_transaction(
        lambda: expire_tutelle(
            site,
            today=options.today,
            municipality=municipality_id,
            dry_run=options.dry_run,
        ),
        dry_run=options.dry_run,
        label=f"Tutelle expiry of {municipality_id}",
        attempts=ATTEMPTS,
    )


LISTS = ("executory", "without_receipt", "without_deadline", "failed", "messages")


def _merge(total: dict, summary: dict) -> None:
    for key in ("municipalities", "checked", "mails"):
        total[key] += summary[key]
    for key in LISTS:
        total[key].extend(summary[key])
    for key in ("mail_failed", "without_email", "untold"):
        total[key].extend(value for value in summary[key] if value not in total[key])


def _print_summary(total: dict, errors: list[str], out) -> None:
    dry = total["dry_run"]
    for item in total["executory"]:
        verb = "would make executory" if dry else "made executory"
        print(
            f"{item.municipality}: {verb}: {item.label} "
            f"(deadline {item.deadline.isoformat()}) {item.url}",
            file=out,
        )
    for item in total["without_receipt"]:
        transmitted = item.transmission_date.isoformat() if item.transmission_date else "?"
        print(
            f"{item.municipality}: transmitted without recorded receipt date: {item.label} "
            f"(transmitted {transmitted}) {item.url}",
            file=out,
        )
    for item in total["without_deadline"]:
        print(
            f"{item.municipality}: receipt date but no tutelle deadline: {item.label} {item.url}",
            file=out,
        )
    for message in total["messages"]:
        print(f"{message['municipality']}: {message['to']}: {message['subject']}", file=out)
        if "body" in message:
            print("    " + message["body"].rstrip("\n").replace("\n", "\n    "), file=out)
    print(
        f"{total['today']}: municipalities {total['municipalities']}, "
        f"transmitted acts {total['checked']}; "
        f"{'would make' if dry else 'made'} executory {len(total['executory'])}; "
        f"without receipt date {len(total['without_receipt'])}; "
        f"{'would send' if dry else 'sent'} {total['mails']} "
        f"e-mail{'' if total['mails'] == 1 else 's'}",
        file=out,
    )
    for failure in total["failed"]:
        print(f"Not declared executory: {failure['url']}: {failure['error']}", file=out)
    if total["without_email"]:
        print("Without e-mail address: " + ", ".join(sorted(total["without_email"])), file=out)
    if total["mail_failed"]:
        print("Not handed to the MailHost: " + ", ".join(sorted(total["mail_failed"])), file=out)
    if total["untold"]:
        print("Secretariat not told: " + ", ".join(total["untold"]), file=out)
    for error in errors:
        print(f"Error: {error}", file=out)


def run(app, options: argparse.Namespace, out=sys.stdout) -> int:
    """Run every municipality (or one) of the site; the exit status: 0 fine,
    1 something failed (an act, an e-mail, a municipality), 2 bad arguments."""

    def work(site, municipality_ids) -> int:
        total = _new_summary(options.today, options.dry_run)
        errors = each_municipality(
            municipality_ids,
            lambda municipality_id: _run_one(site, options, municipality_id),
            _merge,
            total,
            "Tutelle expiry",
            logger,
        )
        _print_summary(total, errors, out)
        failed = total["failed"] or total["mail_failed"] or total["untold"]
        return 1 if errors or failed else 0

    return run_on_site(app, options, "Tutelle expiry", logger, work)


def main(argv: list[str] | None = None) -> int:
    """Console script ``municipal-tutelle-expiry`` (see the module docstring)."""
    return console_main(argv, parse_args, run)


if __name__ == "__main__":
    sys.exit(main())
