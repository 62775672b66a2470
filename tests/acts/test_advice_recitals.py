"""The deliberation recites the advice: « Vu l'avis … rendu le dd/mm/yyyy; »."""

from datetime import date
from decimal import Decimal
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
from imio.municipal.acts import advice
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.interfaces import IImioMunicipalLayer
from plone import api
from plone.app.textfield.value import RichTextValue
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import pytest


@pytest.fixture
def request_(integration):
    request = integration["request"]
    alsoProvides(request, IImioMunicipalLayer)
    return request


@pytest.fixture
def act(portal):
    return build_act(
        portal,
        title="Rénovation de la toiture de l'école",
        responsible_service="travaux",
        financial_impact=Decimal("84500.00"),
        motivation=RichTextValue(
            "<p>Vu le CDLD, art. L1222-3;</p><p>Considérant l'état de la toiture;</p>",
            "text/html",
            "text/x-html-safe",
        ),
    )


def motivation(act, request):
    return getMultiAdapter((act, request), name="document_generation_helper_view").motivation()


def test_the_given_advice_is_recited_with_its_date_and_sense(act, request_):
    with api.env.adopt_user(username="namur-agent-travaux"):
        record = advice.ask(act, "financial_director", today=date(2026, 3, 2))
    with api.env.adopt_user(username="namur-directeur-financier"):
        advice.give(
            act, record["id"], "favourable_with_remarks", "Crédit au budget.", date(2026, 3, 9)
        )
    assert motivation(act, request_) == (
        "<p>Vu le CDLD, art. L1222-3;</p>"
        "<p>Vu l'avis de légalité favorable avec remarques du directeur financier "
        "rendu le 09/03/2026;</p>"
        "<p>Considérant l'état de la toiture;</p>"
    )


def test_an_advice_passed_over_is_recited_as_such(act, request_):
    with api.env.adopt_user(username="namur-agent-travaux"):
        advice.ask(act, "financial_director", today=date(2026, 3, 2))
    do_transition(act, "namur-chef-travaux", "propose")
    # Asked on 2 March 2026, last day 16 March: the act goes on after it.
    assert advice.advice_refusals(act, today=date(2026, 3, 16))
    assert advice.advice_refusals(act, today=date(2026, 3, 17)) == []
    advice.record_passed_over(act, today=date(2026, 3, 17))
    recited = (
        "Vu la demande d'avis du directeur financier, restée sans réponse dans le délai "
        "expiré le 16/03/2026;"
    )
    assert recited in motivation(act, request_)


def test_an_advice_still_pending_is_not_recited(act, request_):
    with api.env.adopt_user(username="namur-agent-travaux"):
        advice.ask(act, "financial_director")
    assert "avis" not in motivation(act, request_)


def test_the_financial_director_gets_the_local_role_on_this_act_only(act, portal):
    other = build_act(portal, title="Autre acte", responsible_service="travaux")
    with api.env.adopt_user(username="namur-agent-travaux"):
        advice.ask(act, "financial_director")
    assert act.get_local_roles_for_userid("92094_financial_director") == ("MunicipalAdviser",)
    assert other.get_local_roles_for_userid("92094_financial_director") == ()
    with api.env.adopt_user(username="namur-directeur-financier"):
        assert api.user.has_permission("View", obj=act)
        assert not api.user.has_permission("View", obj=other)
        assert not api.user.has_permission("Modify portal content", obj=act)
        assert api.user.has_permission("imio.municipal: Give advice", obj=act)


def test_the_adviser_and_then_the_asker_are_told_by_email(act, portal):
    mailhost = portal.MailHost
    mailhost.reset()
    with api.env.adopt_user(username="namur-agent-travaux"):
        record = advice.ask(act, "financial_director", today=date(2026, 3, 2))
    asked = [message_from_bytes(m) for m in mailhost.messages]
    assert [m["To"] for m in asked] == ["namur-directeur-financier@demo.imio.be"]
    subject = str(make_header(decode_header(asked[0]["Subject"])))
    assert subject == "[Namur] Avis demandé : Rénovation de la toiture de l'école"
    assert "16/03/2026" in asked[0].get_payload(decode=True).decode("utf-8")
    mailhost.reset()
    with api.env.adopt_user(username="namur-directeur-financier"):
        advice.give(act, record["id"], "favourable")
    given = [message_from_bytes(m) for m in mailhost.messages]
    assert [m["To"] for m in given] == ["namur-agent-travaux@demo.imio.be"]


def test_a_copy_starts_without_the_advice(act, portal):
    with api.env.adopt_user(username="namur-agent-travaux"):
        advice.ask(act, "financial_director")
        copy = api.content.copy(source=act, target=portal["namur"]["actes"], safe_id=True)
    assert advice.advices(copy) == []
    assert copy.get_local_roles_for_userid("92094_financial_director") == ()
    assert len(advice.advices(act)) == 1
