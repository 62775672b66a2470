"""``municipal-onboard``: onboard many municipalities from a CSV file.

Columns (comma or semicolon separated, header first): ``ins_code``,
``bce_number``, ``dg_login``, ``dg_fullname``, ``dg_email``, ``template``.
Each line is onboarded in its own transaction: a refused line is reported
with its number and reason and leaves nothing behind; a municipality already
on the platform is skipped, so running the same file twice changes nothing.
``--dry-run`` checks every line and creates nothing.
"""

from imio.municipal.administration import onboarding
from imio.municipal.administration.onboarding_rules import parse_csv
from imio.municipal.jobs.scaffolding import console_main
from imio.municipal.jobs.scaffolding import in_own_transaction
from imio.municipal.jobs.scaffolding import public_url
from imio.municipal.jobs.scaffolding import set_public_url
from zope.i18n import translate

import argparse
import sys
import transaction


BAR_WIDTH = 30


def _french(message) -> str:
    return translate(message, target_language="fr")


def progress(done: int, total: int, label: str, out) -> None:
    """One line of progress: a bar on a terminal, plain lines in a log."""
    filled = BAR_WIDTH * done // max(total, 1)
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    if getattr(out, "isatty", lambda: False)():
        end = "\n" if done == total else ""
        print(f"\r[{bar}] {done}/{total} {label[:40]:<40}", end=end, file=out, flush=True)
    else:
        print(f"[{bar}] {done}/{total} {label}", file=out)


def new_summary(dry_run: bool) -> dict:
    return {"dry_run": dry_run, "created": [], "present": [], "refused": []}


def onboard_lines(site, text: str, *, dry_run=False, notify=True, commit=False, bar=None) -> dict:
    """Onboard every line of an onboarding file; the summary lists the
    INS codes created (or that would be), already present, and the refused
    lines as ``(line number, [French reasons])``."""
    lines, refused = parse_csv(text)
    summary = new_summary(dry_run)
    summary["refused"] = [
        (number, [_french(m) for m in onboarding.messages(reasons)]) for number, reasons in refused
    ]
    for done, line in enumerate(lines, start=1):
        request = line.request
        if onboarding.onboarded_municipality(request.ins_code) is not None:
            summary["present"].append(request.ins_code)
        else:
            try:
                if dry_run:
                    onboarding.check(request)
                elif commit:
                    in_own_transaction(
                        lambda request=request: onboarding.onboard(site, request, notify),
                        dry_run=False,
                        label=f"Onboarding {request.ins_code}",
                    )
                else:
                    onboarding.onboard(site, request, notify)
                summary["created"].append(request.ins_code)
            except onboarding.OnboardingRefused as refused_line:
                if commit:
                    transaction.abort()
                refusal = (line.number, [_french(m) for m in refused_line.messages])
                summary["refused"].append(refusal)
        if bar is not None:
            progress(done, len(lines), request.ins_code, bar)
    summary["refused"].sort()
    return summary


def print_summary(summary: dict, out) -> None:
    for number, reasons in summary["refused"]:
        for reason in reasons:
            print(f"Ligne {number} refusée : {reason}", file=out)
    verb = "à créer" if summary["dry_run"] else "créées"
    print(
        f"Communes {verb} : {len(summary['created'])} ; "
        f"déjà sur la plateforme : {len(summary['present'])} ; "
        f"lignes refusées : {len(summary['refused'])}",
        file=out,
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="municipal-onboard",
        description="Onboard the municipalities of a CSV file (INS code, BCE number, "
        "DG login, name and e-mail, services template); twice changes nothing.",
    )
    parser.add_argument("file", type=argparse.FileType("r", encoding="utf-8-sig"))
    parser.add_argument("--zope-conf", required=True, help="the zope.conf of the instance")
    parser.add_argument("--site", default="Plone", help="id of the Plone site (default: Plone)")
    parser.add_argument(
        "--url",
        type=public_url,
        help="public URL of the site, for the password link mailed to each DG",
    )
    parser.add_argument("--dry-run", action="store_true", help="check every line, create nothing")
    return parser.parse_args(argv)


def run(app, options: argparse.Namespace, out=sys.stdout, bar=sys.stderr) -> int:
    """0: every line onboarded or present; 1: refused lines; 2: no such site."""
    from zope.component.hooks import setSite

    site = app.get(options.site)
    if site is None:
        print(f"No Plone site {options.site!r} in this Zope", file=sys.stderr)
        return 2
    setSite(site)
    try:
        if options.url:
            set_public_url(app.REQUEST, site, options.url)
        text = options.file.read()
        summary = onboard_lines(site, text, dry_run=options.dry_run, commit=True, bar=bar)
        print_summary(summary, out)
        return 1 if summary["refused"] else 0
    finally:
        setSite(None)


def main(argv: list[str] | None = None) -> int:
    """Console script ``municipal-onboard`` (see the module docstring)."""
    return console_main(argv, parse_args, run)


if __name__ == "__main__":
    sys.exit(main())
