"""The steering benchmark's databases, loaded fast: N case files in Namur.

The search loader (loader.py) makes about 7 case files a second: 100 000
would take four hours. Most of that time is spent computing again, for
every file, what is the same for every file of a service and a state: the
role mappings of the state (a fifth of the time) and the catalog's values
read through the indexing wrapper (two thirds). Here:

- every case file is still a real Dossier, made as loader.py makes it
  (fields, computed deadlines, reference, workflow state, owner);
- the first PROBES files of each (service, state) go the full way (role
  mappings of the workflow, `catalog_object`); their catalog values are
  compared to find those that differ from file to file;
- the following files copy the role mappings of the first file of their
  (service, state), read through the wrapper only the values that differ,
  and are catalogued (every index, the metadata) from those values;
- one file in CHECK is then catalogued again the full way, and the load
  stops if its record or its role mappings differ from the fast path's.

Only case files are loaded (no vanilla Documents: the steering benchmark's
reference is the staff dashboard of the product site). Snapshots are kept
per size in var/bench/steering-SIZE, a larger size starting from the
largest smaller one, like loader.py's.
"""

import json
import time


try:
    from lib import loader
    from lib import sites
    from lib.instance import BENCH_VAR
    from lib.instance import Instance
except ImportError:  # pragma: no cover
    from benchmarks.lib import loader
    from benchmarks.lib import sites
    from benchmarks.lib.instance import BENCH_VAR
    from benchmarks.lib.instance import Instance


BATCH = 5000
PROBES = 3
CHECK = 997  # a prime: the checked files fall on every service and state
PREFIX = "steering"
# Values that each file's own dates decide: read for every file, whatever
# the probes show (three decided files of a service may have taken the same
# number of days, and the fast path would then copy the first one's).
PER_FILE = ("instruction_days", "decided_in_time")


def snapshot(size: int) -> Instance:
    return Instance(f"{PREFIX}-{size}")


def ensure(size: int) -> dict:
    """The snapshot with `size` case files (built if missing)."""
    instance = snapshot(size)
    info_file = instance.var / "build.json"
    if info_file.exists() and instance.data_fs.exists():
        instance.zrun("lib.sites:upgrade")
        return {**json.loads(info_file.read_text()), "instance": instance, "cached": True}
    smaller = sorted(
        int(path.name.split("-")[1])
        for path in BENCH_VAR.glob(f"{PREFIX}-*")
        if (path / "build.json").exists() and int(path.name.split("-")[1]) < size
    )
    source = snapshot(smaller[-1]).var if smaller else sites.base().var
    start_from = smaller[-1] if smaller else 0
    instance.reset(source)
    instance.zrun("lib.sites:upgrade")
    print(f"Loading case files {start_from}..{size} into {instance.var} (bulk)", flush=True)
    began = time.perf_counter()
    loaded = instance.zrun("lib.bulk:load", start=start_from, stop=size)
    seconds = time.perf_counter() - began
    info = {"size": size, "from": start_from, "seconds": round(seconds), **loaded}
    if smaller:
        previous = json.loads((snapshot(smaller[-1]).var / "build.json").read_text())
        info["total_seconds"] = round(seconds + previous["total_seconds"])
    else:
        info["total_seconds"] = round(seconds)
    info["bytes"] = instance.data_fs.stat().st_size
    info_file.write_text(json.dumps(info))
    return {**info, "instance": instance, "cached": False}


# -- in Zope -----------------------------------------------------------------


MISSING = object()


class Indexed:
    """What the catalog reads of one case file, computed beforehand."""

    def __init__(self, values: dict, path: tuple):
        self.__dict__.update(values)
        self._path = path

    def getPhysicalPath(self):
        return self._path


def catalog_names(catalog) -> list[str]:
    """Every attribute an index or a metadata column reads."""
    names = set(catalog._catalog.schema)
    for index in catalog._catalog.indexes.values():
        names.update(index.getIndexSourceNames())
    names.discard("getPhysicalPath")
    return sorted(names)


def read_values(obj, catalog, names) -> dict:
    """The values the catalog would read (called when callable), as it reads them."""
    from plone.indexer.interfaces import IIndexableObject
    from zope.component import queryMultiAdapter

    wrapper = queryMultiAdapter((obj, catalog), IIndexableObject)
    values = {}
    for name in names:
        try:
            value = getattr(wrapper, name, MISSING)
            if value is not MISSING and callable(value):
                value = value()
        except (AttributeError, TypeError):
            value = MISSING
        values[name] = value
    return values


def permissions_of(obj) -> dict:
    return {name: value for name, value in vars(obj).items() if name.endswith("_Permission")}


