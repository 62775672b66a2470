"""Observations sent with an e-mail address, without signing in: held pending
(not counted, read by nobody) until the e-mailed link is confirmed; the link
is signed, expires and serves once; the inquiry's end and the rate limits
apply; unconfirmed ones are purged; the report counts the confirmed ones."""

from conftest import AGENT
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from imio.municipal.core.calendar import belgian_today
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.inquiries import confirmation_token
from imio.municipal.inquiries import observations
from imio.municipal.inquiries import pending
from imio.municipal.inquiries.closing import REPORT_ID
from imio.municipal.inquiries.opening import open_inquiry
from imio.municipal.testing import require_libreoffice
from plone import api
from plone.app.testing import logout
from plone.keyring.interfaces import IKeyManager
from plone.protect.authenticator import createToken
from zExceptions import Forbidden
from zope.component import getUtility
from zope.i18n import translate

import pytest
import re
import subprocess


TEXT = "La haie mitoyenne doit être conservée."
LINK = re.compile(r"https?://\S+@@confirmer-observation\?jeton=(\S+)")


def _open(dossier, start=None):
    with api.env.adopt_user(username=AGENT):
        return open_inquiry(dossier, start or belgian_today(), [dossier["plan-masque"].UID()])


@pytest.fixture
def inquiry(portal, dossier):
    opened = _open(dossier)
    logout()
    return opened


def _submit(inquiry, email="jeanne.dubois@example.be", text=TEXT, name="Jeanne Dubois"):
    return pending.submit_by_email(
        inquiry, inquiry.REQUEST, name=name, email=email, text=text, address="Rue Haute 3"
    )


def _mail(portal, index=-1):
    message = message_from_bytes(portal.MailHost.messages[index])
    body = message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")
    return message, body


def _token(portal) -> str:
    return LINK.search(_mail(portal)[1]).group(1)


def _fr(excinfo) -> str:
    return translate(excinfo.value.reason(), target_language="fr")


def _staff_read(inquiry):
    with api.env.adopt_user(username=AGENT):
        return observations.observations_for(inquiry)


def test_pending_until_confirmed_then_an_observation_marked_as_such(portal, inquiry):
    mails = len(portal.MailHost.messages)
    _submit(inquiry)
    # Pending: not counted, not read by the service, nowhere on the notice.
    assert observations.count(inquiry) == 0 and _staff_read(inquiry) == []
    assert "haie mitoyenne" not in inquiry.restrictedTraverse("@@view")()
    assert len(portal.MailHost.messages) == mails + 1
    message, body = _mail(portal)
    assert message["To"] == "jeanne.dubois@example.be"
    assert str(make_header(decode_header(message["Subject"]))) == (
        "Confirmez votre observation sur une enquête publique"
    )
    assert inquiry.Title() in body and inquiry.end.strftime("%d/%m/%Y") in body
    assert TEXT not in body  # the mail says nothing of what was written
    record = pending.confirm(inquiry, _token(portal))
    assert observations.count(inquiry) == 1 and pending.pending_count(inquiry) == 0
    (seen,) = _staff_read(inquiry)
    assert seen["text"] == TEXT and seen["name"] == "Jeanne Dubois"
    assert seen["email"] == "jeanne.dubois@example.be" and seen["address"] == "Rue Haute 3"
    assert seen["email_confirmed"] == seen["submitted"] == record["submitted"]
    assert seen["written"] <= seen["email_confirmed"]
    # Anonymous visitors still read no observation.
    with pytest.raises(NotAllowed):
        observations.observations_for(inquiry)


def test_a_link_serves_once(portal, inquiry):
    _submit(inquiry)
    token = _token(portal)
    pending.confirm(inquiry, token)
    with pytest.raises(InvalidInput) as refused:
        pending.confirm(inquiry, token)
    assert _fr(refused) == "Cette observation a déjà été confirmée : un lien ne sert qu'une fois."
    assert observations.count(inquiry) == 1


def test_a_tampered_link_or_one_for_another_inquiry_confirms_nothing(portal, inquiry, dossier):
    _submit(inquiry)
    token = _token(portal)
    for bad in (token[:-1] + ("0" if token[-1] != "0" else "1"), token + "x", "", "a.b", None):
        with pytest.raises(InvalidInput) as refused:
            pending.confirm(inquiry, bad)
        assert "n'est pas valide" in _fr(refused)
    secret = getUtility(IKeyManager).secret(pending.RING).encode()
    (pending_id,) = pending._pending(inquiry)
    other = confirmation_token.issue("another-inquiry-uid", pending_id, secret)
    with pytest.raises(InvalidInput):
        pending.confirm(inquiry, other)
    assert observations.count(inquiry) == 0 and pending.pending_count(inquiry) == 1


