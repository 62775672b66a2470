"""The loop after filing: the service declares the file incomplete, the
citizen sees what is missing and sends it from « Mes démarches », the file
goes back to the agent; messages both ways; the documents addressed to the
citizen. Each refusal in French, nothing half-saved."""

from counter_helpers import pdf_bytes
from counter_helpers import PNG
from datetime import timedelta
from email import message_from_bytes
from imio.municipal.core.calendar import legal_deadline
from imio.municipal.counter import messages as counter_messages
from imio.municipal.counter.complements import send_complements
from imio.municipal.counter.filing import file_request
from imio.municipal.counter.filing import FilingRefused
from imio.municipal.counter.messages import MessageRefused
from imio.municipal.counter.messages import NotTheService
from imio.municipal.counter.messages import post_message
from imio.municipal.counter.ownership import NotNow
from imio.municipal.counter.ownership import own_request
from imio.municipal.counter.ownership import UnknownRequest
from imio.municipal.counter.pieces import Upload
from imio.municipal.counter.request_detail import documents_of
from imio.municipal.counter.request_detail import request_detail
from imio.municipal.demo.builders import do_transition
from imio.municipal.dossiers.workflow import today
from plone import api
from zope.i18n import translate

import pytest


AGENT, HEAD, SECRETARY = "namur-agent-urbanisme", "namur-chef-urbanisme", "namur-secretaire"
OTHER_SERVICE, GEMBLOUX = "namur-agent-travaux", "gembloux-agent-urbanisme"


def _fr(message):
    return translate(message, target_language="fr")


def _mails(portal):
    return [message_from_bytes(m) if isinstance(m, bytes) else m for m in portal.MailHost.messages]


@pytest.fixture
def filed(portal, marie, timestamps):
    with api.env.adopt_user(username=marie):
        return file_request(
            portal["namur"],
            "permis-urbanisme",
            {"title": "Abri de jardin Lambert", "location_address": "Rue de Fer 1, 5000 Namur"},
            {"plans": [Upload("plan.pdf", pdf_bytes())]},
        )


@pytest.fixture
def incomplete(portal, filed):
    with api.env.adopt_user(username=AGENT):
        filed.missing_pieces = ["Plan d'implantation signé", "Photo de la façade"]
    do_transition(filed, AGENT, "declare_incomplete")
    return filed


def _send(portal, user, dossier, uploads):
    with api.env.adopt_user(username=user):
        citizen = api.user.get_current()
        return send_complements(own_request(citizen, dossier.UID()), citizen, uploads)


def test_the_citizen_sees_what_is_missing(portal, incomplete, marie, http_request):
    with api.env.adopt_user(username=marie):
        detail = request_detail(incomplete, http_request)
    assert detail["missing_pieces"]["pieces"] == [
        "Plan d'implantation signé",
        "Photo de la façade",
    ]
    assert detail["missing_pieces"]["requested_on"] == today().strftime("%d/%m/%Y")
    assert detail["missing_pieces"]["complete_by"] == incomplete.completion_limit.strftime(
        "%d/%m/%Y"
    )
    kinds = [document["kind"] for document in detail["documents"]]
    assert kinds == ["acknowledgement", "missing_pieces"]


def test_the_pieces_go_back_to_the_agent(portal, incomplete, marie):
    annexes_before = len(incomplete.objectIds())
    mails_before = len(portal.MailHost.messages)
    _send(
        portal, marie, incomplete, [Upload("implantation.pdf", pdf_bytes()), Upload("f.png", PNG)]
    )
    assert api.content.get_state(incomplete) == "received"
    assert incomplete.complements_received_date == today()
    # The completeness check runs again from the day the pieces came in.
    assert incomplete.completeness_deadline == legal_deadline(today(), 20)
    added = [obj for obj in incomplete.objectValues()][annexes_before:]
    assert sorted(obj.file.filename for obj in added) == ["f.png", "implantation.pdf"]
    assert {obj.file.contentType for obj in added} == {"application/pdf", "image/png"}
    assert all(marie not in dict(obj.get_local_roles()) for obj in added)
    history = incomplete.workflow_history["municipal_dossier_workflow"]
    assert history[-1]["action"] == "receive_complements"
    assert history[-1]["actor"] == "guichet-electronique"
    # The agent is told: the file is his to act on again.
    sent = _mails(portal)[mails_before:]
    assert [m["To"] for m in sent] == [api.user.get(userid=AGENT).getProperty("email")]
    # The agent's worklist state; declaring complete runs the decision delay
    # from the pieces' date.
    do_transition(incomplete, AGENT, "declare_complete")
    assert incomplete.completeness_date == today()


