"""The hook for the public version of a deliberation (the publication fills it)."""

from imio.municipal.documents.masking import IPublicVersionMasker
from imio.municipal.interfaces import IAct
from plone import api
from zope.component import getGlobalSiteManager
from zope.component import getMultiAdapter
from zope.interface import implementer

import pytest


@implementer(IPublicVersionMasker)
class InitialsMasker:
    """A test masker: hides one name."""

    def __init__(self, act):
        self.act = act

    def mask(self, html):
        return html.replace("Philippe Dethier", "P. D.").replace("Considérant", "[…]")


@pytest.fixture
def act(portal):
    for act in portal["namur"]["actes"].objectValues():
        if api.content.get_state(act) == "executory" and act.body == "conseil":
            return act
    raise AssertionError("no executory council act")


def no_masker_factory(act):
    """An adapter factory that answers None: no masker for this act."""
    return None


@pytest.fixture
def no_masker():
    """Without the product's masker (publication/texts.py, registered in a lower
    layer of the test registry stack): hide it from this test."""
    registry = getGlobalSiteManager()
    registry.registerAdapter(no_masker_factory, (IAct,), IPublicVersionMasker)
    yield
    registry.unregisterAdapter(no_masker_factory, (IAct,), IPublicVersionMasker)


@pytest.fixture
def masker(no_masker):
    registry = getGlobalSiteManager()
    registry.registerAdapter(InitialsMasker, (IAct,), IPublicVersionMasker)
    yield
    registry.unregisterAdapter(InitialsMasker, (IAct,), IPublicVersionMasker)


def helper(act, request):
    return getMultiAdapter((act, request), name="document_generation_helper_view")


def test_the_internal_version_is_not_masked(act, municipal_request):
    view = helper(act, municipal_request)
    assert view.public_version is False
    assert "Considérant" in view.motivation()


def test_the_public_version_goes_through_the_masker(act, municipal_request, masker):
    view = helper(act, municipal_request)
    view.public_version = True
    assert "Considérant" not in view.motivation()
    assert "[…]" in view.motivation()


def test_without_masker_the_public_version_is_refused(act, municipal_request, no_masker):
    from imio.municipal.documents.masking import NoMaskerError

    view = helper(act, municipal_request)
    view.public_version = True
    with pytest.raises(NoMaskerError):
        view.motivation()


def test_the_publication_issue_renders_the_public_version(
    libreoffice, act, municipal_request, masker, templates, pdf_text
):
    from imio.municipal.documents.generation import StoreDeliberationView

    with api.env.adopt_user(username="namur-secretaire"):
        view = StoreDeliberationView(act, municipal_request)
        view.public_version = True
        data, _filename = view.render(templates["deliberation"], "pdf")
    text = pdf_text(data)
    assert "Considérant" not in text
    assert "[…]" in text


def test_a_public_version_without_masker_is_refused(
    libreoffice, act, municipal_request, templates, no_masker
):
    from imio.municipal.documents.generation import Refusal
    from imio.municipal.documents.generation import StoreDeliberationView

    with api.env.adopt_user(username="namur-secretaire"):
        view = StoreDeliberationView(act, municipal_request)
        view.public_version = True
        with pytest.raises(Refusal) as refused:
            view.render(templates["deliberation"], "pdf")
    assert "version publique" in str(refused.value.message) or refused.value.status == 400
