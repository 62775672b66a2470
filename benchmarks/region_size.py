"""The platform at the region's size against the two-municipality demo.

    .venv/bin/python benchmarks/region_size.py [--municipalities 261] [--users 40] [--repeat 20]

Two copies of the benchmark's base database (the demo: Namur and Gembloux)
in var/bench/region-small and var/bench/region-large. The large one is
grown with the onboarding functions of the product (`restreint` template:
15 groups per municipality) to N municipalities of U users each (the DG
plus agents and heads of service; a fast path: users are written to the
user source directly, without a password-policy check nor mail). Each copy
is then served by one Zope process and the same requests, as the same demo
users, are timed (median of R after one warm-up): a JWT login, an agent's
home with « À traiter », a case file page, its sharing page and a search
for users there (as a platform admin: only they delegate roles), the DG's
search of his municipality's users, the groups of a user. Goal (issue 23): each
within 1.2× of the small platform.
"""

from pathlib import Path
from statistics import median

import argparse
import json
import sys
import time


sys.path.insert(0, str(Path(__file__).resolve().parent))

from lib import sites  # noqa: E402
from lib.instance import Instance  # noqa: E402
from lib.web import Client  # noqa: E402


GOAL = 1.2
AGENT = sites.AGENT
DG = "namur-secretaire"
TEMPLATE = "restreint"
BATCH = 10
BUILD_VERSION = 1  # raise when build() makes a different platform
# the municipality's users by name, as the DG picks one
STAFF = "@vocabularies/imio.municipal.vocabularies.MunicipalStaff?title="


def one(client: Client, method: str, path: str, json=None, accept=None) -> float:
    """Milliseconds of one request, which must answer 200."""
    began = time.perf_counter()
    status, _headers, _body = client.request(
        method, path, json=json, accept=accept or "application/json"
    )
    elapsed = time.perf_counter() - began
    if status != 200:
        raise RuntimeError(f"{method} {path}: {status}")
    return elapsed * 1000


def requests_of(url: str) -> dict:
    """name → (client, method, path, json, accept) on the platform at `url`."""
    site = f"/{sites.PRODUCT}"
    agent = Client(url, AGENT, sites.PASSWORD)
    dg = Client(url, DG, sites.PASSWORD)
    admin = Client(url, *sites.ADMIN)
    anonymous = Client(url)
    _s, _h, found = agent.request(
        "GET", f"{site}/@search?portal_type=Dossier&path.query={site}/namur&sort_on=id"
    )
    dossier = found["items"][0]["@id"]
    html = "text/html"
    login = {"login": AGENT, "password": sites.PASSWORD}
    return {
        "login": (anonymous, "POST", f"{site}/@login", login, None),
        "agent home (« À traiter »)": (agent, "GET", f"{site}/namur", None, html),
        "case file page": (agent, "GET", dossier, None, html),
        # only platform admins delegate roles on a case file
        "sharing page": (admin, "GET", f"{dossier}/@@sharing", None, html),
        "sharing search for users": (admin, "GET", f"{dossier}/@sharing?search=Dubois", None, None),
        "user search by the DG": (dg, "GET", f"{site}/namur/{STAFF}Dubois", None, None),
        "groups of a user": (admin, "GET", f"{site}/@users/{AGENT}", None, None),
    }


def measure(small: Instance, large: Instance, repeat: int) -> dict:
    """Both platforms served at once, each request alternately on one and
    the other (so that the machine's changing load falls on both): the
    median of `repeat` after one warm-up each."""
    figures = {"small": {}, "large": {}}
    with small.serve() as small_url, large.serve() as large_url:
        platforms = {"small": requests_of(small_url), "large": requests_of(large_url)}
        for name in platforms["small"]:
            durations = {"small": [], "large": []}
            for index in range(repeat + 1):
                for which in ("small", "large") if index % 2 else ("large", "small"):
                    elapsed = one(*platforms[which][name])
                    if index:
                        durations[which].append(elapsed)
            for which in figures:
                figures[which][name] = median(durations[which])
    return figures


