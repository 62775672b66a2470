"""Test layers of imio.municipal.

`IMIO_MUNICIPAL_FIXTURE` installs the default profile; the demo fixture adds
the demo profile (Namur, Gembloux and their users), which is what most tests
use as their shared, named fixture.
"""

from plone.app.contenttypes.testing import PLONE_APP_CONTENTTYPES_FIXTURE
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PloneSandboxLayer
from plone.testing.zope import WSGI_SERVER_FIXTURE
from Products.CMFPlone.tests.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
from zope.component import getSiteManager


class ImioMunicipalLayer(PloneSandboxLayer):
    defaultBases = (PLONE_APP_CONTENTTYPES_FIXTURE,)

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
