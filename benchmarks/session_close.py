"""Preparing, holding and closing a council session of 150 items, against today's
single adoption.

    .venv/bin/python benchmarks/session_close.py [--items N] [--single M] [--warmup W]

In a throwaway database (var/bench/session_close), N + W + M council acts of
Namur are brought to "validated". In one process, on a FileStorage:

1. the baseline, today's way: the secretary adopts W acts (warm-up), then M
   acts, one by one, each in its own transaction (number taken, reindexing,
   commit) — the per-act cost of an adoption without a session;
2. the session: the secretary proposes the N other acts for one council
   session (one transaction), convenes it, records the 47 members present,
   opens it, records a vote on each item (one transaction), closes it (every
   act adopted and numbered in agenda order, in one transaction) and
   generates the minutes' PDF through the site's LibreOffice (one started
   for the run). The session is created for a day far enough to be convened
   on time, then moved to today before opening: time passes in between.

It prints each phase's time, the per-item cost of the whole session against
the single adoption, and checks the numbering: the N session acts have
consecutive numbers in agenda order. Run on a loaded machine, read the
ratio, not the seconds.
"""

from pathlib import Path
from statistics import median

import argparse
import os
import shutil
import sys
import tempfile
import time


sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import report  # noqa: E402
from lib import sites  # noqa: E402
from lib.instance import Instance  # noqa: E402


sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from imio.municipal.documents import libreoffice  # noqa: E402


CITY, BODY = "namur", "conseil"
SECRETARY = "namur-secretaire"
DOCUMENTGENERATOR = (
    "collective.documentgenerator.browser.controlpanel.IDocumentGeneratorControlPanelSchema."
)


# -- in Zope ---------------------------------------------------------------


def _site(app):
    from zope.component.hooks import setSite

    site = app[sites.PRODUCT]
    setSite(site)
    return site


def prepare(app, total: int, oo_port: int, uno_path: str) -> dict:
    """`total` validated council acts; the site's documents use the run's LibreOffice."""
    from imio.municipal.demo.builders import build_act
    from imio.municipal.demo.builders import do_transition
    from plone import api

    import transaction

    portal = _site(app)
    api.portal.set_registry_record(DOCUMENTGENERATOR + "oo_server", "localhost")
    api.portal.set_registry_record(DOCUMENTGENERATOR + "oo_port_list", str(oo_port))
    api.portal.set_registry_record(DOCUMENTGENERATOR + "uno_path", uno_path)
    acts = []
    for index in range(total):
        act = build_act(
            portal, municipality=CITY, title=f"Point de séance de benchmark n° {index}", body=BODY
        )
        do_transition(act, f"{CITY}-chef-{act.responsible_service}", "propose")
        do_transition(act, SECRETARY, "validate")
        acts.append("/".join(act.getPhysicalPath()))
        if index % 20 == 19:
            transaction.commit()
    transaction.commit()
    return {"acts": acts}


def single(app, acts: list, warmup: int) -> list[float]:
    """Adopt each act in its own transaction, as without sessions (session date typed)."""
    from imio.municipal.core.calendar import belgian_today
    from imio.municipal.demo.builders import do_transition

    import transaction

    times = []
    for index, path in enumerate(acts):
        start = time.perf_counter()
        transaction.begin()
        act = _site(app).unrestrictedTraverse(path)
        act.session_date = belgian_today()
        do_transition(act, SECRETARY, "adopt")
        transaction.commit()
        if index >= warmup:
            times.append(time.perf_counter() - start)
    return times


