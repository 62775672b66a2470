"""Profile pages rendered by the real publisher, inside one Zope process.

    .venv/bin/python benchmarks/lib/profiling.py [--requests N] [--top K]
        [--adoption | --compare | --pages]

Copies the base database into var/bench/profile, then (in a Zope process of
its own, see zrun.py) creates the case file and the Document the read
benchmark reads, and GETs each page N times through ZPublisher's WSGI
publisher (traversal, authentication, main template, transforms) under
cProfile. Prints, per page, the CPU milliseconds per request (the thread's
CPU time, which other processes loading the machine do not inflate) and the functions
with the largest cumulative time; the raw statistics go to
var/bench/profile/NAME.pstats (for snakeviz or pstats). With --adoption, it
adopts N acts and publishes N Documents instead (as benchmarks/adopt.py).
With --compare, no profiler: the case file page and an adoption N times each
with the product's savings switched off and on in turn (local roles kept on
the request, permissions of a state set in one pass, acts cataloged without
acquisition and reindexed partly at a transition; --only-catalog: only the
last two), the vanilla page and publishing beside them; median CPU ms of each.
With --pages, the case file
page alone with the later savings (issue 23: bundles only forms use left
out, templates for other types not loaded, local roles kept per adapter)
off and on, interleaved with the vanilla page.
"""

from io import BytesIO
from io import StringIO
from pathlib import Path

import argparse
import base64
import json
import sys


sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _environ(method: str, path: str, login, password, body: bytes = b"") -> dict:
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "8080",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "localhost:8080",
        "HTTP_ACCEPT": "text/html",
        "HTTP_ACCEPT_LANGUAGE": "fr",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(body),
        "wsgi.errors": sys.stderr,
    }
    if login is not None:  # else anonymous
        token = base64.b64encode(f"{login}:{password}".encode()).decode()
        environ["HTTP_AUTHORIZATION"] = f"Basic {token}"
    if body:
        environ.update(
            HTTP_ACCEPT="application/json",
            CONTENT_TYPE="application/json",
            CONTENT_LENGTH=str(len(body)),
        )
    return environ


def request(method: str, path: str, login, password, body: bytes = b"") -> bytes:
    """One request through the WSGI publisher, as runwsgi would make it
    (anonymous when `login` is None)."""
    from ZPublisher.WSGIPublisher import publish_module

    status = []

    def start_response(line, headers, exc_info=None):
        status.append(line)

    answer = b"".join(publish_module(_environ(method, path, login, password, body), start_response))
    if not status or not status[0].startswith("20"):
        raise RuntimeError(f"{method} {path}: {status} {answer[:300]}")
    return answer


def get(path: str, login: str, password: str) -> bytes:
    return request("GET", path, login, password)


def make_pages(app) -> dict:
    """(In Zope) the case file and the Document of the read benchmark,
    posted over REST as the read benchmark posts them."""
    from lib import payloads
    from lib import sites

    def post(folder, login, payload):
        answer = request("POST", folder, login, sites.PASSWORD, json.dumps(payload).encode())
        return "/" + json.loads(answer)["@id"].split("/", 3)[3]

    return {
        "product": (
            post(f"/{sites.PRODUCT}/namur/dossiers", sites.AGENT, payloads.dossier(1)),
            sites.AGENT,
        ),
        "vanilla": (
            post(
                f"/{sites.VANILLA}/{sites.VANILLA_FOLDER}",
                sites.VANILLA_AGENT,
                payloads.document(1),
            ),
            sites.VANILLA_AGENT,
        ),
    }


def profile_pages(app, requests: int, top: int, out: str) -> dict:
    """(In Zope) GET each page `requests` times under cProfile."""
    from lib import sites

    import cProfile
    import pstats
    import time

    pages = make_pages(app)
    result = {}
    for name, (path, login) in pages.items():
        for _ in range(5):  # warm up: templates compiled, caches filled
            get(path, login, sites.PASSWORD)
        started = time.thread_time()
        for _ in range(requests):
            get(path, login, sites.PASSWORD)
        plain_ms = (time.thread_time() - started) * 1000 / requests
        profiler = cProfile.Profile(time.thread_time)
        profiler.enable()
        for _ in range(requests):
            get(path, login, sites.PASSWORD)
        profiler.disable()
        stats_file = Path(out) / f"{name}.pstats"
        profiler.dump_stats(str(stats_file))
        text = StringIO()
        stats = pstats.Stats(str(stats_file), stream=text)
        stats.sort_stats("cumulative").print_stats(top)
        result[name] = {"path": path, "ms": round(plain_ms, 2), "profile": text.getvalue()}
    return result


