"""Observations on a public inquiry and its closing: citizens only, between
the dates, at a limited pace; read by the service and the secretariat only,
each citizen his own; the report joins the case file on closing."""

from conftest import AGENT
from datetime import date
from datetime import timedelta
from imio.municipal.core.calendar import belgian_today
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.errors import StateRefusal
from imio.municipal.inquiries import observations
from imio.municipal.inquiries.closing import REPORT_ID
from imio.municipal.inquiries.opening import open_inquiry
from imio.municipal.testing import require_libreoffice
from plone import api
from plone.app.testing import logout
from Products.CMFCore.WorkflowCore import WorkflowException
from zExceptions import NotFound
from zope.i18n import translate

import io
import pikepdf
import pytest
import subprocess


def _open(dossier, start=None):
    with api.env.adopt_user(username=AGENT):
        return open_inquiry(dossier, start or belgian_today(), [dossier["plan-masque"].UID()])


def _send(inquiry, user, text="Le gabarit dépasse celui des maisons voisines."):
    with api.env.adopt_user(username=user):
        return observations.submit_observation(inquiry, text)


def _read(inquiry, user):
    with api.env.adopt_user(username=user):
        return observations.observations_for(inquiry)


def _fr(excinfo) -> str:
    return translate(excinfo.value.reason(), target_language="fr")


def _end_in_the_past(inquiry):
    """As if the inquiry had started on 2 March 2026 (ended on 16 March)."""
    inquiry.start = date(2026, 3, 2)
    inquiry.compute_end()


def test_citizens_send_observations_and_read_only_their_own(portal, dossier, marie, luc):
    inquiry = _open(dossier)
    mine = _send(inquiry, marie)
    _send(inquiry, luc, "Je soutiens le projet.")
    assert mine["author"] == marie and mine["name"] == "Marie Lambert"
    assert [r["text"] for r in _read(inquiry, marie)] == [mine["text"]]
    assert [r["text"] for r in _read(inquiry, luc)] == ["Je soutiens le projet."]
    # The service and the secretariat read all of them.
    for staff in (AGENT, "namur-chef-urbanisme", "namur-secretaire"):
        assert len(_read(inquiry, staff)) == 2


@pytest.mark.parametrize(
    "user", ["gembloux-agent-urbanisme", "gembloux-secretaire", "namur-agent-travaux"]
)
def test_other_staff_read_no_observation(portal, dossier, marie, user):
    inquiry = _open(dossier)
    _send(inquiry, marie)
    with pytest.raises(NotAllowed) as refused:
        _read(inquiry, user)
    assert "données personnelles" in _fr(refused)


def test_anonymous_visitors_read_the_notice_never_an_observation(portal, dossier, marie):
    inquiry = _open(dossier)
    _send(inquiry, marie)
    logout()
    with pytest.raises(NotAllowed):
        observations.observations_for(inquiry)
    page = inquiry.restrictedTraverse("@@view")()
    assert "Immeuble de quatre logements" in page
    assert "Rue de Fer 12" in page
    assert "gabarit" not in page and "Marie Lambert" not in page
    # The released (masked) plan is served; the confidential piece never.
    request = inquiry.REQUEST
    request.form["uid"] = dossier["plan-masque"].UID()
    assert inquiry.restrictedTraverse("@@enquete-document")() == b"%PDF-1.4 plan masque"
    request.form["uid"] = dossier["carte-identite"].UID()
    with pytest.raises(NotFound):
        inquiry.restrictedTraverse("@@enquete-document")()
    feed = portal["namur"]["publications"].restrictedTraverse("@@enquetes-publiques.atom")()
    assert b"Immeuble de quatre logements" in feed and b"gabarit" not in feed


def test_staff_and_anonymous_cannot_send_an_observation(portal, dossier):
    inquiry = _open(dossier)
    for user in (AGENT, "namur-secretaire"):
        with pytest.raises(NotAllowed) as refused:
            _send(inquiry, user)
        assert "citoyen" in _fr(refused)
    logout()
    with pytest.raises(NotAllowed):
        observations.submit_observation(inquiry, "Anonyme")
    assert observations.count(inquiry) == 0


def test_outside_the_dates_an_observation_is_refused_in_french(portal, dossier, marie):
    start = belgian_today() + timedelta(days=10)
    inquiry = _open(dossier, start=start)
    with pytest.raises(InvalidInput) as refused:
        _send(inquiry, marie)
    assert start.strftime("%d/%m/%Y") in _fr(refused)
    _end_in_the_past(inquiry)
    with pytest.raises(InvalidInput) as refused:
        _send(inquiry, marie)
    assert _fr(refused) == (
        "L'enquête publique s'est terminée le 16/03/2026 : les observations ne sont plus reçues."
    )
    assert observations.count(inquiry) == 0


