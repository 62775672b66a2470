"""zconsole script of the scale-out tests: one Zope process (A or B) on a shared database.

    zconsole run zope-a.conf actor.py create --state state.json --acts 30
    zconsole run zope-b.conf actor.py read --state state.json --out read-b.json
    zconsole run zope-X.conf actor.py adopt --state state.json --role a|b \
        --barrier DIR --out adopt-X.json

``create`` (process A): a case file with a file (random bytes, a blob) in
Namur, an act, and ``--acts`` council acts validated and ready for adoption
(session of 2019, a series no demo act uses); one commit; the paths and the
file's digest go to ``--state``.

``read`` (process B): reads the case file, the act and the file's bytes
through its own connection and blob cache, proposes the act (Namur's head of
finances), commits, writes what it saw.

``adopt`` (A and B at once): waits until the other process is ready too (a
file per process in ``--barrier``), then adopts its share of the acts (A the
even ones, B the odd ones), one transaction each, retrying a conflict as the
Zope publisher retries a request; once both are done it reads every act's
number and the series' counter. Writes numbers, conflicts and durations.
"""

from datetime import date
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.platform import numbering
from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite

import argparse
import hashlib
import json
import random
import sys
import time
import transaction


SESSION = date(2019, 3, 18)
SECRETARY = "namur-secretaire"
HEAD = "namur-chef-finances"
# Each conflict means the other process committed an adoption in between: an
# act cannot conflict more often than the other process adopts (ACTS / 2).
RETRIES = 50
BARRIER_TIMEOUT = 180


def script_args(argv):
    for index, arg in enumerate(argv):
        if arg.endswith("actor.py"):
            return argv[index + 1 :]
    return []


OO_PORT_LIST = (
    "collective.documentgenerator.browser.controlpanel."
    "IDocumentGeneratorControlPanelSchema.oo_port_list"
)


def create(portal, options) -> dict:
    dossier = build_dossier(portal, title="Dossier scale-out", procedure="pu")
    data = random.Random(9).randbytes(options.blob_size)  # noqa: S311 (test data)
    with api.env.adopt_user(username="namur-agent-urbanisme"):
        attachment = api.content.create(
            container=dossier,
            type="File",
            id="plan-implantation.pdf",
            title="Plan d'implantation",
            file=NamedBlobFile(data=data, filename="plan-implantation.pdf"),
        )
    act = build_act(portal, title="Acte scale-out", session_date=SESSION)
    to_adopt = []
    for number in range(options.acts):
        candidate = build_act(
            portal, title=f"Adoption concurrente {number:03d}", session_date=SESSION
        )
        do_transition(candidate, HEAD, "propose")
        do_transition(candidate, SECRETARY, "validate")
        to_adopt.append("/".join(candidate.getPhysicalPath()))
    transaction.commit()
    return {
        "dossier": "/".join(dossier.getPhysicalPath()),
        "act": "/".join(act.getPhysicalPath()),
        "file": "/".join(attachment.getPhysicalPath()),
        "file_sha256": hashlib.sha256(data).hexdigest(),
        "file_size": len(data),
        "to_adopt": to_adopt,
        "counter_before": numbering.last_number(portal["namur"], "act", SESSION.year, "conseil"),
        # the LibreOffice the site renders with (the test's own)
        "oo_port_list": api.portal.get_registry_record(OO_PORT_LIST),
    }


def read(app, state) -> dict:
    dossier = app.unrestrictedTraverse(state["dossier"])
    act = app.unrestrictedTraverse(state["act"])
    blob = app.unrestrictedTraverse(state["file"]).file
    with blob.open() as stream:
        data = stream.read()
    seen = {
        "dossier_title": dossier.Title(),
        "dossier_state": api.content.get_state(dossier),
        "act_title": act.Title(),
        "act_state_before": api.content.get_state(act),
        "file_sha256": hashlib.sha256(data).hexdigest(),
        "file_size": len(data),
        # the file in this process's own blob cache
        "blob_file": getattr(blob._blob, "_p_blob_committed", None),
    }
    do_transition(act, HEAD, "propose")
    transaction.commit()
    seen["act_state_after"] = api.content.get_state(app.unrestrictedTraverse(state["act"]))
    return seen


def adopt(app, portal, state, options) -> dict:
    barrier = Path(options.barrier)
    mine = state["to_adopt"][0 if options.role == "a" else 1 :: 2]
    # A sees what B committed before (the proposed act).
    transaction.begin()
    act_state = api.content.get_state(app.unrestrictedTraverse(state["act"]))
    (barrier / f"ready-{options.role}").touch()
    wait_all(barrier, "ready")
    begin = time.monotonic()
    numbers, conflicts, attempts_max = {}, 0, 1
    for path in mine:
        for attempt in range(1, RETRIES + 1):
            try:
                transaction.begin()
                act = app.unrestrictedTraverse(path)
                do_transition(act, SECRETARY, "adopt")
                number = act.number
                transaction.commit()
                numbers[path] = number
                attempts_max = max(attempts_max, attempt)
                break
            except ConflictError:
                # what the publisher does with a conflicting request: abort,
                # start again from the committed state
                transaction.abort()
                conflicts += 1
                time.sleep(random.uniform(0, 0.02))  # noqa: S311 (jitter)
        else:
            raise RuntimeError(f"{path}: still conflicting after {RETRIES} attempts")
    seconds = time.monotonic() - begin
    (barrier / f"done-{options.role}").touch()
    wait_all(barrier, "done")
    transaction.begin()
    committed = {path: app.unrestrictedTraverse(path).number for path in state["to_adopt"]}
    return {
        "role": options.role,
        "act_state_seen": act_state,
        "numbers": numbers,
        "conflicts": conflicts,
        "max_attempts": attempts_max,
        "seconds": round(seconds, 2),
        "committed_numbers": committed,
        "counter_after": numbering.last_number(portal["namur"], "act", SESSION.year, "conseil"),
    }


def wait_all(barrier, name: str, count: int = 2) -> None:
    deadline = time.monotonic() + BARRIER_TIMEOUT
    while len(list(barrier.glob(f"{name}-*"))) < count:
        if time.monotonic() > deadline:
            raise TimeoutError(f"the other process never reached {name!r}")
        time.sleep(0.01)


def main(app, argv) -> None:
    parser = argparse.ArgumentParser(prog="actor.py")
    parser.add_argument("command", choices=["create", "read", "adopt"])
    parser.add_argument("--site", default="Plone")
    parser.add_argument("--state", required=True)
    parser.add_argument("--out")
    parser.add_argument("--acts", type=int, default=30)
    parser.add_argument("--blob-size", type=int, default=300_000)
    parser.add_argument("--role", choices=["a", "b"])
    parser.add_argument("--barrier")
    options = parser.parse_args(argv)
    portal = app[options.site]
    setSite(portal)
    if options.command == "create":
        result = create(portal, options)
        out = options.state
    else:
        with open(options.state, encoding="utf-8") as stream:
            state = json.load(stream)
        if options.command == "read":
            result = read(app, state)
        else:
            result = adopt(app, portal, state, options)
        out = options.out
    with open(out, "w", encoding="utf-8") as stream:
        json.dump(result, stream, indent=2)
    print(json.dumps(result)[:2000])


if __name__ == "__main__":
    main(app, script_args(sys.argv))  # noqa: F821 (app is provided by zconsole)