def profile_adoption(app, count: int, top: int, out: str) -> dict:
    """(In Zope) adopt `count` acts and publish `count` Documents, each in its
    own transaction as benchmarks/adopt.py does, under cProfile."""
    import adopt
    import cProfile
    import pstats
    import time

    prepared = adopt.prepare(app, count + 5)
    acts, documents = prepared["acts"], prepared["documents"]
    adopt.single(app, acts[:5], documents[:5], 5)  # warm up
    result = {}
    for name, operation, paths in (
        ("adoption", adopt.adopt, acts[5:]),
        ("publishing", adopt.publish, documents[5:]),
    ):
        profiler = cProfile.Profile(time.thread_time)
        started = time.thread_time()
        profiler.enable()
        for path in paths:
            operation(app, path)
        profiler.disable()
        elapsed_ms = (time.thread_time() - started) * 1000 / len(paths)
        stats_file = Path(out) / f"{name}.pstats"
        profiler.dump_stats(str(stats_file))
        text = StringIO()
        pstats.Stats(str(stats_file), stream=text).sort_stats("cumulative").print_stats(top)
        result[name] = {"path": paths[0], "ms": round(elapsed_ms, 2), "profile": text.getvalue()}
    return result


def _dcworkflow_update(self, ob):
    """DCWorkflow's own updateRoleMappingsFor (one search per permission)."""
    from Products.DCWorkflow.utils import modifyRolesForGroup
    from Products.DCWorkflow.utils import modifyRolesForPermission

    changed = 0
    sdef = self._getWorkflowStateOf(ob)
    if sdef is None:
        return 0
    for name in self.permissions or ():
        roles = (sdef.permission_roles or {}).get(name, [])
        changed |= modifyRolesForPermission(ob, name, roles)
    if self.getGroups() and self.getRoles():
        for group in self.getGroups():
            roles = (sdef.group_roles or {}).get(group, ())
            changed |= modifyRolesForGroup(ob, group, roles, self.getRoles())
    return changed


def _full_reindex(act) -> None:
    act.reindexObject()


def _catalog_variant(before: bool) -> None:
    """Acts' catalog savings (issue 23, session 12) off (before) or on: Plone's
    wrapper acquiring every missing name, a full reindex at each transition,
    Plone's image scales indexer asking every field."""
    from imio.municipal.acts import catalog
    from imio.municipal.acts import indexers
    from plone.indexer.wrapper import IndexableObjectWrapper
    from Products.CMFPlone.image_scales.indexer import image_scales

    catalog.ActIndexableWrapper.__getattr__ = (
        IndexableObjectWrapper.__getattr__ if before else _ACT_WRAPPER_GETATTR
    )
    indexers.act_image_scales.callable = image_scales.callable if before else _ACT_IMAGE_SCALES
    catalog.reindex_after_transition = _full_reindex if before else _REINDEX_AFTER_TRANSITION


def _variant(before: bool, only_catalog: bool = False) -> None:
    """Switch the product's savings off (before) or on, in this process
    (with `only_catalog`, only the acts' catalog savings)."""
    _catalog_variant(before)
    if only_catalog:
        return
    from imio.municipal.platform import localroles
    from imio.municipal.platform.role_mappings import update_role_mappings_for
    from Products.DCWorkflow.DCWorkflow import DCWorkflowDefinition

    DCWorkflowDefinition.updateRoleMappingsFor = (
        _dcworkflow_update if before else update_role_mappings_for
    )
    cls = localroles.ServiceLocalRoles
    if "_saved_roles" not in cls.__dict__:
        cls._saved_roles = cls.roles  # the product's (kept on the request)
    cls.roles = cls._roles if before else cls._saved_roles


def _page_variant(before: bool) -> None:
    """Switch this page's later savings off (before) or on: the form-only
    bundles left out, templates for other types not loaded, an adapter's
    local roles kept for the user's groups."""
    from collective.documentgenerator.adapters import GenerablePODTemplatesAdapter
    from imio.municipal.documents.generable import MunicipalGenerableTemplates
    from imio.municipal.dossiers.browser import view
    from imio.municipal.platform import localroles

    saved = _page_variant.__dict__.setdefault(
        "saved",
        {
            "bundles": view.leave_out_form_bundles,
            "templates": MunicipalGenerableTemplates.get_all_pod_templates,
            "roles": localroles.ServiceLocalRoles.roles,
        },
    )
    view.leave_out_form_bundles = (lambda request: None) if before else saved["bundles"]
    MunicipalGenerableTemplates.get_all_pod_templates = (
        GenerablePODTemplatesAdapter.get_all_pod_templates if before else saved["templates"]
    )
    localroles.ServiceLocalRoles.roles = (
        (lambda self: localroles.roles_on_request(self.context, "ServiceLocalRoles", self._roles))
        if before
        else saved["roles"]
    )