def test_bad_text_and_the_rate_limit_save_nothing(portal, dossier, marie):
    inquiry = _open(dossier)
    for text in ("", "   ", None, 12, "x" * 5001):
        with pytest.raises(InvalidInput):
            _send(inquiry, marie, text)
    assert observations.count(inquiry) == 0
    for _number in range(observations.OBSERVATIONS_PER_HOUR):
        _send(inquiry, marie)
    with pytest.raises(InvalidInput) as refused:
        _send(inquiry, marie)
    assert "dernière heure" in _fr(refused)
    assert observations.count(inquiry) == observations.OBSERVATIONS_PER_HOUR


def _report_text(report) -> str:
    result = subprocess.run(
        ["pdftotext", "-", "-"], input=report.file.data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().replace("\u00a0", " ").split())


@pytest.fixture
def lo(integration):
    return require_libreoffice(integration)


def test_closing_writes_the_report_into_the_case_file(portal, dossier, marie, luc, lo):
    inquiry = _open(dossier)
    _send(inquiry, marie)
    _send(inquiry, luc, "Je soutiens le projet.")
    workflow = api.portal.get_tool("portal_workflow")
    # Not before the end, whoever asks.
    with api.env.adopt_user(username=AGENT), pytest.raises(WorkflowException) as refused:
        workflow.doActionFor(inquiry, "close")
    assert inquiry.end.strftime("%d/%m/%Y") in str(refused.value)
    assert api.content.get_state(inquiry) == "open"
    _end_in_the_past(inquiry)
    # A citizen never closes an inquiry.
    with api.env.adopt_user(username=marie), pytest.raises(WorkflowException):
        workflow.doActionFor(inquiry, "close")
    with api.env.adopt_user(username=AGENT):
        workflow.doActionFor(inquiry, "close")
    assert api.content.get_state(inquiry) == "closed"
    report = dossier[REPORT_ID]
    assert inquiry.report_uid == report.UID()
    assert report.confidential is True and report.file.contentType == "application/pdf"
    text = _report_text(report)
    assert "Observations reçues en ligne : 2" in text
    assert "2 observation(s) envoyée(s) par 2 personnes" in text
    assert "1. Marie Lambert, le" in text and "Le gabarit dépasse" in text
    assert "Je soutiens le projet." in text
    assert "COMMUNE DE NAMUR" in text and dossier.reference in text
    assert f"du {inquiry.start:%d/%m/%Y} au {inquiry.end:%d/%m/%Y}" in text
    # An official document: PDF/A-2b with its title, author and subject.
    with pikepdf.open(io.BytesIO(report.file.data)) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert meta["dc:title"] == f"Rapport d'enquête publique {dossier.reference}"
        assert meta["dc:creator"] == ["Commune de Namur"]
        assert meta["dc:description"] == inquiry.Title()
    # Closed: no more observations, the notice is no longer public, the
    # service still reads them.
    with pytest.raises(StateRefusal) as refused:
        _send(inquiry, marie)
    assert "clôturée" in _fr(refused)
    assert len(_read(inquiry, AGENT)) == 2
    logout()
    assert not api.user.has_permission("View", obj=inquiry)


def test_without_libreoffice_the_inquiry_stays_open(portal, dossier, marie, monkeypatch):
    from imio.municipal.documents import generation

    inquiry = _open(dossier)
    _send(inquiry, marie)
    _end_in_the_past(inquiry)
    monkeypatch.setattr(generation, "converter_available", lambda: False)
    workflow = api.portal.get_tool("portal_workflow")
    with api.env.adopt_user(username=AGENT), pytest.raises(WorkflowException) as refused:
        workflow.doActionFor(inquiry, "close")
    assert "LibreOffice" in str(refused.value)
    assert REPORT_ID not in dossier.objectIds()
    assert not getattr(inquiry, "report_uid", None)


def test_a_long_observation_is_summarised_at_a_word():
    from imio.municipal.inquiries.report import excerpt

    text = "mot " * 400
    summary = excerpt(text)
    assert summary.endswith(" […]") and len(summary) <= 600 + 4
    assert excerpt("  Deux\n lignes ") == "Deux lignes"
