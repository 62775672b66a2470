"""An anonymous visitor reading a published act, against a vanilla Document.

    .venv/bin/python benchmarks/publication.py [--seconds S] [--connections C] [--rounds R]

Issue 8 ("Performance"). The throwaway database of var/bench/publication
(a copy of var/bench/base, built without LibreOffice, so the demo published
nothing) gets, with a headless LibreOffice of its own on a free port (the
public PDF needs it), the demo's publications of Namur and Gembloux through
the real `publish` transition (no timestamp authority: recorded without
timestamp, as in the tests). In /Vanilla a Document with the same title and
the same body HTML as the largest of Namur's public versions is created and
published, with its folder (anonymous-visible); a second copy sits as deep
as the act (folders namur/publications/2026/college), for information: the
navigation portlet and global sections of a deep page cost more.

One Zope process (runwsgi, four threads, free port) then serves, to
anonymous visitors, over loopback, with wrk (or a bounded loop of Python
threads): the public version's page with caching disabled, the vanilla
Documents' pages (uncached: the vanilla site maps no caching rule), and the
public version's page with caching enabled, the product's ruleset
``imio.municipal.publicPages`` -> ``plone.app.caching.moderateCaching`` with
its RAM cache. Caching is toggled on the same site between runs
(``plone.caching.interfaces.ICacheSettings.enabled``, PATCH @registry as
the Zope admin). A warm-up round (3 s each), then R rounds of S seconds
each, in the order act uncached, vanilla, vanilla deep, act cached, static
file; medians of requests/s. A sample request after each run prints its caching headers:
the cached runs must answer ``X-Cache-Rule: imio.municipal.publicPages`` and
``X-Municipal-Cache`` (the front cache of the process's WSGI pipeline,
``etc/zope.ini.in``, answered it before Zope) or ``X-RAMCache``, the
uncached ones none of them (switching caching off stops the front cache too).

The limit (issue 23): the act's public page, as an anonymous visitor gets
it, stored as a File in the Zope root (the same bytes, served by the same
process without site, template nor caching rule), measured last in each
round.

Goals (issue 8): act uncached / vanilla >= 0.9, act cached / act uncached >= 5;
(issue 23) act cached / static file >= 0.5.
"""

from io import StringIO
from pathlib import Path
from statistics import median

import argparse
import shutil
import sys


sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import report  # noqa: E402
from lib import sites  # noqa: E402
from lib.instance import Instance  # noqa: E402
from lib.web import add_throughput_arguments  # noqa: E402
from lib.web import Client  # noqa: E402
from lib.web import requests_per_second  # noqa: E402


UNCACHED_GOAL = 0.9
CACHED_GOAL = 5.0
CACHE_HEADERS = (
    "X-Municipal-Cache",
    "X-RAMCache",
    "X-Cache-Rule",
    "X-Cache-Operation",
    "Cache-Control",
    "ETag",
)
ENABLED = "plone.caching.interfaces.ICacheSettings.enabled"
DOCUMENTGENERATOR = (
    "collective.documentgenerator.browser.controlpanel.IDocumentGeneratorControlPanelSchema."
)
MUNICIPALITY = "namur"
VANILLA_ID = "acte-publie"
STATIC_ID = "acte-publie-statique.html"
STATIC_GOAL = 0.5


# -- in Zope ---------------------------------------------------------------


def prepare(app, port: int, uno_path: str) -> dict:
    """Publish the demo acts (LibreOffice on `port`); the vanilla twin."""
    from imio.municipal.demo.publications import create_demo_publications
    from plone import api
    from plone.app.textfield.value import RichTextValue
    from zope.component.hooks import setSite

    import transaction

    portal = app[sites.PRODUCT]
    setSite(portal)
    api.portal.set_registry_record(DOCUMENTGENERATOR + "oo_server", "localhost")
    api.portal.set_registry_record(DOCUMENTGENERATOR + "oo_port_list", str(port))
    api.portal.set_registry_record(DOCUMENTGENERATOR + "uno_path", uno_path)
    published = create_demo_publications(portal)
    transaction.commit()
    brains = api.content.find(
        context=portal[MUNICIPALITY], portal_type="PublicVersion", is_current_version=True
    )
    if not brains:
        raise RuntimeError(f"no public version in {MUNICIPALITY} ({published} published)")
    versions = [brain.getObject() for brain in brains]
    act = max(versions, key=lambda version: len(version.text.raw if version.text else ""))
    html = act.text.raw if act.text else ""
    caching = api.portal.get_registry_record(ENABLED, default=None)

    vanilla = app[sites.VANILLA]
    setSite(vanilla)
    # The same Document twice: in the vanilla folder, and as deep as the act
    # (folders named like the act's: namur/publications/2026/college).
    depth = act.getPhysicalPath()[2:-1]
    with api.env.adopt_roles(["Manager"]):
        documents = []
        for path in ((sites.VANILLA_FOLDER,), depth):
            container = vanilla
            for name in path:
                if name not in container:
                    api.content.create(container=container, type="Folder", id=name, title=name)
                container = container[name]
                if api.content.get_state(container) != "published":
                    api.content.transition(container, "publish")
            document = api.content.create(
                container=container,
                type="Document",
                id=VANILLA_ID,
                title=act.Title(),
                text=RichTextValue(html, "text/html", "text/x-html-safe"),
            )
            api.content.transition(document, "publish")
            documents.append(document.absolute_url_path())
    vanilla_caching = api.portal.get_registry_record(ENABLED, default=None)
    transaction.commit()
    static_bytes = add_static_twin(app, act.absolute_url_path())
    return {
        "published": published,
        "act": act.absolute_url_path(),
        "act_number": act.number,
        "document": documents[0],
        "deep_document": documents[1],
        "text_length": len(html),
        "caching": caching,
        "vanilla_caching": vanilla_caching,
        "static": f"/{STATIC_ID}",
        "static_bytes": static_bytes,
    }


