"""What the upgrade test reads from a site, inside Zope.

Imported by the scripts that run with the previous release's code and with
the current code: it uses Plone's API only, never imio.municipal.
"""

from pathlib import Path

import io
import pickletools
import re
import sys
import traceback


WORKLIST_ITEM = re.compile(r'class="worklist-item reason-(\w+)".*?<a href="([^"]+)"', re.S)
DASHBOARD_ROW = re.compile(r'class="dossier-row urgency-(\w+)"')


def open_app(zope_conf: str):
    """The Zope root of the database zope_conf describes, as `zconsole run`
    gives it to a script: in a request, as the system user."""
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


def package_file(expected_src: str) -> str:
    """Where imio.municipal comes from; exit unless it is under expected_src."""
    import imio.municipal

    found = Path(imio.municipal.__file__).resolve()
    if not found.is_relative_to(Path(expected_src).resolve()):
        raise SystemExit(f"imio.municipal is imported from {found}, not from {expected_src}")
    return str(found)


def package_renames() -> dict[str, str]:
    """The zodbupdate mapping the installed package declares ({} if none)."""
    from importlib.metadata import entry_points

    renames = {}
    for entry_point in entry_points(group="zodbupdate"):
        dist = entry_point.dist
        if dist is not None and dist.name.replace("_", ".") == "imio.municipal":
            renames.update(entry_point.load())
    return renames


def request_for(app, site_id: str, login: str):
    """The site in a fresh request, with its browser layers, acting as login.

    A fresh request each time: views memoize on their request.
    """
    from AccessControl.SecurityManagement import newSecurityManager
    from Acquisition import aq_base
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite
    from zope.event import notify
    from zope.globalrequest import setRequest
    from zope.traversing.interfaces import BeforeTraverseEvent

    root = makerequest(aq_base(app))
    request = root.REQUEST
    request["PARENTS"] = [root]
    setRequest(request)
    site = root[site_id]
    setSite(site)
    # What publishing does on the way in: the add-ons' and the theme's layers.
    notify(BeforeTraverseEvent(site, request))
    for users in (site.acl_users, root.acl_users):
        user = users.getUser(login)
        if user is not None:
            newSecurityManager(request, user.__of__(users))
            return site, request
    raise LookupError(f"No user {login!r}")


def content_paths(site) -> list[str]:
    """Every content object: what the catalog knows and what the folders hold."""
    from plone.dexterity.interfaces import IDexterityContent

    site_path = "/".join(site.getPhysicalPath())
    paths = {
        brain.getPath()[len(site_path) + 1 :]
        for brain in site.portal_catalog.unrestrictedSearchResults()
    }

    def walk(container, prefix):
        for item_id, item in container.objectItems():
            if IDexterityContent.providedBy(item):
                paths.add(prefix + item_id)
                walk(item, prefix + item_id + "/")

    walk(site, "")
    return sorted(paths)


def describe(obj) -> dict:
    klass = obj.__class__
    return {
        "title": obj.Title(),
        "portal_type": getattr(obj, "portal_type", None),
        "class": f"{klass.__module__}.{klass.__qualname__}",
    }


def snapshot(site) -> dict:
    """Title, type and class of every content object, by path in the site."""
    return {path: describe(site.unrestrictedTraverse(path)) for path in content_paths(site)}


def render_default_view(obj, request) -> str:
    """The HTML of obj's default view, as publishing it would produce."""
    from zope.component import queryMultiAdapter
    from zope.publisher.interfaces.browser import IBrowserPublisher

    publisher = queryMultiAdapter((obj, request), IBrowserPublisher)
    target, names = publisher.browserDefault(request) if publisher else (obj, ())
    name = names[0] if names else "view"
    view = target.restrictedTraverse(name)
    if getattr(view, "portal_type", None) is not None:
        # A folder's default page: render that page.
        return render_default_view(view, request)
    url = f"{target.absolute_url()}/{name}"
    request["URL"] = request["ACTUAL_URL"] = url
    request["PUBLISHED"] = view
    return view()


def render_page(obj, name: str, request) -> str:
    view = obj.restrictedTraverse(name)
    request["URL"] = request["ACTUAL_URL"] = f"{obj.absolute_url()}/{name}"
    request["PUBLISHED"] = view
    return view()


def error_text(frames: int = 6, length: int = 1500) -> str:
    """Where the current exception came from, and its message (cut: the
    page templates' messages carry their whole context)."""
    kind, error, trace = sys.exc_info()
    where = "".join(traceback.format_list(traceback.extract_tb(trace)[-frames:]))
    return where + "".join(traceback.format_exception_only(kind, error))[:length]


def worklist(html: str) -> list[list[str]]:
    """(reason, url) of each item of the "À traiter" box."""
    return [list(item) for item in WORKLIST_ITEM.findall(html)]


def dashboard_rows(html: str) -> list[str]:
    """The urgency of each case file row of the dashboard."""
    return DASHBOARD_ROW.findall(html)


def global_references(record: bytes) -> set[tuple[str, str]]:
    """The (module, name) of every global a ZODB record refers to.

    Read from the opcodes of its two pickles (class, then state) without
    loading anything: a reference the code no longer provides would make a
    broken object, silently.
    """
    found = set()
    stream = io.BytesIO(record)
    for _pickle in range(2):
        strings = []
        for opcode, arg, _pos in pickletools.genops(stream):
            if opcode.name == "GLOBAL":
                module, name = arg.split(" ", 1)
                found.add((module, name))
            elif opcode.name == "STACK_GLOBAL" and len(strings) >= 2:
                found.add((strings[-2], strings[-1]))
            elif isinstance(arg, str):
                strings.append(arg)
    return found


def resolve(module: str, name: str):
    """The object a pickle's global names (an ImportError or AttributeError
    when the code no longer provides it)."""
    import importlib

    target = importlib.import_module(module)
    for part in name.split("."):
        target = getattr(target, part)
    return target


def moved(module: str, name: str) -> bool:
    """The global resolves to a class or interface defined elsewhere (an
    alias of the old layout)."""
    found = resolve(module, name)
    return getattr(found, "__module__", module) != module


def resolves(module: str, name: str) -> bool:
    try:
        resolve(module, name)
    except Exception:  # noqa: BLE001 (any failure means a broken object)
        return False
    return True


def storage_globals(storage) -> dict[tuple[str, str], int]:
    """How many current records refer to each global, over the whole storage."""
    counts = {}
    next_oid = None
    while True:
        _oid, _tid, data, next_oid = storage.record_iternext(next_oid)
        for reference in global_references(data):
            counts[reference] = counts.get(reference, 0) + 1
        if next_oid is None:
            return counts


# Who sees what on the pages compared between the two releases.
WORKLIST_USERS = ("namur-agent-urbanisme", "namur-chef-urbanisme", "namur-secretaire")
DASHBOARD_USERS = ("namur-agent-urbanisme", "namur-secretaire", "gembloux-secretaire")


def staff_pages(app, site_id: str) -> dict:
    """The worklist on Namur's home and the dossiers dashboard, per demo user."""
    pages = {"worklist": {}, "dashboard": {}}
    for login in WORKLIST_USERS:
        site, request = request_for(app, site_id, login)
        city = site[login.split("-")[0]]
        pages["worklist"][login] = worklist(render_default_view(city, request))
    for login in DASHBOARD_USERS:
        site, request = request_for(app, site_id, login)
        dossiers = site[login.split("-")[0]]["dossiers"]
        pages["dashboard"][login] = dashboard_rows(render_page(dossiers, "@@dashboard", request))
    return pages