def test_an_expired_link_is_refused_and_the_observation_purged(portal, inquiry):
    _submit(inquiry)
    (pending_id,) = pending._pending(inquiry)
    record = pending._pending(inquiry)[pending_id]
    record["submitted"] -= timedelta(hours=49)
    secret = getUtility(IKeyManager).secret(pending.RING).encode()
    old = datetime.now(timezone.utc).timestamp() - 49 * 3600
    expired = confirmation_token.issue(inquiry.UID(), pending_id, secret, now=old)
    with pytest.raises(InvalidInput) as refused:
        pending.confirm(inquiry, expired)
    assert "a expiré" in _fr(refused)
    # A still-signed link to a purged observation says the same.
    fresh = confirmation_token.issue(inquiry.UID(), pending_id, secret)
    with pytest.raises(InvalidInput) as refused:
        pending.confirm(inquiry, fresh)
    assert "a expiré" in _fr(refused)
    assert observations.count(inquiry) == 0


def test_unconfirmed_observations_are_purged_after_48_hours(portal, inquiry):
    _submit(inquiry, email="a@example.be")
    _submit(inquiry, email="b@example.be")
    first, second = pending._pending(inquiry).values()
    first["submitted"] -= timedelta(hours=48, minutes=1)
    second["submitted"] -= timedelta(hours=47)
    assert pending.purge_unconfirmed(inquiry) == 1
    assert pending.purge_unconfirmed(inquiry) == 0  # idempotent
    assert [r["email"] for r in pending._pending(inquiry).values()] == [second["email"]]
    # On the fly: the next submission purges too.
    second["submitted"] -= timedelta(hours=2)
    _submit(inquiry, email="c@example.be")
    assert [r["email"] for r in pending._pending(inquiry).values()] == ["c@example.be"]


def test_confirmation_after_the_end_is_refused_with_its_reason(portal, inquiry):
    _submit(inquiry)
    inquiry.start = date(2026, 3, 2)
    inquiry.compute_end()
    with pytest.raises(InvalidInput) as refused:
        pending.confirm(inquiry, _token(portal))
    assert "n'a pas été confirmée à temps" in _fr(refused)
    assert observations.count(inquiry) == 0
    # And no new one is taken.
    with pytest.raises(InvalidInput) as refused:
        _submit(inquiry, email="late@example.be")
    assert "16/03/2026" in _fr(refused)


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("email", "pas-une-adresse", "adresse e-mail valide"),
        ("email", "a@b", "adresse e-mail valide"),
        ("email", "x@example.be\nBcc: y@example.be", "adresse e-mail valide"),
        ("name", "   ", "votre nom"),
        ("text", "", "Rédigez votre observation"),
        ("text", "x" * 5001, "5000"),
    ],
)
def test_bad_input_is_refused_in_french_nothing_kept_nothing_sent(
    portal, inquiry, field, value, words
):
    mails = len(portal.MailHost.messages)
    values = {"email": "jeanne.dubois@example.be", "text": TEXT, "name": "Jeanne", field: value}
    with pytest.raises(InvalidInput) as refused:
        _submit(inquiry, **values)
    assert words in _fr(refused)
    assert pending.pending_count(inquiry) == 0 and len(portal.MailHost.messages) == mails


def test_rate_limits_per_address_and_per_client(portal, inquiry):
    for _number in range(pending.PER_ADDRESS_PER_HOUR):
        _submit(inquiry, email="Jeanne.Dubois@example.be")
    mails = len(portal.MailHost.messages)
    with pytest.raises(InvalidInput) as refused:
        _submit(inquiry, email="jeanne.dubois@example.be")  # the same address
    assert "dernière heure" in _fr(refused)
    for number in range(pending.PER_CLIENT_PER_HOUR - pending.PER_ADDRESS_PER_HOUR):
        _submit(inquiry, email=f"voisin{number}@example.be")
    with pytest.raises(InvalidInput):
        _submit(inquiry, email="encore.un@example.be")  # the same client address
    assert pending.pending_count(inquiry) == pending.PER_CLIENT_PER_HOUR
    assert len(portal.MailHost.messages) == mails + 7
    # Another client address is not held back by this one.
    inquiry.REQUEST.environ["REMOTE_ADDR"] = "192.0.2.77"
    inquiry.REQUEST._client_addr = "192.0.2.77"
    _submit(inquiry, email="ailleurs@example.be")


