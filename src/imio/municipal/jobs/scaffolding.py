"""What the daily console scripts share: Zope start-up, sites, the loop.

``municipal-reminders`` and ``municipal-tutelle-expiry`` open the database
like ``zconsole run`` does (a ZEO client next to the running Zope), work one
municipality per transaction, and report per municipality.
"""

from datetime import date
from imio.municipal.core.calendar import belgian_today
from imio.municipal.interfaces import IMunicipality
from plone import api
from urllib.parse import quote
from urllib.parse import urlsplit

import argparse
import logging
import sys


def municipalities(portal, municipality=None) -> list:
    if municipality is None:
        brains = api.content.find(
            context=portal, portal_type="Municipality", sort_on="id", unrestricted=True
        )
        return [brain._unrestrictedGetObject() for brain in brains]
    if isinstance(municipality, str):
        found = portal.get(municipality)
        if found is None or not IMunicipality.providedBy(found):
            raise ValueError(f"No municipality {municipality!r} in {portal.getId()}")
        return [found]
    return [municipality]


def http_url(url: str):
    """The parts of an http(s) URL with a host; ValueError for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return parts


def set_public_url(request, site, url: str) -> None:
    """Make URLs of the site's objects start with ``url`` (what the virtual
    host monster does for a request coming through the front web server)."""
    parts = http_url(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    request.setServerURL(protocol=parts.scheme, hostname=parts.hostname, port=port)
    request.other["VirtualRootPhysicalPath"] = site.getPhysicalPath()
    request._script[:] = [quote(part) for part in parts.path.split("/") if part]
    request._resetURLS()


def public_url(value: str) -> str:
    """An --url option: an http(s) URL with a host, or a usage error (exit 2)."""
    try:
        http_url(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value


def job_arguments(prog: str, description: str, *, today: str, dry_run: str):
    """The options every job has: where Zope is, which site and municipality,
    the public URL of the links, the day, a dry run. The job adds its own."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--zope-conf", required=True, help="the zope.conf of the instance")
    parser.add_argument("--site", default="Plone", help="id of the Plone site (default: Plone)")
    parser.add_argument("--municipality", help="id of one municipality (default: all)")
    parser.add_argument(
        "--url",
        type=public_url,
        help="public URL of the site, for the links in the e-mails "
        "(e.g. https://plateforme.example.be); without it links start with http://nohost",
    )
    parser.add_argument("--today", type=date.fromisoformat, help=today)
    parser.add_argument("--dry-run", action="store_true", help=dry_run)
    return parser


def run_on_site(app, options, label: str, logger, work) -> int:
    """Find the site and its municipalities, then ``work(site, ids)``: its exit
    status; 2 for a site or municipality that does not exist."""
    from zope.component.hooks import setSite

    site = app.get(options.site)
    if site is None:
        print(f"No Plone site {options.site!r} in this Zope", file=sys.stderr)
        return 2
    setSite(site)
    try:
        if options.url:
            set_public_url(app.REQUEST, site, options.url)
        else:
            logger.warning("%s: no --url, links in the e-mails start with http://nohost", label)
        try:
            municipality_ids = [m.getId() for m in municipalities(site, options.municipality)]
        except ValueError as error:
            print(error, file=sys.stderr)
            return 2
        options.today = options.today or belgian_today()
        return work(site, municipality_ids)
    finally:
        setSite(None)


def open_zope(zope_conf: str):
    """The Zope root, as ``zconsole run`` gives it: a request, the system user."""
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.users import system
    from Testing.makerequest import makerequest
    from zope.globalrequest import setRequest
    from Zope2.Startup.run import make_wsgi_app

    import Zope2

    make_wsgi_app({}, zope_conf)
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    newSecurityManager(None, system)
    return app


def close_zope(app) -> None:
    db = app._p_jar.db()
    app._p_jar.close()
    db.close()


def console_main(argv, parse_args, run) -> int:
    """Parse the options, open Zope, run, close: the body of a job's main()."""
    options = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    app = open_zope(options.zope_conf)
    try:
        return run(app, options)
    finally:
        close_zope(app)


def each_municipality(ids, run_one, merge, total: dict, label: str, logger) -> list[str]:
    """run_one(id) for every municipality, merged into total; one failure
    never stops the others. The list of errors, one line per municipality."""
    errors = []
    for municipality_id in ids:
        try:
            merge(total, run_one(municipality_id))
        except Exception as error:  # one municipality never stops the others
            logger.exception("%s of %s failed", label, municipality_id)
            errors.append(f"{municipality_id}: {error}")
    return errors


def in_own_transaction(work, *, dry_run: bool, label: str, attempts: int = 3):
    """work() in its own transaction: committed, or aborted for a dry run.

    A ZODB conflict (another run at the same time) is retried, and the retry
    sees what the other run committed; a doomed transaction saves nothing
    and says so.
    """
    from ZODB.POSException import ConflictError

    import transaction

    for attempt in range(attempts):
        try:
            result = work()
            if dry_run or transaction.get().isDoomed():
                doomed = not dry_run
                transaction.abort()
                if doomed:
                    raise RuntimeError("the transaction was doomed, nothing was saved")
            else:
                transaction.commit()
            return result
        except ConflictError:
            transaction.abort()
            logging.getLogger("imio.municipal").info("%s: conflict, attempt %d", label, attempt + 1)
    raise RuntimeError(f"{label}: conflicts, gave up")
