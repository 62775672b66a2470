"""« Mes démarches »: a citizen sees his own requests only, in plain French;
staff see the filed case file like any other."""

from counter_helpers import pdf_bytes
from imio.municipal.counter.filing import file_request
from imio.municipal.counter.pieces import Upload
from imio.municipal.interfaces import IImioMunicipalLayer
from plone import api
from zExceptions import NotFound
from zope.interface import alsoProvides

import pytest


def _file(portal, user, title):
    with api.env.adopt_user(username=user):
        return file_request(
            portal["namur"],
            "permis-urbanisme",
            {"title": title, "location_address": "Rue de Fer 1, 5000 Namur"},
            {"plans": [Upload("plan.pdf", pdf_bytes())]},
        )


def _view(portal, http_request, name, user=None, **form):
    http_request.form.update(form)
    view = api.content.get_view(name=name, context=portal, request=http_request)
    if user is None:
        return view()
    with api.env.adopt_user(username=user):
        return view()


@pytest.fixture
def http_request(http_request):
    alsoProvides(http_request, IImioMunicipalLayer)
    return http_request


@pytest.fixture
def filed(portal, marie, luc):
    return _file(portal, marie, "Abri de jardin Lambert"), _file(portal, luc, "Véranda Renard")


def test_a_citizen_sees_his_requests_only(portal, http_request, filed, marie):
    mine, theirs = filed
    html = _view(portal, http_request, "mes-demarches", marie)
    assert "Abri de jardin Lambert" in html and mine.reference in html
    assert "Véranda Renard" not in html and theirs.reference not in html
    assert "Reçue : le service vérifie qu'elle est complète" in html
    assert mine.completeness_deadline.strftime("%d/%m/%Y") in html
    assert "Accusé d'envoi (PDF)" in html


def test_a_citizen_downloads_his_receipt_and_never_another(portal, http_request, filed, marie):
    mine, theirs = filed
    data = _view(portal, http_request, "mes-demarches-accuse", marie, uid=mine.UID())
    assert data.startswith(b"%PDF-")
    with pytest.raises(NotFound):
        _view(portal, http_request, "mes-demarches-accuse", marie, uid=theirs.UID())


def test_a_citizen_cannot_open_the_case_file_itself(portal, filed, marie):
    mine, _ = filed
    user = api.user.get(userid=marie)
    assert not api.user.has_permission("View", user=user, obj=mine)
    assert not api.user.has_permission("Modify portal content", user=user, obj=mine)
    with api.env.adopt_user(user=user):
        assert len(api.content.find(portal_type="Dossier")) == 0


def test_staff_see_the_filed_case_file_like_any_other(portal, filed):
    mine, _ = filed
    with api.env.adopt_user(username="namur-agent-urbanisme"):
        found = api.content.find(portal_type="Dossier", UID=mine.UID())
        assert len(found) == 1
        assert api.user.has_permission("Modify portal content", obj=mine)
    with api.env.adopt_user(username="gembloux-agent-urbanisme"):
        assert len(api.content.find(portal_type="Dossier", UID=mine.UID())) == 0


def test_anonymous_visitors_are_sent_to_the_citizen_sign_in(portal, http_request):
    with api.env.adopt_roles(["Anonymous"]):
        http_request.form.clear()
        view = api.content.get_view(name="mes-demarches", context=portal, request=http_request)
        view()
    assert "/acl_users/oidc/login?came_from=" in http_request.response.getHeader("Location")


def test_staff_are_told_the_page_is_for_citizens(portal, http_request):
    html = _view(portal, http_request, "mes-demarches", "namur-agent-urbanisme")
    assert http_request.response.getStatus() == 403
    assert "Connectez-vous au guichet en ligne en tant que citoyen" in html
