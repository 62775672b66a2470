"""The two sites every benchmark compares, in one database.

- ``/Plone``: the product (imio.municipal's default and demo profiles: Namur,
  Gembloux, their services and demo users), as scripts/create_site.py
  makes it;
- ``/Vanilla``: a Classic UI Plone site of the same instance without the
  add-on (plone.restapi's profile installed, so its REST API answers), with a
  folder ``documents`` where the group ``vanilla_agents`` has the same local
  role the product gives service agents on their dossiers folder
  (Contributor), and one member of it; ``vanilla-reviewer`` has the
  Reviewer role there (publishes, as the secretariat adopts acts).

Both sites have a sender address and queue their mail (the product's
workflow notifications are written to a maildir, never sent: the queue
directory is stored in the database, so copies of the base write to
var/bench/base/mail).

Built once into var/bench/base (about a minute), then copied by each
benchmark into its own instance; rebuilt when a profile's metadata.xml or
constraints.txt changes.
"""

from pathlib import Path

import hashlib
import importlib.util
import json


try:  # a script's sys.path has benchmarks/, zrun.py's too
    from lib.instance import Instance
    from lib.instance import ROOT
except ImportError:  # pragma: no cover
    from benchmarks.lib.instance import Instance
    from benchmarks.lib.instance import ROOT


PRODUCT = "Plone"
VANILLA = "Vanilla"
PASSWORD = "demo"  # noqa: S105 (the demo profile's password)
AGENT = "namur-agent-urbanisme"  # a service agent of the product's demo
VANILLA_AGENT = "vanilla-agent"
VANILLA_GROUP = "vanilla_agents"
VANILLA_FOLDER = "documents"
VANILLA_REVIEWER = "vanilla-reviewer"  # publishes, as the secretariat adopts
SENDER = "noreply@bench.example"
ADMIN = ("admin", "admin")


def _key() -> str:
    digest = hashlib.sha256((ROOT / "constraints.txt").read_bytes())
    digest.update(Path(__file__).read_bytes())
    for path in sorted((ROOT / "src").glob("**/profiles/*/metadata.xml")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def base(rebuild: bool = False) -> Instance:
    """var/bench/base: the database with both sites (built when missing)."""
    instance = Instance("base")
    stamp = instance.var / "stamp.json"
    if not rebuild and stamp.exists() and json.loads(stamp.read_text()).get("key") == _key():
        # Older bases have an empty mail/ (no maildir): mail was never queued.
        instance.make_maildir()
        return instance
    print("Building the base database (both sites) in var/bench/base...", flush=True)
    instance.reset()
    from Zope2.utilities.mkwsgiinstance import write_inituser

    write_inituser(str(instance.var / "inituser"), *ADMIN)
    instance.zrun("lib.sites:build_sites")
    stamp.write_text(json.dumps({"key": _key()}))
    return instance


def _create_site_module():
    spec = importlib.util.spec_from_file_location("create_site", ROOT / "scripts/create_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_sites(app) -> dict:
    """(In Zope) create /Plone and /Vanilla."""
    from plone import api
    from plone.distribution.api import site as site_api
    from zope.component.hooks import setSite

    import transaction

    create_site = _create_site_module()
    options = create_site.parse_args(["--site-id", PRODUCT, "--mail-queue", "mail"])
    create_site.login(app, ADMIN[0])
    product = create_site.ensure_site(app, options)
    setSite(product)
    create_site.queue_mail(product, str(Path(app.Control_Panel.getINSTANCE_HOME()) / "mail"))
    create_site.ensure_profile(product, create_site.PROFILE)
    create_site.ensure_profile(product, create_site.DEMO_PROFILE)
    api.portal.set_registry_record("plone.email_from_address", SENDER)
    transaction.commit()

    vanilla = site_api.create(
        app,
        "classic",
        {
            "site_id": VANILLA,
            "title": "Vanilla Plone",
            "default_language": options.language,
            "portal_timezone": options.timezone,
            "setup_content": False,
        },
    )
    setSite(vanilla)
    create_site.queue_mail(vanilla, str(Path(app.Control_Panel.getINSTANCE_HOME()) / "mail"))
    vanilla.portal_setup.runAllImportStepsFromProfile("profile-plone.restapi:default")
    api.portal.set_registry_record("plone.email_from_address", SENDER)
    acl_users = vanilla.acl_users
    for user in (VANILLA_AGENT, VANILLA_REVIEWER):
        acl_users.source_users.doAddUser(user, PASSWORD)
        acl_users.portal_role_manager.doAssignRoleToPrincipal(user, "Member")
    api.group.create(groupname=VANILLA_GROUP, title="Vanilla agents")
    api.group.add_user(groupname=VANILLA_GROUP, username=VANILLA_AGENT)
    folder = api.content.create(
        container=vanilla, type="Folder", id=VANILLA_FOLDER, title="Documents"
    )
    folder.manage_setLocalRoles(VANILLA_GROUP, ["Contributor"])
    folder.manage_setLocalRoles(VANILLA_REVIEWER, ["Reviewer"])
    folder.reindexObjectSecurity()
    transaction.commit()
    return {"sites": app.objectIds("Plone Site")}


def login(app, site_id: str, username: str):
    """(In Zope) act as `username` of a site; returns the site."""
    from AccessControl.SecurityManagement import newSecurityManager
    from zope.component.hooks import setSite

    site = app[site_id]
    setSite(site)
    user = site.acl_users.getUserById(username)
    newSecurityManager(None, user.__of__(site.acl_users))
    return site


def upgrade(app) -> dict:
    """(In Zope) bring the product site of a kept snapshot to the product's
    current profile (new indexes filled), as a real site's upgrade would."""
    from zope.component.hooks import setSite

    import time
    import transaction

    site = app[PRODUCT]
    setSite(site)
    setup = site.portal_setup
    profile = "imio.municipal:default"
    steps = setup.listUpgrades(profile)
    if not steps:
        return {"upgraded": None}
    began = time.perf_counter()
    setup.upgradeProfile(profile)
    transaction.get().note("benchmark snapshot upgraded")
    transaction.commit()
    return {
        "upgraded": setup.getLastVersionForProfile(profile),
        "seconds": round(time.perf_counter() - began),
    }