def test_signed_in_users_are_sent_to_the_counter_form(portal, dossier, marie):
    inquiry = _open(dossier)
    with api.env.adopt_user(username=marie), pytest.raises(NotAllowed):
        _submit(inquiry)
    assert pending.pending_count(inquiry) == 0


def test_the_pages_answer_400_in_french_and_show_nothing_back(portal, inquiry):
    request = inquiry.REQUEST
    request.form.update(
        {"name": "Jeanne", "email": "faux", "text": TEXT, "address": "",
         "_authenticator": createToken()}
    )  # fmt: skip
    request.method = "POST"
    page = inquiry.restrictedTraverse("@@observation-courriel")()
    assert request.response.getStatus() == 400
    assert "Indiquez une adresse e-mail valide" in page
    request.form["email"] = "jeanne.dubois@example.be"
    inquiry.restrictedTraverse("@@observation-courriel")()
    assert request.response.getStatus() == 302 and pending.pending_count(inquiry) == 1
    token = _token(portal)
    # The link shows a button, confirms nothing yet, shows nothing stored.
    request.method = "GET"
    request.form.clear()
    request.form["jeton"] = token
    page = inquiry.restrictedTraverse("@@confirmer-observation")()
    assert "Confirmer mon observation" in page and TEXT not in page and "Jeanne" not in page
    assert observations.count(inquiry) == 0
    request.method = "POST"
    request.form["_authenticator"] = createToken()
    page = inquiry.restrictedTraverse("@@confirmer-observation")()
    assert "Votre observation a été enregistrée." in page and TEXT not in page
    assert observations.count(inquiry) == 1
    request.response.setStatus(200)
    page = inquiry.restrictedTraverse("@@confirmer-observation")()
    assert request.response.getStatus() == 400 and "déjà été confirmée" in page
    request.form["jeton"] = "falsifié.é"
    page = inquiry.restrictedTraverse("@@confirmer-observation")()
    assert request.response.getStatus() == 400 and "n'est pas valide" in page


def test_a_post_without_its_authenticator_is_forbidden(portal, inquiry):
    request = inquiry.REQUEST
    request.form.update({"name": "Jeanne", "email": "j@example.be", "text": TEXT})
    request.method = "POST"
    with pytest.raises(Forbidden):
        inquiry.restrictedTraverse("@@observation-courriel")()
    assert pending.pending_count(inquiry) == 0


@pytest.fixture
def lo(integration):
    return require_libreoffice(integration)


def _report_text(report) -> str:
    result = subprocess.run(
        ["pdftotext", "-", "-"], input=report.file.data, capture_output=True, check=True
    )
    return " ".join(result.stdout.decode().replace("\u00a0", " ").split())


def test_the_report_counts_confirmed_ones_says_how_and_never_pending_ones(
    portal, inquiry, marie, lo
):
    with api.env.adopt_user(username=marie):
        observations.submit_observation(inquiry, "Le gabarit dépasse celui des voisins.")
    _submit(inquiry)
    pending.confirm(inquiry, _token(portal))
    _submit(inquiry, email="jamais.confirme@example.be", text="Jamais confirmée.")
    inquiry.start = date(2026, 3, 2)
    inquiry.compute_end()
    with api.env.adopt_user(username=AGENT):
        api.portal.get_tool("portal_workflow").doActionFor(inquiry, "close")
    text = _report_text(inquiry.__parent__[REPORT_ID])
    assert "Observations reçues en ligne : 2" in text
    assert "2 observation(s) envoyée(s) par 2 personnes, dont 1 avec une adresse e-mail" in text
    assert "Jeanne Dubois (adresse e-mail confirmée)" in text and TEXT in text
    assert "Jamais confirmée" not in text
    # The unconfirmed one's link, followed after the closing: the reason, on a
    # page that shows nothing of the notice (no longer public).
    logout()
    request = inquiry.REQUEST
    request.form["jeton"] = _token(portal)
    page = inquiry.restrictedTraverse("@@confirmer-observation")()
    assert request.response.getStatus() == 400
    assert "Cette enquête publique est clôturée" in page and "Jamais confirmée" not in page
    assert "Rue de Fer 12" not in page  # the notice's location
    assert observations.count(inquiry) == 2