def add_static_twin(app, act_path: str) -> int:
    """A File in the Zope root holding the act's public page as an anonymous
    visitor gets it: the same bytes, served by the same server with the least
    work it can do (no site, no template, no caching rule). Its size."""
    from lib.profiling import request
    from OFS.Image import manage_addFile

    import transaction

    page = request("GET", act_path, None, None)
    manage_addFile(app, STATIC_ID, file=page, content_type="text/html;charset=utf-8")
    transaction.commit()
    return len(page)


def profile_hit(app, act: str, static: str, requests: int, top: int) -> dict:
    """(In Zope, caching on) CPU ms of one request through the WSGI publisher:
    a RAM-cache hit of plone.app.caching, the same page from the front cache,
    the static file; and the functions a RAM hit spends its time in."""
    from imio.municipal.publication.core.front_cache import FrontCache
    from lib.profiling import _environ
    from ZPublisher.WSGIPublisher import publish_module

    import cProfile
    import pstats
    import time

    front = FrontCache(publish_module)

    def call(wsgi, path):
        b"".join(wsgi(_environ("GET", path, None, None), lambda *args: None))

    def cpu_ms(wsgi, path):
        for _ in range(5):  # warm up: the page is rendered, then kept
            call(wsgi, path)
        started = time.thread_time()
        for _ in range(requests):
            call(wsgi, path)
        return round((time.thread_time() - started) * 1000 / requests, 3)

    result = {
        "ram hit": cpu_ms(publish_module, act),
        "front hit": cpu_ms(front, act),
        "static file": cpu_ms(publish_module, static),
    }
    profiler = cProfile.Profile(time.thread_time)
    profiler.enable()
    for _ in range(requests):
        call(publish_module, act)
    profiler.disable()
    text = StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    result["profile"] = text.getvalue()
    return result


# -- the benchmark ---------------------------------------------------------


def publish_acts(instance: Instance) -> dict:
    """Run `prepare` with a LibreOffice server of the instance's own."""
    from imio.municipal.documents import libreoffice

    if not libreoffice.installed():
        sys.exit("LibreOffice is not installed (make libreoffice, as root): no public PDF.")
    profile = instance.var / "libreoffice"
    server = libreoffice.Server(
        port=libreoffice.free_port(), profile=profile, log=instance.var / "log" / "soffice.log"
    ).start(timeout=60)
    try:
        instance.libreoffice_port = server.port
        uno = libreoffice.write_uno_wrapper(instance.var / "bin" / "python-uno")
        return instance.zrun("publication:prepare", port=server.port, uno_path=uno)
    finally:
        server.stop()  # the public pages do not need it
        shutil.rmtree(profile, ignore_errors=True)


def sample(anonymous: Client, path: str) -> dict:
    """GET the page once, anonymous: a 200 HTML page; its caching headers and size."""
    status, headers, body = anonymous.request("GET", path, accept="text/html")
    if status != 200 or b"<html" not in body[:500].lower():
        raise RuntimeError(f"GET {path}: {status}")
    lowered = {name.lower(): value for name, value in headers.items()}  # Zope: X-Ramcache
    found = {name: lowered[name.lower()] for name in CACHE_HEADERS if name.lower() in lowered}
    return {"headers": found, "bytes": len(body)}


def set_caching(admin: Client, enabled: bool) -> None:
    status, _h, body = admin.request(
        "PATCH", f"/{sites.PRODUCT}/@registry", json={ENABLED: enabled}
    )
    if status not in (200, 204):
        raise RuntimeError(f"PATCH @registry: {status} {body!r}")