def grown(base: Instance, municipalities: int, users: int) -> Instance:
    """A copy of the large platform: grown once into var/bench/region-MxU
    (kept while the base database is the same), copied by later runs."""
    snapshot = Instance(f"region-{municipalities}x{users}")
    stamp = snapshot.var / "stamp.json"
    key = json.dumps({"base": sites._key(), "build": BUILD_VERSION})
    if not stamp.exists() or stamp.read_text() != key:
        if not stamp.exists() or stamp.read_text() != f"building {key}":
            snapshot.reset(base.var)  # else an interrupted build goes on
            stamp.write_text(f"building {key}")
        began = time.perf_counter()
        built = snapshot.zrun("region_size:build", municipalities=municipalities, users=users)
        print(
            f"Built {built['municipalities']} municipalities, {built['users']} users, "
            f"{built['groups']} groups in {time.perf_counter() - began:.0f} s",
            flush=True,
        )
        stamp.write_text(key)
    return Instance("region-large").reset(snapshot.var)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=261)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--profile", action="store_true", help="profile the sharing search on both instead"
    )
    args = parser.parse_args(argv)

    base = sites.base()
    small = Instance("region-small").reset(base.var)
    large = grown(base, args.municipalities, args.users)
    if args.profile:
        for name, instance in (("small", small), ("large", large)):
            out = instance.var / "profile"
            out.mkdir(exist_ok=True)
            found = instance.zrun("region_size:profile_search", requests=args.repeat, out=str(out))
            print(f"== {name}: {found['ms']} CPU ms per search\n{found['profile']}")
        return 0
    figures = measure(small, large, args.repeat)
    print(f"{'':32} {'2 municipalities':>17} {'large':>10} {'ratio':>6}")
    short = 0
    for name, small_ms in figures["small"].items():
        large_ms = figures["large"][name]
        ratio = large_ms / small_ms
        short += ratio > GOAL
        print(f"{name:32} {small_ms:14.1f} ms {large_ms:7.1f} ms {ratio:5.2f}×")
    print(f"Goal: each within {GOAL}×; {short} short of it")
    return 0


# -- in Zope -----------------------------------------------------------------


def profile_search(app, requests: int, out: str) -> dict:
    """The sharing search for users of a Namur case file, `requests` times
    through the publisher under cProfile (CPU time of the thread)."""
    from io import StringIO
    from lib import profiling
    from ZPublisher.WSGIPublisher import publish_module

    import cProfile
    import pstats

    site = app[sites.PRODUCT]
    path = site.portal_catalog.unrestrictedSearchResults(
        portal_type="Dossier", path=f"/{sites.PRODUCT}/namur", sort_on="id"
    )[0].getPath()

    def search():
        environ = profiling._environ("GET", f"{path}/@sharing", *sites.ADMIN)
        environ.update(QUERY_STRING="search=Dubois", HTTP_ACCEPT="application/json")
        status = []
        b"".join(publish_module(environ, lambda line, *_: status.append(line)))
        if not status[0].startswith("200"):
            raise RuntimeError(status[0])

    for _ in range(3):
        search()
    profiler = cProfile.Profile(time.thread_time)
    started = time.thread_time()
    profiler.enable()
    for _ in range(requests):
        search()
    profiler.disable()
    elapsed = (time.thread_time() - started) * 1000 / requests
    stats_file = Path(out) / "sharing-search.pstats"
    profiler.dump_stats(str(stats_file))
    text = StringIO()
    pstats.Stats(str(stats_file), stream=text).sort_stats("cumulative").print_stats(45)
    return {"ms": round(elapsed, 1), "profile": text.getvalue()}


def build(app, municipalities: int, users: int) -> dict:
    """Onboard municipalities until there are `municipalities`, each with
    `users` users (the DG and service people)."""
    from imio.municipal.administration import onboarding
    from imio.municipal.administration.municipalities_table import template_services
    from imio.municipal.administration.onboarding_rules import OnboardingRequest
    from imio.municipal.platform import naming
    from plone import api
    from zope.component.hooks import setSite

    import transaction

    site = app[sites.PRODUCT]
    setSite(site)
    services = [service["id"] for service in template_services(TEMPLATE)]
    acl_users = site.acl_users
    groups_tool = site.portal_groups
    missing = municipalities - len(api.content.find(portal_type="Municipality", unrestricted=True))
    todo = onboarding.available_municipalities()[: max(missing, 0)]
    began = time.perf_counter()
    for index, entry in enumerate(todo, start=1):
        ins = entry.ins_code
        request = OnboardingRequest.from_mapping(
            {
                "ins_code": ins,
                "bce_number": "0207.344.329",
                "template": TEMPLATE,
                "dg_login": f"dg-{ins}",
                "dg_fullname": f"Directeur général {entry.name_fr}",
                "dg_email": f"dg-{ins}@bench.example",
            }
        )
        onboarding.onboard(site, request, notify=False)
        for number in range(1, users):
            login = f"u{ins}-{number:02d}"
            acl_users.source_users.doAddUser(login, sites.PASSWORD)
            acl_users.portal_role_manager.doAssignRoleToPrincipal(login, "Member")
            service = services[number % len(services)]
            group = (
                naming.reviewers_group(ins, service)
                if number % 5 == 0
                else naming.editors_group(ins, service)
            )
            groups_tool.addPrincipalToGroup(login, group)
        if index % BATCH == 0 or index == len(todo):
            transaction.commit()
            app._p_jar.cacheGC()
            rate = index / (time.perf_counter() - began)
            print(f"  {index} of {len(todo)} municipalities ({rate:.2f}/s)", flush=True)
    return {
        "municipalities": len(api.content.find(portal_type="Municipality", unrestricted=True)),
        "users": len(acl_users.source_users.getUserIds()),
        "groups": len(groups_tool.getGroupIds()),
    }


if __name__ == "__main__":
    sys.exit(main())