def session(app, acts: list) -> dict:
    """Propose, convene, hold, vote, close and write the minutes; seconds per phase."""
    from datetime import timedelta
    from imio.municipal.core.calendar import belgian_today
    from imio.municipal.demo.builders import do_transition
    from imio.municipal.demo.sessions import build_session
    from imio.municipal.sessions import agenda
    from imio.municipal.sessions import holding
    from imio.municipal.sessions import minutes
    from imio.municipal.sessions import records
    from imio.municipal.sessions.members import members_in_office
    from plone import api

    import transaction

    portal = _site(app)
    phases = {}

    def phase(name, function):
        start = time.perf_counter()
        function()
        transaction.commit()
        phases[name] = time.perf_counter() - start

    today = belgian_today()
    council = build_session(portal, body=BODY, session_date=today + timedelta(days=30))
    transaction.commit()

    def propose():
        with api.env.adopt_user(username=SECRETARY):
            for path in acts:
                agenda.propose(council, portal.unrestrictedTraverse(path))

    def convene_and_open():
        do_transition(council, SECRETARY, "convene")
        council.session_date = today  # the day has come
        members = [seat.member_id for seat in members_in_office(council)]
        with api.env.adopt_user(username=SECRETARY):
            holding.set_presences(council, dict.fromkeys(members, records.PRESENT))
        do_transition(council, SECRETARY, "open")

    def votes():
        with api.env.adopt_user(username=SECRETARY):
            for item in council.agenda:
                holding.record_vote(council, item.item_id, records.UNANIMITY)

    def close():
        do_transition(council, SECRETARY, "close")

    def write_minutes():
        with api.env.adopt_user(username=SECRETARY):
            minutes.generate(council, app.REQUEST)

    phase("propose", propose)
    phase("convene, presences, open", convene_and_open)
    phase("votes", votes)
    phase("close (adoption, numbering)", close)
    phase("minutes PDF", write_minutes)
    numbers = [agenda.act_of(item).number for item in council.agenda]
    sequences = [int(number.rsplit("/", 1)[-1]) for number in numbers if number]
    pdf = minutes.minutes_of(council).pdf
    return {
        "phases": phases,
        "numbered": len(sequences),
        "in_order": sequences == list(range(sequences[0], sequences[0] + len(sequences)))
        if sequences
        else False,
        "pdf_bytes": pdf.getSize() if pdf is not None else 0,
    }


# -- the benchmark -----------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=int(os.environ.get("BENCH_COUNT", 150)))
    parser.add_argument("--single", type=int, default=20, help="single adoptions measured")
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args(argv)
    if not libreoffice.installed():
        sys.exit("LibreOffice is not installed (make libreoffice, as root).")

    tmp = Path(tempfile.mkdtemp(prefix="bench-session-close-"))
    server = libreoffice.Server(port=libreoffice.free_port(), profile=tmp / "profile").start()
    try:
        uno = libreoffice.write_uno_wrapper(tmp / "python-uno")
        instance = Instance("session_close").reset(sites.base().var)
        baseline = args.warmup + args.single
        start = time.perf_counter()
        acts = instance.zrun(
            "session_close:prepare",
            total=baseline + args.items,
            oo_port=server.port,
            uno_path=str(uno),
        )["acts"]
        print(f"prepared {len(acts)} acts in {time.perf_counter() - start:.0f} s", flush=True)
        one = instance.zrun("session_close:single", acts=acts[:baseline], warmup=args.warmup)
        held = instance.zrun("session_close:session", acts=acts[baseline:])
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    total = sum(held["phases"].values())
    single_median = median(one)
    rows = [
        report.Row(f"session phase: {name}", seconds, None, "s")
        for name, seconds in held["phases"].items()
    ]
    rows += [
        report.Row(f"whole session of {args.items} items", total, None, "s"),
        report.Row(
            "per item: session vs single adoption",
            total / args.items * 1000,
            single_median * 1000,
            "ms",
        ),
        report.Row(
            "numbered in agenda order",
            held["numbered"],
            None,
            "acts",
            "consecutive, all items",
            lambda row: held["in_order"] and held["numbered"] == args.items,
        ),
    ]
    ok = report.print_table(
        f"Session close: a council session of {args.items} items vs adopting acts one by one",
        rows,
        [
            f"single adoption: median of {args.single} after {args.warmup} warm-up, "
            "each in its own transaction (the 'vanilla' column: today's way)",
            f"session: propose, convene, 47 present, open, a vote per item, close, minutes "
            f"PDF ({held['pdf_bytes']:,} bytes); FileStorage, ZODB cache "
            f"{instance.cache_size} objects",
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
