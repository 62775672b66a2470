"""The large databases of the search and memory benchmarks: N case files in
Namur's dossiers folder and N Documents in the vanilla site, loaded through
the direct API (no HTTP, no events), in batches of 1 000 per transaction.

Each case file is what the product makes of one (its fields, its computed
deadlines, its reference once received, its workflow state and the role
mappings of that state, its owner), indexed in the catalog directly
(`catalog_object`) rather than through the indexing queue. Document ``i``
mirrors case file ``i``: the service as Subject, a state of
simple_publication_workflow (``pending`` exactly where the case file is
``in_progress``), the case file's running deadline as effective date; so a
vanilla query has the same number of hits as the dashboard's.

Snapshots are kept per size in var/bench/search-SIZE (with the build time
in build.json): a second run reuses them, a larger size starts from the
largest smaller snapshot.
"""

from datetime import date
from datetime import timedelta

import json
import time


try:
    from lib import sites
    from lib.instance import BENCH_VAR
    from lib.instance import Instance
except ImportError:  # pragma: no cover
    from benchmarks.lib import sites
    from benchmarks.lib.instance import BENCH_VAR
    from benchmarks.lib.instance import Instance


BATCH = 1000
SERVICES = ("urbanisme", "travaux", "finances")
# State of case file i by i % 20: a municipality's mix (a quarter in progress,
# a third closed or decided, a few waiting for the applicant).
STATES = (
    ("draft",) * 2
    + ("received",) * 3
    + ("incomplete",)
    + ("in_progress",) * 5
    + ("proposed",)
    + ("decided",) * 2
    + ("closed",) * 6
)
OPEN_DAYS = 120  # open files were received in the last four months
ARCHIVE_DAYS = 3 * 365  # the others over three years
VANILLA_STATE = {"draft": "private", "in_progress": "pending"}  # else published
NO_DEADLINE = date(2100, 1, 1)


def plan(index: int, today: date) -> dict:
    """What case file `index` is: service, state and dates."""
    state = STATES[index % len(STATES)]
    days = OPEN_DAYS if state not in ("decided", "closed") else ARCHIVE_DAYS
    received = today - timedelta(days=(index * 7919) % days)
    return {
        "service": SERVICES[index % len(SERVICES)],
        "state": state,
        "received": None if state == "draft" else received,
        "complete": received + timedelta(days=12)
        if state in ("in_progress", "proposed", "decided", "closed")
        and received + timedelta(days=12) <= today
        else None,
        # decided files were decided 40 days after receipt (the steering figures)
        "decided": min(received + timedelta(days=40), today)
        if state in ("decided", "closed")
        else None,
    }


def snapshot(size: int) -> Instance:
    return Instance(f"search-{size}")


def ensure(size: int) -> dict:
    """The snapshot with `size` case files (built if missing): its instance
    and how long building it took."""
    instance = snapshot(size)
    info_file = instance.var / "build.json"
    if info_file.exists() and instance.data_fs.exists():
        info = json.loads(info_file.read_text())
        upgraded = instance.zrun("lib.sites:upgrade")
        if upgraded["upgraded"]:
            print(
                f"Snapshot {size} upgraded to {upgraded['upgraded']} in {upgraded['seconds']} s",
                flush=True,
            )
        return {**info, "instance": instance, "cached": True, "upgrade": upgraded}
    smaller = sorted(
        int(path.name.split("-")[1])
        for path in BENCH_VAR.glob("search-*")
        if (path / "build.json").exists() and int(path.name.split("-")[1]) < size
    )
    source = snapshot(smaller[-1]).var if smaller else sites.base().var
    start_from = smaller[-1] if smaller else 0
    instance.reset(source)
    instance.zrun("lib.sites:upgrade")  # a kept base may predate the product's profile
    print(f"Loading case files and Documents {start_from}..{size} into {instance.var}", flush=True)
    began = time.perf_counter()
    instance.zrun("lib.loader:load", start=start_from, stop=size)
    seconds = time.perf_counter() - began
    info = {"size": size, "from": start_from, "seconds": round(seconds)}
    if smaller:
        previous = json.loads((snapshot(smaller[-1]).var / "build.json").read_text())
        info["total_seconds"] = round(seconds + previous.get("total_seconds", previous["seconds"]))
    else:
        info["total_seconds"] = round(seconds)
    info["bytes"] = instance.data_fs.stat().st_size
    info_file.write_text(json.dumps(info))
    return {**info, "instance": instance, "cached": False}


