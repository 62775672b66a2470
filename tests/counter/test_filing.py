"""Filing a request online: the staff's case file, received today, with the
citizen as applicant, the pieces as annexes and a timestamped receipt; every
bad input refused in French with nothing created."""

from counter_helpers import pdf_bytes
from counter_helpers import PNG
from email import message_from_bytes
from email import policy
from imio.municipal.core.calendar import belgian_today
from imio.municipal.counter import filing
from imio.municipal.counter.filing import file_request
from imio.municipal.counter.filing import FilingRefused
from imio.municipal.counter.filing import NotACitizen
from imio.municipal.counter.offers import NotOffered
from imio.municipal.counter.pieces import Upload
from imio.municipal.counter.receipts import receipt_of
from imio.municipal.publication.core.timestamp import verify
from plone import api
from zope.i18n import translate

import pytest


PERMIT_VALUES = {
    "title": "Construction d'un abri de jardin",
    "location_address": "Rue de Fer 12, 5000 Namur",
}


def _dossiers(portal, municipality="namur"):
    return [
        obj
        for obj in portal[municipality]["dossiers"].objectValues()
        if obj.portal_type == "Dossier"
    ]


def _fr(messages):
    return [translate(message, target_language="fr") for message in messages]


def _file(
    portal, user, request_id="permis-urbanisme", values=None, uploads=None, municipality="namur"
):
    values = dict(PERMIT_VALUES) if values is None else values
    uploads = {"plans": [Upload("plan.pdf", pdf_bytes())]} if uploads is None else uploads
    with api.env.adopt_user(username=user):
        return file_request(portal[municipality], request_id, values, uploads)


def test_a_permit_application_becomes_a_received_case_file(portal, marie, timestamps):
    mails_before = len(portal.MailHost.messages)
    dossier = _file(portal, marie)
    assert api.content.get_state(dossier) == "received"
    assert dossier.procedure == "pu"
    assert dossier.responsible_service == "urbanisme"
    assert dossier.received_date == belgian_today()
    assert dossier.reference.startswith(f"{belgian_today().year}/PU/") or dossier.reference
    assert dossier.completeness_deadline is not None
    assert dossier.applicants == [
        {
            "kind": "person",
            "name": "Marie Lambert",
            "niss": "78051212326",
            "email": "marie.lambert@example.be",
        }
    ]
    files = {obj.getId(): obj for obj in dossier.objectValues()}
    plans = [obj for obj in files.values() if obj.file.filename == "plan.pdf"]
    assert plans and plans[0].annex_category == "plan"
    # The citizen follows his file through the counter, not as its owner.
    assert marie not in dict(dossier.get_local_roles())
    found = portal.portal_catalog.unrestrictedSearchResults(
        portal_type="Dossier", applicant_niss="78051212326"
    )
    assert [brain.UID for brain in found] == [dossier.UID()]

    stored = receipt_of(dossier)
    receipt = files["accuse-d-envoi"]
    assert receipt.file.data.startswith(b"%PDF-")
    assert stored["timestamp"] is not None, stored.get("timestamp_problem")
    assert verify(receipt.file.data, stored["timestamp"].data, timestamps.root_pem).valid

    mails = [
        message_from_bytes(m, policy=policy.default)
        for m in portal.MailHost.messages[mails_before:]
    ]
    to_citizen = [m for m in mails if m["To"] == "marie.lambert@example.be"]
    assert len(to_citizen) == 1
    attachments = {part.get_filename() for part in to_citizen[0].iter_attachments()}
    assert attachments == {"accuse-d-envoi.pdf", "accuse-d-envoi.tsr"}


def test_anonymous_and_staff_cannot_file(portal):
    for user in (None, "namur-agent-urbanisme", "admin"):
        if user is None:
            with api.env.adopt_roles(["Anonymous"]), pytest.raises(NotACitizen):
                file_request(portal["namur"], "permis-urbanisme", PERMIT_VALUES, {})
            continue
        if user == "admin":
            with pytest.raises(NotACitizen):
                file_request(portal["namur"], "permis-urbanisme", PERMIT_VALUES, {})
            continue
        with api.env.adopt_user(username=user), pytest.raises(NotACitizen):
            file_request(portal["namur"], "permis-urbanisme", PERMIT_VALUES, {})


def test_a_request_the_municipality_does_not_offer(portal, marie):
    before = len(_dossiers(portal, "gembloux"))
    with pytest.raises(NotOffered) as refused:
        _file(portal, marie, "declaration-classe-3", municipality="gembloux")
    assert "ne propose pas cette démarche" in translate(
        refused.value.reason(), target_language="fr"
    )
    assert len(_dossiers(portal, "gembloux")) == before


@pytest.mark.parametrize(
    "uploads, expected",
    [
        ({}, "La pièce « Plans » est requise."),
        (
            {"plans": [Upload("plan.pdf", PNG)]},
            "plan.pdf : son contenu n'est pas d'un type accepté (PDF).",
        ),
        ({"plans": [Upload("plan.pdf", b"%PDF-1.7 broken")]}, "plan.pdf : ce PDF est illisible"),
        ({"plans": [Upload("plan.png", b"")]}, "plan.png : le fichier est vide."),
        (
            {"plans": [Upload("plan.pdf", pdf_bytes())], "virus": [Upload("a.exe", b"MZ")]},
            "Cette démarche ne demande pas de pièce virus.",
        ),
    ],
)
def test_bad_pieces_are_refused_in_french_with_nothing_created(portal, marie, uploads, expected):
    before = len(_dossiers(portal))
    with pytest.raises(FilingRefused) as refused:
        _file(portal, marie, uploads=uploads)
    assert any(message.startswith(expected) for message in _fr(refused.value.messages)), _fr(
        refused.value.messages
    )
    assert len(_dossiers(portal)) == before


def test_an_oversized_piece_is_refused(portal, marie, monkeypatch):
    from imio.municipal.counter import offers

    definition = offers.offered_request(portal["namur"], "permis-urbanisme")
    plans = definition.pieces[0]
    big = pdf_bytes(pages=1) + b"%" * plans.max_bytes
    before = len(_dossiers(portal))
    with pytest.raises(FilingRefused) as refused:
        _file(portal, marie, uploads={"plans": [Upload("plan.pdf", big)]})
    (message,) = _fr(refused.value.messages)
    assert message.startswith("plan.pdf : ") and "Mo" in message and "20,0" in message
    assert len(_dossiers(portal)) == before


def test_every_problem_is_reported_at_once(portal, marie):
    values = {"title": "", "location_address": "x" * 301}
    uploads = {"plans": [Upload("a.pdf", PNG), Upload("b.pdf", b"GIF89a")]}
    with pytest.raises(FilingRefused) as refused:
        _file(portal, marie, values=values, uploads=uploads)
    assert len(refused.value.messages) == 4


def test_filing_is_rate_limited_per_citizen(portal, marie, luc, monkeypatch):
    monkeypatch.setattr(filing, "FILINGS_PER_HOUR", 2)
    _file(portal, marie)
    _file(portal, marie)
    before = len(_dossiers(portal))
    with pytest.raises(FilingRefused) as refused:
        _file(portal, marie)
    assert "dernière heure" in _fr(refused.value.messages)[0]
    assert len(_dossiers(portal)) == before
    assert _file(portal, luc) is not None
