"""Test layers of imio.municipal.

`IMIO_MUNICIPAL_FIXTURE` installs the default profile; the demo fixture adds
the demo profile (Namur, Gembloux and their users), which is what most tests
use as their shared, named fixture.
"""

from imio.municipal.documents import libreoffice
from pathlib import Path
from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing import Layer
from plone.testing.zope import WSGI_SERVER_FIXTURE
from Products.CMFPlone.tests.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
from zope.component import getSiteManager

import os
import shutil
import tempfile


DOCUMENTGENERATOR_SETTINGS = (
    "collective.documentgenerator.browser.controlpanel.IDocumentGeneratorControlPanelSchema."
)


class LibreOfficeLayer(Layer):
    """A headless LibreOffice of the tests' own: a free port, its own profile.

    Never the server of a running `make run` (port 2002). When LibreOffice is
    not installed, ``self["libreoffice"]`` is None: the document tests skip,
    or fail with CI=true (see ``require_libreoffice``).
    """

    def setUp(self):
        self["libreoffice"] = None
        if not libreoffice.installed():
            return
        self.tmp = Path(tempfile.mkdtemp(prefix="imio-municipal-libreoffice-"))
        uno_path = libreoffice.write_uno_wrapper(self.tmp / "python-uno")
        server = libreoffice.Server(
            port=libreoffice.free_port(), profile=self.tmp / "profile", log=self.tmp / "soffice.log"
        ).start()
        self["libreoffice"] = {"server": server, "port": server.port, "uno_path": uno_path}

    def tearDown(self):
        found = self["libreoffice"]
        if found is not None:
            found["server"].stop()
            shutil.rmtree(self.tmp, ignore_errors=True)
        del self["libreoffice"]


LIBREOFFICE_FIXTURE = LibreOfficeLayer(name="ImioMunicipal:LibreOffice")


def configure_libreoffice(found) -> None:
    """Point documentgenerator at the tests' LibreOffice (or at nothing)."""
    from plone import api

    port = found["port"] if found else libreoffice.free_port()
    uno_path = found["uno_path"] if found else "/nonexistent/python-uno"
    api.portal.set_registry_record(DOCUMENTGENERATOR_SETTINGS + "oo_server", "localhost")
    api.portal.set_registry_record(DOCUMENTGENERATOR_SETTINGS + "oo_port_list", str(port))
    api.portal.set_registry_record(DOCUMENTGENERATOR_SETTINGS + "uno_path", uno_path)


def require_libreoffice(layer) -> dict:
    """The layer's LibreOffice; skip without it, but fail with CI=true."""
    import pytest

    found = layer["libreoffice"]
    if found is None:
        message = (
            "LibreOffice is missing: apt-get install -y --no-install-recommends "
            "libreoffice-writer-nogui python3-uno poppler-utils"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


class ImioMunicipalLayer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE, LIBREOFFICE_FIXTURE)

    def setUpZope(self, app, configurationContext):
        # plone.app.testing disables z3c.autoinclude: load dependencies here.
        import collective.z3cform.datagridfield
        import imio.municipal
        import plone.restapi

        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=collective.z3cform.datagridfield)
        self.loadZCML(package=imio.municipal)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "imio.municipal:default")
        configure_libreoffice(self["libreoffice"])
        # Mails are kept in portal.MailHost.messages instead of being sent.
        mailhost = MockMailHost("MailHost")
        portal.MailHost = mailhost
        getSiteManager(portal).registerUtility(mailhost, provided=IMailHost)


IMIO_MUNICIPAL_FIXTURE = ImioMunicipalLayer()


class ImioMunicipalDemoLayer(PloneSandboxLayer):
    defaultBases = (IMIO_MUNICIPAL_FIXTURE,)

    def setUpPloneSite(self, portal):
        applyProfile(portal, "imio.municipal:demo")


IMIO_MUNICIPAL_DEMO_FIXTURE = ImioMunicipalDemoLayer()

IMIO_MUNICIPAL_INTEGRATION_TESTING = IntegrationTesting(
    bases=(IMIO_MUNICIPAL_DEMO_FIXTURE,), name="ImioMunicipal:Integration"
)
# Functional tests talk HTTP (REST API) to a real WSGI server, like the
# browser tests do; each test gets a fresh copy of the demo database.
IMIO_MUNICIPAL_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(IMIO_MUNICIPAL_DEMO_FIXTURE, WSGI_SERVER_FIXTURE),
    name="ImioMunicipal:Functional",
)
IMIO_MUNICIPAL_ACCEPTANCE_TESTING = FunctionalTesting(
    bases=(IMIO_MUNICIPAL_DEMO_FIXTURE, WSGI_SERVER_FIXTURE),
    name="ImioMunicipal:Acceptance",
)


def commit_concurrently(db, paths, take, read, attempts=3):
    """Two processes take a number at the same moment.

    Each object (by physical path) is loaded in its own connection with its
    own transaction manager; `take(obj)` runs in both before either commits.
    The first commits; the second is retried after a ConflictError, as the
    Zope publisher retries a request. Returns ([read(obj) for each], conflicts).
    """
    from ZODB.POSException import ConflictError

    import transaction

    managers = [transaction.TransactionManager() for _path in paths]
    connections = [db.open(transaction_manager=tm) for tm in managers]

    def load(index):
        return connections[index].root()["Application"].unrestrictedTraverse(paths[index])

    conflicts = 0
    try:
        for index, manager in enumerate(managers):
            manager.begin()
            take(load(index))
        managers[0].commit()
        for _attempt in range(attempts):
            try:
                managers[1].commit()
                break
            except ConflictError:
                conflicts += 1
                managers[1].abort()
                managers[1].begin()
                take(load(1))
        return [read(load(index)) for index in range(len(paths))], conflicts
    finally:
        for index, manager in enumerate(managers):
            manager.abort()
            connections[index].close()


def forget_cached_local_roles(request) -> None:
    """borg.localrole caches allowed local roles on the request; a test that
    changes who takes part checks again as a new request would."""
    from zope.annotation.interfaces import IAnnotations

    annotations = IAnnotations(request)
    for key in [k for k in annotations if str(k).startswith("borg.localrole.")]:
        del annotations[key]


def as_user(user, function):
    """The result of function() run as a demo user (None: anonymous)."""
    from plone import api
    from plone.app.testing import logout

    forget_cached_local_roles(api.portal.get().REQUEST)
    if user is None:
        logout()
        return function()
    with api.env.adopt_user(username=user):
        return function()
