"""A form's submission, refused or done, answered the same way by every form
(the inquiry opening form, the messages to the applicant)."""

from imio.municipal import _
from imio.municipal.counter.messages import messages_of
from imio.municipal.demo.builders import build_dossier
from imio.municipal.errors import StateRefusal
from imio.municipal.platform.refusals import form_outcome
from plone.testing.zope import Browser
from Products.statusmessages.interfaces import IStatusMessage

import transaction


DONE = _("inquiry_opened", default="The public inquiry is open: its notice is public.")


class Form:
    errors = ()

    def __init__(self, request):
        self.request = request

    def index(self):
        return "the form again"


def test_a_refusal_shows_the_form_with_its_reason_and_keeps_nothing(portal, http_request):
    form = Form(http_request)

    def action():
        portal.title = "Written before the refusal"
        refusal = StateRefusal("not now")
        refusal.message = _("refusal_json_object", default="Send a JSON object.")
        raise refusal

    assert form_outcome(form, action, DONE) == "the form again"
    assert form.errors == ["Envoyez un objet JSON."]
    assert http_request.response.getStatus() == 400
    assert transaction.get().isDoomed()
    assert IStatusMessage(http_request).show() == []


def test_done_says_so_on_the_next_page(portal, http_request):
    form = Form(http_request)
    next_url = f"{portal.absolute_url()}/namur"
    assert form_outcome(form, lambda: next_url, DONE) == ""
    assert form.errors == ()
    assert http_request.response.getStatus() == 302
    assert http_request.response.getHeader("Location") == next_url
    shown = IStatusMessage(http_request).show()
    assert [m.message for m in shown] == ["L'enquête publique est ouverte : son avis est public."]
    assert not transaction.get().isDoomed()


def test_the_message_form_refuses_an_empty_message_then_sends_one(
    functional_app, functional_portal
):
    dossier = build_dossier(functional_portal)
    transaction.commit()
    browser = Browser(functional_app)
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.addHeader("Authorization", "Basic namur-agent-urbanisme:demo")
    browser.open(f"{dossier.absolute_url()}/@@messages-demandeur")
    browser.getControl(name="text").value = "   "
    browser.getForm(action=f"{dossier.absolute_url()}/@@messages-demandeur").submit()
    assert browser.headers["status"].startswith("400")
    assert "Écrivez un message." in browser.contents
    transaction.begin()
    assert messages_of(dossier) == []

    browser.open(f"{dossier.absolute_url()}/@@messages-demandeur")
    browser.getControl(name="text").value = "Le plan signé manque."
    browser.getForm(action=f"{dossier.absolute_url()}/@@messages-demandeur").submit()
    assert browser.url == f"{dossier.absolute_url()}/@@messages-demandeur"
    assert "Votre message a été envoyé au demandeur." in browser.contents
    transaction.begin()
    assert [m["text"] for m in messages_of(dossier)] == ["Le plan signé manque."]
