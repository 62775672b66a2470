"""Bring a kept steering snapshot to the current profile in minutes, not hours.

`sites.upgrade` runs every pending upgrade step; on the 100 000-file snapshot
two kinds of step never finished on the loaded machine: those that walk the
whole site to update the workflows' role mappings (every case file woken and
its security reindexed) and the 1013 step that fills the receipt and
decision date indexes from every case file (the bulk loader already filled
them). Here every step runs, except that:

- the 1013 date-index step is skipped when its indexes already hold every
  case file (checked);
- the role-mapping walks and the security reindexing of a municipality
  (a new local role on it) update only the first PROBES case files of each
  folder and state, as the bulk loader makes only those the full way; the
  other files of the same folder and state (same role mappings, same local
  roles) then get their probe's new security entry, written to the index
  without waking them.

Each step is timed and committed on its own.
"""

import time


try:
    from lib import sites
except ImportError:  # pragma: no cover
    from benchmarks.lib import sites


PROFILE = "imio.municipal:default"
PROBES = 3
FILLED_BY_BULK = "The steering dashboard counts with index sets"


def _kept_and_skipped(catalog):
    """Paths of the case files the role-mapping walk visits, and of those it
    skips, by the first probe of their folder, state and service (the same
    role mappings and local roles: the bulk loader copies them so)."""
    services = catalog._catalog.getIndex("responsible_service")
    probes, kept, probes_of = {}, set(), {}
    for brain in catalog.unrestrictedSearchResults(portal_type="Dossier"):
        path = brain.getPath()
        service = services.getEntryForObject(brain.getRID(), default=None)
        key = (path.rsplit("/", 1)[0], brain.review_state, str(service))
        probes.setdefault(key, [])
        if len(probes[key]) < PROBES:
            probes[key].append(path)
            kept.add(path)
        else:
            probes_of.setdefault(probes[key][0], []).append(path)
    return kept, probes_of


def _security_of(catalog, paths):
    index = catalog._catalog.getIndex("allowedRolesAndUsers")
    return {
        path: sorted(index.getEntryForObject(catalog.getrid(path), default=[])) for path in paths
    }


def _reindex_security_probes_only(skipped):
    """CatalogAware.reindexObjectSecurity, without the skipped case files."""

    def reindex(self, skip_self=False):
        catalog = self._getCatalogTool()
        path = "/".join(self.getPhysicalPath())
        for brain in catalog.unrestrictedSearchResults(path=path):
            brain_path = brain.getPath()
            if (brain_path == path and skip_self) or brain_path in skipped:
                continue
            ob = brain._unrestrictedGetObject()
            ob.reindexObject(idxs=self._cmf_security_indexes, update_metadata=0)

    return reindex


class _Security:
    def __init__(self, entry):
        self.allowedRolesAndUsers = entry


def _propagate(catalog, probes_of) -> int:
    """Give every skipped file its probe's security entry, the probe indexed
    again the full way first; the count of entries changed."""
    from Products.CMFCore.indexing import processQueue

    index = catalog._catalog.getIndex("allowedRolesAndUsers")
    changed = 0
    for probe, paths in probes_of.items():
        catalog.unrestrictedTraverse(probe).reindexObject(idxs=["allowedRolesAndUsers"])
        processQueue()
        entry = sorted(index.getEntryForObject(catalog.getrid(probe), default=[]))
        for path in paths:
            rid = catalog.getrid(path)
            if sorted(index.getEntryForObject(rid, default=[])) != entry:
                index.index_object(rid, _Security(entry))
                changed += 1
    return changed


def propagate_security(app) -> dict:
    """(In Zope) the security entries of the skipped files again, from their
    probes (a snapshot upgraded before the groups knew the service)."""
    from zope.component.hooks import setSite

    import transaction

    site = app[sites.PRODUCT]
    setSite(site)
    catalog = site.portal_catalog
    _kept, probes_of = _kept_and_skipped(catalog)
    changed = _propagate(catalog, probes_of)
    transaction.get().note("benchmark snapshot: security entries of the probes propagated")
    transaction.commit()
    return {"groups": len(probes_of), "security_entries_propagated": changed}


def _date_indexes_full(catalog) -> bool:
    from imio.municipal.upgrades import v1013_steering_indexes

    dossiers = len(catalog.unrestrictedSearchResults(portal_type="Dossier"))
    for name in v1013_steering_indexes.INDEXES:
        if name not in catalog.indexes():
            return False
        if catalog._catalog.getIndex(name).indexSize() == 0 and dossiers:
            return False
    return True


def upgrade(app) -> dict:
    from Products.CMFCore.CMFCatalogAware import CatalogAware
    from Products.CMFCore.WorkflowTool import WorkflowTool
    from zope.component.hooks import setSite

    import transaction

    site = app[sites.PRODUCT]
    setSite(site)
    setup = site.portal_setup
    catalog = site.portal_catalog
    kept, probes_of = _kept_and_skipped(catalog)
    skipped = {path for paths in probes_of.values() for path in paths}
    folders = {path.rsplit("/", 1)[0] for path in kept}
    before = _security_of(catalog, kept)
    skip_date_step = _date_indexes_full(catalog)
    original = WorkflowTool._recursiveUpdateRoleMappings
    original_security = CatalogAware.reindexObjectSecurity

    def walk_kept_only(tool, ob, wfs):
        path = "/".join(ob.getPhysicalPath())
        if path not in folders:
            return original(tool, ob, wfs)
        count = 0
        for wf in filter(None, (wfs.get(wf_id) for wf_id in tool.getChainFor(ob))):
            if wf.updateRoleMappingsFor(ob):
                count = 1
                ob.reindexObject(idxs=["allowedRolesAndUsers"])
        for child_id in ob.objectIds():
            if f"{path}/{child_id}" not in skipped:
                count += walk_kept_only(tool, ob._getOb(child_id), wfs)
        return count

    steps = []
    WorkflowTool._recursiveUpdateRoleMappings = walk_kept_only
    CatalogAware.reindexObjectSecurity = _reindex_security_probes_only(skipped)
    try:
        for found in setup.listUpgrades(PROFILE):
            for step in found if isinstance(found, list) else [found]:
                if step["title"] == FILLED_BY_BULK and skip_date_step:
                    steps.append([step["title"], "skipped: indexes already full"])
                    continue
                began = time.perf_counter()
                step["step"].doStep(setup)
                transaction.get().note(f"benchmark snapshot: {step['title']}")
                transaction.commit()
                steps.append([step["title"], round(time.perf_counter() - began, 1)])
                print(steps[-1], flush=True)
    finally:
        WorkflowTool._recursiveUpdateRoleMappings = original
        CatalogAware.reindexObjectSecurity = original_security
    setup.setLastVersionForProfile(PROFILE, setup.getVersionForProfile(PROFILE))
    propagated = _propagate(catalog, probes_of)
    transaction.get().note("benchmark snapshot: security entries of the probes propagated")
    transaction.commit()
    after = _security_of(catalog, kept)
    return {
        "security_entries_propagated": propagated,
        "version": setup.getLastVersionForProfile(PROFILE),
        "steps": steps,
        "role_mappings_skipped": len(skipped),
        "security_changed_on_probes": sorted(p for p in kept if before[p] != after[p]),
    }
