"""Open the previous release's database with the current code (own process).

    python open_with_new_code.py ZOPE_CONF NEW_SRC SUMMARY_JSON

Runs the pending upgrade steps of imio.municipal, looks for references the
code no longer resolves in every record of the storage, renders the default
view of every content object as the Zope admin and the staff's pages as demo
users, and writes what it found as JSON.
"""

from html import unescape
from site_probe import describe
from site_probe import error_text
from site_probe import moved
from site_probe import open_app
from site_probe import package_file
from site_probe import package_renames
from site_probe import render_default_view
from site_probe import request_for
from site_probe import resolves
from site_probe import snapshot
from site_probe import staff_pages
from site_probe import storage_globals

import json
import sys
import time
import transaction


SITE_ID = "Plone"
ADMIN = "admin"
PACKAGE = "imio.municipal"


def upgrade(site) -> dict:
    """Run every pending upgrade step of the package's profiles."""
    setup = site.portal_setup
    profile = f"{PACKAGE}:default"
    result = {
        "before": ".".join(setup.getLastVersionForProfile(profile)),
        "target": setup.getVersionForProfile(profile),
        "steps": [],
    }
    for profile_id in setup.listProfilesWithUpgrades():
        if not profile_id.startswith(PACKAGE + ":"):
            continue
        for step in setup.listUpgrades(profile_id):
            for single in step if isinstance(step, list) else [step]:
                versions = f"{single['ssource']}->{single['sdest']}"
                result["steps"].append(f"{profile_id} {versions}: {single['title']}")
        setup.upgradeProfile(profile_id)
        if setup.listUpgrades(profile_id):
            result.setdefault("still_pending", []).append(profile_id)
    result["after"] = ".".join(setup.getLastVersionForProfile(profile))
    return result


def storage_check(app, renames: dict[str, str]) -> dict:
    """Globals of every record the code cannot import, and old paths left."""
    counts = storage_globals(app._p_jar.db().storage)
    return {
        "records_classes": {
            f"{module}.{name}": count
            for (module, name), count in sorted(counts.items())
            if module.startswith(PACKAGE)
        },
        "unresolved": sorted(f"{m}.{n}" for m, n in counts if not resolves(m, n)),
        "old_paths_left": sorted(
            f"{m}.{n}"
            for m, n in counts
            if f"{m} {n}" in renames or (m.startswith(PACKAGE) and resolves(m, n) and moved(m, n))
        ),
    }


def type_information(site, renames: dict[str, str]) -> dict:
    """The types' class, schema and behaviors: the code provides each, under
    its new path."""
    from plone.behavior.registration import BehaviorRegistrationNotFound
    from plone.behavior.registration import lookup_behavior_registration

    old_paths = {key.replace(" ", ".") for key in renames}
    problems = {}
    for fti in site.portal_types.objectValues():
        for dotted in (getattr(fti, "klass", ""), getattr(fti, "schema", "")):
            if not (dotted or "").startswith(PACKAGE):
                continue
            module, name = dotted.rsplit(".", 1)
            if not resolves(module, name):
                problems[fti.getId()] = f"{dotted} does not import"
            elif dotted in old_paths:
                problems[fti.getId()] = f"{dotted} is an old path"
        for behavior in getattr(fti, "behaviors", ()):
            try:
                lookup_behavior_registration(behavior)
            except BehaviorRegistrationNotFound:
                problems[fti.getId()] = f"behavior {behavior} is not registered"
    return problems


def stale_catalog(site, renames: dict[str, str]) -> list[str]:
    """Content the catalog still lists under an old path (object_provides)."""
    old_paths = sorted(key.replace(" ", ".") for key in renames)
    if not old_paths:
        return []
    brains = site.portal_catalog.unrestrictedSearchResults(object_provides=old_paths)
    return sorted(brain.getPath() for brain in brains)


def render_all(app) -> tuple[dict, list]:
    """Every content object's default view (and the site's), as the admin."""
    from ZODB.broken import Broken

    site, _request = request_for(app, SITE_ID, ADMIN)
    objects = snapshot(site)
    transaction.abort()
    failures = []
    for path in ["", *objects]:
        site, request = request_for(app, SITE_ID, ADMIN)
        try:
            obj = site.unrestrictedTraverse(path) if path else site
            if isinstance(obj, Broken):
                raise TypeError(f"broken object of class {describe(obj)['class']}")
            html = render_default_view(obj, request)
            status = request.response.getStatus()
            if not html and status not in (301, 302, 303):
                raise ValueError(f"empty page (status {status})")
            if path:
                objects[path]["rendered"] = len(html)
                objects[path]["title_shown"] = objects[path]["title"] in unescape(html)
        except Exception:  # noqa: BLE001 (reported with the object's path)
            failures.append({"path": path or "(site)", "error": error_text()})
        finally:
            transaction.abort()
    return objects, failures


def main(zope_conf, new_src, summary_file) -> None:
    started = time.monotonic()
    summary = {"package": package_file(new_src)}
    renames = package_renames()
    summary["renames"] = renames
    app = open_app(zope_conf)
    site, _request = request_for(app, SITE_ID, ADMIN)
    summary["upgrade"] = upgrade(site)
    transaction.commit()
    summary["types"] = type_information(site, renames)
    summary["stale_catalog"] = stale_catalog(site, renames)
    summary["storage"] = storage_check(app, renames)
    summary["objects"], summary["failures"] = render_all(app)
    try:
        summary.update(staff_pages(app, SITE_ID))
    except Exception:  # noqa: BLE001
        summary["failures"].append({"path": "(worklist and dashboard)", "error": error_text()})
    transaction.abort()
    app._p_jar.db().close()
    summary["seconds"] = round(time.monotonic() - started, 1)
    with open(summary_file, "w") as out:
        json.dump(summary, out, indent=1, sort_keys=True)
    rendered = sum(1 for item in summary["objects"].values() if "rendered" in item)
    print(f"Current code: {rendered} content objects rendered, {len(summary['failures'])} failures")


if __name__ == "__main__":
    main(*sys.argv[1:])