def test_bad_pieces_are_refused_and_nothing_is_saved(portal, incomplete, marie):
    before = list(incomplete.objectIds())
    with pytest.raises(FilingRefused) as refused:
        _send(
            portal,
            marie,
            incomplete,
            [Upload("plan.pdf", pdf_bytes()), Upload("plan.pdf.exe", b"MZ\x90\x00 not a pdf")],
        )
    assert [_fr(m) for m in refused.value.messages] == [
        "plan.pdf.exe : son contenu n'est pas d'un type accepté (PDF, JPEG, PNG)."
    ]
    with pytest.raises(FilingRefused) as refused:
        _send(portal, marie, incomplete, [])
    assert "Joignez au moins un fichier" in _fr(refused.value.messages[0])
    assert list(incomplete.objectIds()) == before
    assert api.content.get_state(incomplete) == "incomplete"


def test_pieces_are_refused_when_none_are_expected(portal, filed, marie):
    with pytest.raises(NotNow) as refused:
        _send(portal, marie, filed, [Upload("plan.pdf", pdf_bytes())])
    assert _fr(refused.value.reason()) == "Le service n'attend pas de pièce pour cette demande."
    assert api.content.get_state(filed) == "received"


def test_another_citizen_never_reaches_the_request(portal, incomplete, luc):
    with api.env.adopt_user(username=luc):
        with pytest.raises(UnknownRequest):
            own_request(api.user.get_current(), incomplete.UID())


def test_messages_both_ways_with_an_email_each(portal, filed, marie):
    mails_before = len(portal.MailHost.messages)
    with api.env.adopt_user(username=marie):
        post_message(filed, api.user.get_current(), "citizen", "Puis-je passer mardi ?")
    with api.env.adopt_user(username=AGENT):
        post_message(filed, api.user.get_current(), "service", "Oui, à 10 h.")
    sent = _mails(portal)[mails_before:]
    assert [m["To"] for m in sent] == [
        api.user.get(userid=AGENT).getProperty("email"),
        "marie.lambert@example.be",
    ]
    # A link, never the text: the message stays with the case file.
    assert all("Puis-je" not in m.get_payload(decode=True).decode() for m in sent)
    assert "@@mes-demarches" in sent[1].get_payload(decode=True).decode()
    with api.env.adopt_user(username=marie):
        texts = [(m["from"], m["text"]) for m in request_detail(filed, None)["messages"]]
    assert texts == [("citizen", "Puis-je passer mardi ?"), ("service", "Oui, à 10 h.")]


@pytest.mark.parametrize("user", [OTHER_SERVICE, GEMBLOUX, "admin"])
def test_only_the_service_and_the_secretariat_write_to_the_citizen(portal, filed, user):
    with api.env.adopt_user(username=SECRETARY):
        post_message(filed, api.user.get_current(), "service", "Le secrétariat vous répond.")
    with api.env.adopt_user(username=user):
        with pytest.raises(NotTheService):
            post_message(filed, api.user.get_current(), "service", "Bonjour")
    assert len(request_detail(filed, None)["messages"]) == 1


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("   ", "Écrivez un message."),
        ("x" * 4001, "Un message compte au plus 4000 caractères."),
        (["liste"], "Écrivez un message."),
        ("bip\x07", "Le message contient des caractères de contrôle."),
    ],
)
def test_bad_messages_are_refused_in_french(portal, filed, marie, text, reason):
    with api.env.adopt_user(username=marie):
        with pytest.raises(MessageRefused) as refused:
            post_message(filed, api.user.get_current(), "citizen", text)
    assert _fr(refused.value.reason()) == reason
    assert request_detail(filed, None)["messages"] == []


def test_messages_are_rate_limited(portal, filed, marie, monkeypatch):
    monkeypatch.setattr(counter_messages, "MESSAGES_PER_HOUR", 2)
    with api.env.adopt_user(username=marie):
        citizen = api.user.get_current()
        post_message(filed, citizen, "citizen", "Un")
        post_message(filed, citizen, "citizen", "Deux")
        with pytest.raises(MessageRefused) as refused:
            post_message(filed, citizen, "citizen", "Trois")
        assert "2 messages" in _fr(refused.value.reason())
        # An hour later the citizen may write again.
        for item in filed.__annotations__[counter_messages.ANNOTATION_KEY]:
            item["at"] -= timedelta(hours=1, minutes=1)
        post_message(filed, citizen, "citizen", "Trois")


def test_the_decision_is_listed_once_decided(portal, filed, http_request):
    with api.env.adopt_user(username=AGENT):
        api.content.create(
            container=filed,
            type="File",
            id="decision",
            title="Décision du Collège",
            annex_category="decision",
        )
    assert [d["kind"] for d in documents_of(filed, http_request)] == ["acknowledgement"]
    do_transition(filed, AGENT, "declare_complete")
    do_transition(filed, HEAD, "propose")
    assert [d["kind"] for d in documents_of(filed, http_request)] == ["acknowledgement"]
    do_transition(filed, SECRETARY, "decide")
    documents = documents_of(filed, http_request)
    assert [d["kind"] for d in documents] == ["acknowledgement", "decision"]
    assert documents[1]["url"].endswith(f"uid={filed.UID()}&id=decision")
