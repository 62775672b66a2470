"""The act page, the correction form, the register and the worklist."""

from datetime import date
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import store_deliberation
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.testing.zope import Browser

import re
import transaction


SECRETARY = "namur-secretaire"


def browser_as(app, login):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


def adopted_act(portal, **fields):
    fields.setdefault("session_date", date(2026, 10, 26))
    act = build_act(
        portal,
        motivation=RichTextValue(
            "<p>Vu le Code de la démocratie locale ;</p>", "text/html", "text/x-html-safe"
        ),
        decision=RichTextValue(
            "<p>Article 1er : la taxe est établie.</p>", "text/html", "text/x-html-safe"
        ),
        members_present=37,
        votes_for=30,
        votes_against=5,
        votes_abstention=2,
        signatories=[
            {"name": "Jean Dupuis", "function": "Le Directeur général"},
            {"name": "Sophie Leroy", "function": "La Bourgmestre"},
        ],
        **fields,
    )
    do_transition(act, "namur-chef-finances", "propose")
    do_transition(act, SECRETARY, "validate")
    do_transition(act, SECRETARY, "adopt")
    return act


def test_the_act_page_reads_like_a_deliberation(functional_app, functional_portal):
    act = adopted_act(functional_portal, matter="tax_regulation")
    transaction.commit()
    browser = browser_as(functional_app, "namur-college")
    browser.open(act.absolute_url())
    page = browser.contents
    assert act.number in page
    assert "Vu le Code de la démocratie locale" in page
    assert "Article 1er : la taxe est établie." in page
    assert "Sophie Leroy" in page and "Le Directeur général" in page
    assert 'class="act-tutelle' in page
    assert "act-history" in page


def test_the_secretariat_corrects_an_adopted_act_with_a_comment(functional_app, functional_portal):
    act = adopted_act(functional_portal)
    transaction.commit()
    browser = browser_as(functional_app, SECRETARY)
    browser.open(f"{act.absolute_url()}/@@act-correction")
    browser.getControl(name="form.widgets.votes_for").value = "31"
    browser.getControl(name="form.widgets.votes_against").value = "4"
    browser.getControl(name="form.buttons.save").click()
    assert "form.widgets.correction_comment" in browser.contents  # required: refused
    transaction.begin()
    assert act.votes_for == 30

    browser.getControl(name="form.widgets.votes_for").value = "31"
    browser.getControl(name="form.widgets.votes_against").value = "4"
    browser.getControl(
        name="form.widgets.correction_comment"
    ).value = "Erreur matérielle dans le décompte des voix."
    browser.getControl(name="form.buttons.save").click()
    transaction.begin()
    assert (act.votes_for, act.votes_against) == (31, 4)
    last = act.workflow_history["municipal_act_workflow"][-1]
    assert last["action"] == "correct"
    assert last["actor"] == SECRETARY
    assert "Erreur matérielle" in last["comments"]
    assert api.content.get_state(act) == "adopted"


def test_correction_is_for_the_secretariat_only(functional_app, functional_portal):
    act = adopted_act(functional_portal)
    transaction.commit()
    browser = browser_as(functional_app, "namur-chef-finances")
    browser.handleErrors = True
    browser.raiseHttpErrors = False
    browser.open(f"{act.absolute_url()}/@@act-correction")
    assert "form.widgets.correction_comment" not in browser.contents


def register_rows(app, portal, login, query=""):
    browser = browser_as(app, login)
    browser.open(f"{portal.absolute_url()}/namur/actes{query}")
    return re.findall(r'class="act-row urgency-(\w+)"', browser.contents), browser.contents


def test_register_filters(functional_app, functional_portal):
    transmitted = adopted_act(functional_portal, title="Taxe zygomorphe", matter="tax_regulation")
    store_deliberation(transmitted)
    do_transition(transmitted, SECRETARY, "transmit")
    adopted_act(
        functional_portal, title="Décision xylophone", kind="college_decision", body="college"
    )
    transaction.commit()
    rows, page = register_rows(functional_app, functional_portal, SECRETARY, "?tutelle=awaiting")
    assert "Taxe zygomorphe" in page and "Décision xylophone" not in page
    rows, page = register_rows(functional_app, functional_portal, SECRETARY, "?body=college")
    assert "Décision xylophone" in page and "Taxe zygomorphe" not in page
    rows, page = register_rows(functional_app, functional_portal, SECRETARY, "?q=zygomorphe")
    assert len(rows) == 1


def test_worklist_shows_acts_to_the_secretariat(functional_app, functional_portal):
    act = build_act(functional_portal, title="À valider", session_date=date(2026, 10, 26))
    do_transition(act, "namur-chef-finances", "propose")
    transaction.commit()
    browser = browser_as(functional_app, SECRETARY)
    # everything to do (the home's box shows the first items and the counts)
    browser.open(f"{functional_portal['namur'].absolute_url()}/@@worklist")
    assert act.absolute_url() in browser.contents