def print_hit_profile(requests: int) -> int:
    instance = Instance("publication")
    if not (instance.var / "filestorage").exists():
        sys.exit("Run benchmarks/publication.py once first (it builds the database).")
    act = f"/{sites.PRODUCT}/{MUNICIPALITY}/publications/2026/college/1"
    found = instance.zrun(
        "publication:profile_hit", act=act, static=f"/{STATIC_ID}", requests=requests, top=40
    )
    print(found.pop("profile"))
    print(f"CPU ms per request ({requests} requests, {act}): {found}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_throughput_arguments(parser)
    parser.add_argument(
        "--profile-hit",
        type=int,
        metavar="N",
        help="on the database of the last run: CPU ms of N cache hits (RAM, front) "
        "and of the static file, in one Zope process, and a profile of the RAM hit",
    )
    args = parser.parse_args(argv)
    if args.profile_hit:
        return print_hit_profile(args.profile_hit)

    instance = Instance("publication").reset(sites.base().var)
    prepared = publish_acts(instance)
    runs = ("act uncached", "vanilla", "vanilla deep", "act cached", "static file")
    rates = {name: [] for name in runs}
    samples = {}
    tool = ""
    with instance.serve() as url:
        admin = Client(url, *sites.ADMIN)
        anonymous = Client(url)
        targets = {
            "act uncached": (prepared["act"], False),
            "vanilla": (prepared["document"], None),
            "vanilla deep": (prepared["deep_document"], None),
            "act cached": (prepared["act"], True),
            "static file": (prepared["static"], None),
        }
        # One request each first, alone: Python 3.11 may fail to compile a
        # template that several threads compile at once ("AST constructor
        # recursion depth mismatch"), which a cold warm-up round provoked.
        for path, caching in targets.values():
            if caching is not None:
                set_caching(admin, caching)
            sample(anonymous, path)
        for round_ in range(args.rounds + 1):  # round 0 warms up (templates, caches)
            seconds = 3 if round_ == 0 else args.seconds
            for name, (path, caching) in targets.items():
                if caching is not None:
                    set_caching(admin, caching)
                result = requests_per_second(url + path, None, seconds, args.connections)
                if result["non_2xx"]:
                    raise RuntimeError(f"{name}: {result}")
                tool = result["tool"]
                # The caching headers of a request like the ones measured.
                samples.setdefault(name, sample(anonymous, path))
                if round_:
                    rates[name].append(result["rps"])
        set_caching(admin, True)  # as the profile leaves it
        admin.close()
        anonymous.close()

    act, vanilla, deep, cached, static = (median(rates[name]) for name in runs)
    cache_hits = (
        bool({"X-RAMCache", "X-Municipal-Cache"} & samples["act cached"]["headers"].keys())
        and samples["act cached"]["headers"].get("X-Cache-Rule") == "imio.municipal.publicPages"
    )
    uncached_clean = not any(
        {"X-Cache-Rule", "X-RAMCache", "X-Municipal-Cache"} & samples[name]["headers"].keys()
        for name in ("act uncached", "vanilla", "vanilla deep")
    )
    rows = [
        report.Row(
            "page, anonymous, uncached",
            act,
            vanilla,
            "req/s",
            f"ratio ≥ {UNCACHED_GOAL}",
            lambda row: row.ratio >= UNCACHED_GOAL and uncached_clean,
        ),
        report.Row(
            "same, vanilla Document as deep as the act",
            act,
            deep,
            "req/s",
            "(information)",
        ),
        report.Row(
            "act page, cached / uncached",
            cached,
            act,
            "req/s",
            f"ratio ≥ {CACHED_GOAL:g}",
            lambda row: row.ratio >= CACHED_GOAL and cache_hits,
        ),
        report.Row(
            "act page, cached / static file",
            cached,
            static,
            "req/s",
            f"ratio ≥ {STATIC_GOAL:g}",
            lambda row: row.ratio >= STATIC_GOAL and cache_hits,
        ),
    ]

    def headers(name):
        return samples[name]["headers"] or "none"

    ok = report.print_table(
        "Publication: a published act's public page vs a vanilla Document page, anonymous",
        rows,
        [
            "third row: 'product' = act page cached (RAM cache), 'vanilla' = act page uncached; "
            "last row: 'vanilla' = the same bytes as a File in the Zope root "
            f"({prepared['static']}, {samples['static file']['bytes']} bytes)",
            f"act {prepared['act']} ({prepared['act_number']}, {samples['act uncached']['bytes']}"
            f" bytes); vanilla {prepared['document']} ({samples['vanilla']['bytes']} bytes); "
            f"same body HTML ({prepared['text_length']} characters); "
            f"{prepared['published']} demo acts published",
            f"{tool}, {args.connections} connections, {args.rounds} rounds of {args.seconds} s "
            "each after a warm-up round of 3 s each, in the order "
            + ", ".join(runs)
            + "; one runwsgi process (4 threads), "
            f"ZODB cache {instance.cache_size} objects for both sites",
            "rounds: "
            + "; ".join(f"{name} {[round(r) for r in rates[name]]}" for name in runs)
            + " req/s",
            f"caching headers, act uncached: {headers('act uncached')}",
            f"caching headers, vanilla: {headers('vanilla')}, deep: {headers('vanilla deep')} "
            f"(its ICacheSettings.enabled: {prepared['vanilla_caching']})",
            f"caching headers, act cached: {headers('act cached')}",
            "cache hits: " + ("yes" if cache_hits else "NO (no X-RAMCache / rule header)"),
        ],
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
