"""Create the Plone site of imio.municipal, or bring an existing one up to date.

Runs inside Zope with zconsole, which binds ``app`` to the Zope root::

    .venv/bin/zconsole run var/etc/zope.conf scripts/create_site.py \
        [--site-id Plone] [--title "Plateforme communale"] [--no-demo]

Idempotent: an existing site is kept as it is; a profile never applied to it
is applied, an applied profile with pending upgrade steps is upgraded. The
demo profile (Namur, Gembloux and their demo users, password ``demo``) is
applied unless ``--no-demo`` is given: never apply it on a production site.
"""

from AccessControl.SecurityManagement import newSecurityManager
from plone.distribution.api import site as site_api
from zope.component.hooks import setSite

import argparse
import logging
import sys
import transaction


logger = logging.getLogger("imio.municipal.create_site")

DISTRIBUTION = "classic"
PROFILE = "imio.municipal:default"
DEMO_PROFILE = "imio.municipal:demo"
UNKNOWN = "unknown"  # GenericSetup's "never applied" profile version


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="create_site.py", description=__doc__.split("\n")[0])
    parser.add_argument("--site-id", default="Plone")
    parser.add_argument("--title", default="Plateforme communale")
    parser.add_argument("--language", default="fr")
    parser.add_argument("--timezone", default="Europe/Brussels")
    parser.add_argument("--admin", default="admin", help="Zope root user owning the site")
    parser.add_argument("--no-demo", dest="demo", action="store_false")
    return parser.parse_args(argv)


def login(app, username: str) -> None:
    """Act as the Zope admin, so that the site is owned by a real user."""
    user = app.acl_users.getUser(username)
    if user is None:
        logger.warning("No Zope user %r: running as the zconsole system user", username)
        return
    newSecurityManager(None, user.__of__(app.acl_users))


def ensure_site(app, options: argparse.Namespace):
    """Return the site, created with the Classic UI distribution if missing."""
    if options.site_id in app.objectIds():
        return app[options.site_id]
    answers = {
        "site_id": options.site_id,
        "title": options.title,
        "default_language": options.language,
        "portal_timezone": options.timezone,
        "setup_content": False,
    }
    site = site_api.create(app, DISTRIBUTION, answers)  # commits
    logger.info("Created site /%s (%s)", options.site_id, DISTRIBUTION)
    return site


def ensure_profile(site, profile_id: str) -> None:
    """Apply a profile once; afterwards only run its pending upgrade steps."""
    setup = site.portal_setup
    if setup.getLastVersionForProfile(profile_id) == UNKNOWN:
        setup.runAllImportStepsFromProfile(f"profile-{profile_id}")
        logger.info("Applied profile %s", profile_id)
    elif setup.listUpgrades(profile_id):
        setup.upgradeProfile(profile_id)
        logger.info("Upgraded profile %s", profile_id)


def main(app, argv: list[str]) -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    options = parse_args(argv)
    login(app, options.admin)
    site = ensure_site(app, options)
    setSite(site)
    ensure_profile(site, PROFILE)
    if options.demo:
        ensure_profile(site, DEMO_PROFILE)
    transaction.commit()
    logger.info("Site /%s is ready", options.site_id)


if __name__ == "__main__":
    # zconsole run <zope.conf> <script> [args]: the script's arguments follow.
    main(app, sys.argv[4:])  # noqa: F821 (app is provided by zconsole)