def compare_pages(app, requests: int) -> dict:
    """(In Zope) CPU ms of the case file page with this session's savings off
    and on, and of the vanilla page, interleaved in this one process."""
    from lib import sites
    from statistics import median

    import time

    pages = make_pages(app)
    product, login = pages["product"]
    vanilla, vanilla_login = pages["vanilla"]
    times = {key: [] for key in ("page before", "page after", "vanilla page")}
    for index in range(requests + 3):
        for key, path, user in (
            ("page before", product, login),
            ("vanilla page", vanilla, vanilla_login),
            ("page after", product, login),
        ):
            _page_variant(key == "page before")
            started = time.thread_time()
            get(path, user, sites.PASSWORD)
            if index >= 3:  # warm-up
                times[key].append((time.thread_time() - started) * 1000)
    _page_variant(False)
    return {key: round(median(values), 1) for key, values in times.items()}


def _keep_catalog_savings() -> None:
    global _ACT_WRAPPER_GETATTR, _REINDEX_AFTER_TRANSITION, _ACT_IMAGE_SCALES
    from imio.municipal.acts import catalog
    from imio.municipal.acts import indexers

    if "_ACT_WRAPPER_GETATTR" not in globals():
        _ACT_WRAPPER_GETATTR = catalog.ActIndexableWrapper.__dict__["__getattr__"]
        _REINDEX_AFTER_TRANSITION = catalog.reindex_after_transition
        _ACT_IMAGE_SCALES = indexers.act_image_scales.callable


def compare(app, requests: int, only_catalog: bool = False) -> dict:
    """(In Zope) CPU ms of the case file page and of an adoption, with the
    savings off and on, interleaved in this one process; the vanilla page
    and publishing as reference."""
    from lib import sites
    from statistics import median

    import adopt
    import time

    def cpu(call, *args):
        started = time.thread_time()
        call(*args)
        return (time.thread_time() - started) * 1000

    _keep_catalog_savings()
    pages = make_pages(app)
    prepared = adopt.prepare(app, 2 * requests + 6)
    acts, documents = prepared["acts"], prepared["documents"]
    times = {key: [] for key in ("page before", "page after", "vanilla page")}
    times.update({key: [] for key in ("adopt before", "adopt after", "publish")})
    product, login = pages["product"]
    vanilla, vanilla_login = pages["vanilla"]
    for index in range(requests + 3):
        for before in (True, False):
            _variant(before, only_catalog)
            took = cpu(get, product, login, sites.PASSWORD)
            if index >= 3:  # warm-up
                times["page before" if before else "page after"].append(took)
        took = cpu(get, vanilla, vanilla_login, sites.PASSWORD)
        if index >= 3:
            times["vanilla page"].append(took)
        for before in (True, False):
            _variant(before, only_catalog)
            act = acts[2 * index + (0 if before else 1)]
            took = cpu(adopt.adopt, app, act)
            if index >= 3:
                times["adopt before" if before else "adopt after"].append(took)
        took = cpu(adopt.publish, app, documents[index])
        if index >= 3:
            times["publish"].append(took)
    _variant(False, only_catalog)
    return {key: round(median(values), 1) for key, values in times.items()}


def main(argv=None) -> int:
    from lib import sites
    from lib.instance import Instance

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--adoption", action="store_true", help="profile adopting acts instead")
    parser.add_argument(
        "--compare", action="store_true", help="CPU ms with the savings off and on (A/B)"
    )
    parser.add_argument(
        "--only-catalog",
        action="store_true",
        help="with --compare: switch only the acts' catalog savings (session 12)",
    )
    parser.add_argument(
        "--pages", action="store_true", help="the case file page only, this A/B (issue 23)"
    )
    args = parser.parse_args(argv)
    if args.compare or args.pages:
        instance = Instance("profile-compare").reset(sites.base().var)
        if args.pages:
            result = instance.zrun("lib.profiling:compare_pages", requests=args.requests)
        else:
            result = instance.zrun(
                "lib.profiling:compare", requests=args.requests, only_catalog=args.only_catalog
            )
        for key, value in result.items():
            print(f"{key:14} {value:8.1f} CPU ms (median)")
        if args.pages:
            for key in ("page before", "page after"):
                ratio = result["vanilla page"] / result[key]
                print(f"{key}: {ratio:.2f}x the vanilla page's rate (vanilla ms / page ms)")
        return 0
    instance = Instance("profile-adoption" if args.adoption else "profile").reset(sites.base().var)
    if args.adoption:
        result = instance.zrun(
            "lib.profiling:profile_adoption",
            count=args.requests,
            top=args.top,
            out=str(instance.var),
        )
    else:
        result = instance.zrun(
            "lib.profiling:profile_pages",
            requests=args.requests,
            top=args.top,
            out=str(instance.var),
        )
    for name, page in result.items():
        print(f"== {name} {page['path']}: {page['ms']} CPU ms per request (unprofiled)")
        print(page["profile"])
    first, second = (page["ms"] for page in result.values())
    print(f"time ratio {' / '.join(result)}: {first / second:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
