"""« Mes démarches »: a citizen sees his own requests only, in plain French;
staff see the filed case file like any other."""

from counter_helpers import pdf_bytes
from imio.municipal.counter.filing import file_request
from imio.municipal.counter.pieces import Upload
from imio.municipal.interfaces import IImioMunicipalLayer
from plone import api
from plone.app.testing import logout
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
    logout()
    view = api.content.get_view(name="mes-demarches", context=portal, request=http_request)
    view()
    assert "/acl_users/oidc/login?came_from=" in http_request.response.getHeader("Location")


def test_staff_are_told_the_page_is_for_citizens(portal, http_request):
    html = _view(portal, http_request, "mes-demarches", "namur-agent-urbanisme")
    assert http_request.response.getStatus() == 403
    assert "Connectez-vous au guichet en ligne en tant que citoyen" in html


class _Upload:
    """What the publisher hands a view for a file field."""

    def __init__(self, filename, data):
        self.filename, self.data = filename, data

    def read(self):
        return self.data


def _form_view(portal, http_request, user, method="GET", **form):
    from plone.protect.authenticator import createToken

    http_request.method = method
    http_request.form.update(form)
    with api.env.adopt_user(username=user):
        http_request.form["_authenticator"] = createToken()
        view = api.content.get_view(name="demarches", context=portal["namur"], request=http_request)
        return view()


def test_the_form_lists_the_offers_and_files_a_request(portal, http_request, marie):
    html = _form_view(portal, http_request, marie, demarche="permis-urbanisme")
    assert "Demande de permis d'urbanisme" in html and "Plans" in html and "PDF, max. 20 Mo" in html
    http_request.form.clear()
    _form_view(
        portal,
        http_request,
        marie,
        method="POST",
        demarche="permis-urbanisme",
        title="Abri de jardin",
        location_address="Rue de Fer 1, 5000 Namur",
        **{"piece-plans": [_Upload("plan.pdf", pdf_bytes())]},
    )
    assert http_request.response.getHeader("Location").endswith("/@@mes-demarches")
    found = portal.portal_catalog.unrestrictedSearchResults(
        portal_type="Dossier", applicant_niss="78051212326"
    )
    assert len(found) == 1


def test_the_form_shows_each_refusal_in_french(portal, http_request, marie):
    html = _form_view(
        portal,
        http_request,
        marie,
        method="POST",
        demarche="permis-urbanisme",
        title="",
        location_address="Rue de Fer 1, 5000 Namur",
        **{"piece-plans": [_Upload("plan.pdf", b"MZ\x90\x00")]},
    )
    assert http_request.response.getStatus() == 400
    assert "Objet des travaux est obligatoire." in html
    assert "plan.pdf : son contenu n&#39;est pas d&#39;un type accepté (PDF)." in html or (
        "plan.pdf : son contenu n'est pas d'un type accepté (PDF)." in html
    )
    assert (
        len(
            portal.portal_catalog.unrestrictedSearchResults(
                portal_type="Dossier", applicant_niss="78051212326"
            )
        )
        == 0
    )