# -- in Zope -----------------------------------------------------------------


def load(app, start: int, stop: int) -> dict:
    import transaction

    product = app[sites.PRODUCT]
    vanilla = app[sites.VANILLA]
    began = time.perf_counter()
    for first in range(start, stop, BATCH):
        last = min(first + BATCH, stop)
        _load_dossiers(product, first, last)
        _load_documents(vanilla, first, last)
        transaction.get().note(f"benchmark loader {first}..{last}")
        transaction.commit()
        app._p_jar.cacheGC()
        if (last // BATCH) % 10 == 0 or last == stop:
            rate = (last - start) / (time.perf_counter() - began)
            print(f"  {last} of each ({rate:.0f}/s)", flush=True)
    return {"loaded": stop - start}


def _owned(obj, user: str) -> None:
    obj.setCreators([user])
    obj.manage_setLocalRoles(user, ["Owner"])


def _set_state(site, obj, state: str, actor: str) -> None:
    from DateTime import DateTime

    workflow_tool = site.portal_workflow
    (workflow,) = workflow_tool.getWorkflowsFor(obj)
    workflow_tool.setStatusOf(
        workflow.id,
        obj,
        {"review_state": state, "action": None, "actor": actor, "time": DateTime(), "comments": ""},
    )
    workflow.updateRoleMappingsFor(obj)


def _load_dossiers(site, first: int, last: int) -> None:
    from imio.municipal.core.calendar import belgian_today
    from imio.municipal.dossiers.stored_deadlines import compute
    from imio.municipal.platform import numbering
    from lib import payloads
    from plone.dexterity.utils import createContent
    from zope.component.hooks import setSite

    setSite(site)
    folder = site["namur"]["dossiers"]
    catalog = site.portal_catalog
    today = belgian_today()
    for index in range(first, last):
        spec = plan(index, today)
        user = f"namur-agent-{spec['service']}"
        fields = payloads.dossier(index)
        fields.pop("@type")
        fields.update(
            responsible_service=spec["service"],
            received_date=spec["received"],
            completeness_date=spec["complete"],
            decision_date=spec["decided"],
        )
        dossier = createContent("Dossier", **fields)
        dossier.id = f"bench-{index}"
        folder._setObject(dossier.id, dossier, suppress_events=True)
        dossier = folder[dossier.id]
        _owned(dossier, user)
        computed = compute(dossier)
        for name in ("completeness_deadline", "decision_deadline", "completion_limit"):
            setattr(dossier, name, getattr(computed, name))
        if spec["received"] is not None:
            year = spec["received"].year
            sequence = numbering.next_number(site["namur"], "dossier", year, dossier.procedure)
            dossier.reference = numbering.format_reference(year, dossier.procedure, sequence)
        _set_state(site, dossier, spec["state"], user)
        catalog.catalog_object(dossier, "/".join(dossier.getPhysicalPath()))


def _load_documents(site, first: int, last: int) -> None:
    from imio.municipal.core.calendar import belgian_today
    from imio.municipal.dossiers import deadlines
    from imio.municipal.dossiers.states import current_deadline_of
    from lib import payloads
    from plone.app.textfield.value import RichTextValue
    from plone.dexterity.utils import createContent
    from zope.component.hooks import setSite

    setSite(site)
    folder = site[sites.VANILLA_FOLDER]
    catalog = site.portal_catalog
    today = belgian_today()
    for index in range(first, last):
        spec = plan(index, today)
        fields = payloads.document(index)
        text = fields.pop("text")
        fields.pop("@type")
        document = createContent(
            "Document", text=RichTextValue(text["data"], "text/html", "text/x-html-safe"), **fields
        )
        document.id = f"bench-{index}"
        folder._setObject(document.id, document, suppress_events=True)
        document = folder[document.id]
        _owned(document, sites.VANILLA_AGENT)
        document.setSubject([spec["service"]])
        # the running deadline the twin case file has
        computed = deadlines.compute_dossier_deadlines(
            "pu", received_date=spec["received"], completeness_date=spec["complete"]
        )
        deadline = current_deadline_of(computed, spec["state"])
        document.setEffectiveDate(_datetime(deadline or NO_DEADLINE))
        _set_state(site, document, VANILLA_STATE.get(spec["state"], "published"), "admin")
        catalog.catalog_object(document, "/".join(document.getPhysicalPath()))


def _datetime(day: date):
    from DateTime import DateTime

    return DateTime(day.year, day.month, day.day, 0, 0, 0, "Europe/Brussels")
