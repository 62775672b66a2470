"""Create the Plone site of imio.municipal, or bring an existing one up to date.

Runs inside Zope with zconsole, which binds ``app`` to the Zope root::

    .venv/bin/zconsole run var/etc/zope.conf scripts/create_site.py \
        [--site-id Plone] [--title "Plateforme communale"] [--no-demo]

or, in a buildout, ``bin/instance run scripts/create_site.py [options]``.

Idempotent: an existing site is kept as it is; a profile never applied to it
is applied, an applied profile with pending upgrade steps is upgraded. The
demo profile (Namur, Gembloux and their demo users, password ``demo``) is
applied unless ``--no-demo`` is given: never apply it on a production site.
"""

from AccessControl.SecurityManagement import newSecurityManager
from plone.distribution.api import site as site_api
from zope.component.hooks import setSite

import argparse
import os
import sys
import transaction


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
    parser.add_argument(
        "--mail-queue",
        metavar="DIR",
        help="send mail through a maildir queue in DIR (unless the MailHost already queues)",
    )
    return parser.parse_args(argv)


def login(app, username: str) -> None:
    """Act as the Zope admin, so that the site is owned by a real user."""
    user = app.acl_users.getUser(username)
    if user is None:
        print(f"No Zope user {username!r}: running as the zconsole system user")
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
    print(f"Created site /{options.site_id} ({DISTRIBUTION} distribution)")
    return site


def queue_mail(site, directory: str) -> None:
    """Make the MailHost write outgoing mail to a maildir queue.

    With direct delivery, a transaction that sends mail (a workflow
    notification) fails at commit when no SMTP server answers. Queued mail is
    written at commit and delivered by the MailHost's queue thread, or kept
    in DIR/new when MAILHOST_QUEUE_ONLY is set (the default of `make run`).
    """
    mailhost = site.MailHost
    if not mailhost.smtp_queue:
        mailhost.smtp_queue = True
        mailhost.smtp_queue_directory = directory
        print(f"Mail is queued in {directory}")


def ensure_profile(site, profile_id: str) -> None:
    """Apply a profile once; afterwards only run its pending upgrade steps."""
    setup = site.portal_setup
    if setup.getLastVersionForProfile(profile_id) == UNKNOWN:
        setup.runAllImportStepsFromProfile(f"profile-{profile_id}")
        print(f"Applied profile {profile_id}")
    elif setup.listUpgrades(profile_id):
        setup.upgradeProfile(profile_id)
        version = ".".join(setup.getLastVersionForProfile(profile_id))
        print(f"Upgraded profile {profile_id} to {version}")


def script_args(argv: list[str]) -> list[str]:
    """The arguments after this script's path.

    ``zconsole run zope.conf create_site.py ARGS`` and ``bin/instance run
    create_site.py ARGS`` (buildout) leave different things before it.
    """
    for index, arg in enumerate(argv):
        if arg.endswith("create_site.py"):
            return argv[index + 1 :]
    return []


def main(app, argv: list[str]) -> None:
    options = parse_args(argv)
    login(app, options.admin)
    site = ensure_site(app, options)
    setSite(site)
    if options.mail_queue:
        queue_mail(site, options.mail_queue)
    ensure_profile(site, PROFILE)
    if options.demo:
        ensure_profile(site, DEMO_PROFILE)
        # Not in the demo profile: the test layers build that profile and list
        # the open notices and the citizens' accounts themselves.
        from imio.municipal.demo.inquiries import create_demo_inquiry

        create_demo_inquiry(site)
        if os.environ.get("IMIO_MUNICIPAL_OIDC_ISSUER"):
            # The demo's local provider of this run (its port, its secret):
            # a demo database made before is brought up to date with it.
            from imio.municipal.counter.setup import configure_oidc_plugin
            from imio.municipal.counter.setup import oidc_settings
            from pas.plugins.oidc import PLUGIN_ID

            configure_oidc_plugin(site.acl_users[PLUGIN_ID], oidc_settings())
    transaction.commit()
    region = os.environ.get("IMIO_MUNICIPAL_REGION_URL")
    if options.demo and region:
        # The demo sends for real to the regional simulator make run started.
        from imio.municipal.demo.exchange import send_showcase

        send_showcase(site, region)
        transaction.commit()
    print(f"Site /{options.site_id} is ready")


if __name__ == "__main__":
    main(app, script_args(sys.argv))  # noqa: F821 (app is provided by zconsole)