class Templates:
    """Per (service, state): the role mappings and the catalog values of its
    first files, and which values differ between files."""

    def __init__(self, catalog):
        self.catalog = catalog
        self.names = catalog_names(catalog)
        self.probes: dict[tuple, list[dict]] = {}
        self.permissions: dict[tuple, dict] = {}
        self.varying: set[str] = {name for name in PER_FILE if name in self.names}

    def ready(self, key) -> bool:
        return len(self.probes.get(key, ())) >= PROBES

    def probe(self, key, obj) -> None:
        values = read_values(obj, self.catalog, self.names)
        found = self.probes.setdefault(key, [])
        for other in found:
            self.varying.update(n for n in self.names if values[n] != other[n])
        found.append(values)
        self.permissions.setdefault(key, permissions_of(obj))

    def values_for(self, key, obj) -> dict:
        values = dict(self.probes[key][0])
        values.update(read_values(obj, self.catalog, sorted(self.varying)))
        return {name: value for name, value in values.items() if value is not MISSING}


def load(app, start: int, stop: int) -> dict:
    from imio.municipal.upgrades import v1013_steering_indexes
    from zope.component.hooks import setSite

    import transaction

    site = app[sites.PRODUCT]
    setSite(site)
    catalog = site.portal_catalog
    # what the 1013 upgrade gives an existing site
    v1013_steering_indexes.add_indexes(catalog)
    templates = Templates(catalog)
    began = time.perf_counter()
    checked = 0
    for first in range(start, stop, BATCH):
        last = min(first + BATCH, stop)
        checked += _load_batch(site, templates, first, last)
        transaction.get().note(f"benchmark bulk loader {first}..{last}")
        transaction.commit()
        app._p_jar.cacheGC()
        rate = (last - start) / (time.perf_counter() - began)
        print(f"  {last} case files ({rate:.0f}/s)", flush=True)
    return {"checked": checked, "varying": sorted(templates.varying)}


def _load_batch(site, templates: Templates, first: int, last: int) -> int:
    from imio.municipal.core.calendar import belgian_today

    catalog = site.portal_catalog
    folder = site["namur"]["dossiers"]
    today = belgian_today()
    checked = 0
    for index in range(first, last):
        spec = loader.plan(index, today)
        key = (spec["service"], spec["state"])
        dossier = _make(site, folder, index, spec)
        path = dossier.getPhysicalPath()
        uid = "/".join(path)
        if not templates.ready(key):
            _full_way(site, dossier, uid)
            templates.probe(key, dossier)
            continue
        for name, value in templates.permissions[key].items():
            setattr(dossier, name, list(value) if isinstance(value, list) else value)
        values = templates.values_for(key, dossier)
        catalog._catalog.catalogObject(Indexed(values, path), uid)
        if index % CHECK == 0:
            _check(site, dossier, uid)
            checked += 1
    return checked


def _make(site, folder, index: int, spec: dict):
    """A case file as loader.py makes it, before its role mappings."""
    from imio.municipal.dossiers.stored_deadlines import compute
    from imio.municipal.platform import numbering
    from lib import payloads
    from plone.dexterity.utils import createContent

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
    loader._owned(dossier, user)
    computed = compute(dossier)
    for name in ("completeness_deadline", "decision_deadline", "completion_limit"):
        setattr(dossier, name, getattr(computed, name))
    if spec["received"] is not None:
        year = spec["received"].year
        sequence = numbering.next_number(site["namur"], "dossier", year, dossier.procedure)
        dossier.reference = numbering.format_reference(year, dossier.procedure, sequence)
    workflow_tool = site.portal_workflow
    (workflow,) = workflow_tool.getWorkflowsFor(dossier)
    from DateTime import DateTime

    workflow_tool.setStatusOf(
        workflow.id,
        dossier,
        {
            "review_state": spec["state"],
            "action": None,
            "actor": user,
            "time": DateTime(),
            "comments": "",
        },
    )
    return dossier


def _full_way(site, dossier, uid: str) -> None:
    (workflow,) = site.portal_workflow.getWorkflowsFor(dossier)
    workflow.updateRoleMappingsFor(dossier)
    site.portal_catalog.catalog_object(dossier, uid)


def _check(site, dossier, uid: str) -> None:
    """The fast path left what the full way leaves, or the load stops."""
    catalog = site.portal_catalog._catalog
    rid = catalog.uids[uid]
    record = tuple(catalog.data[rid])
    entries = {name: _entry(catalog.getIndex(name), rid) for name in catalog.indexes}
    permissions = permissions_of(dossier)
    _full_way(site, dossier, uid)
    if permissions_of(dossier) != permissions:
        raise AssertionError(f"{uid}: role mappings differ from the workflow's")
    if tuple(catalog.data[rid]) != record:
        raise AssertionError(f"{uid}: metadata differ from the full way's")
    for name in catalog.indexes:
        if _entry(catalog.getIndex(name), rid) != entries[name]:
            raise AssertionError(f"{uid}: index {name} differs from the full way's")


def _entry(index, rid):
    found = index.getEntryForObject(rid, default=None)
    return repr(found)
