"""The applicants table of the add form, as a clerk meets it after a refused save.

The browser's datagrid script turns a typed auto-append row ("AA") into a
real row and posts a new, empty "AA" row with it; these tests post what it
posts and read the page the clerk gets back.
"""

from lxml import html as lxml_html
from plone.testing.zope import Browser
from urllib.parse import urlencode

import re


AGENT = "namur-agent-urbanisme"
INVALID_NISS = "85073003329"


def browser_as(app, login):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {login}:demo")
    browser.addHeader("Accept-Language", "fr")
    return browser


def row(index, kind, name, niss="", bce=""):
    prefix = f"form.widgets.applicants.{index}"
    fields = {"kind:list": kind, "kind-empty-marker": "1", "name": name, "niss": niss, "bce": bce}
    fields.update({key: "" for key in ("address", "email", "phone", "contact")})
    values = {f"{prefix}.widgets.{key}": value for key, value in fields.items()}
    values[f"{prefix}-empty-marker"] = "1"
    return values


def post_add_form(browser, portal, rows):
    folder = portal["namur"]["dossiers"]
    browser.open(f"{folder.absolute_url()}/++add++Dossier")
    token = browser.getControl(name="_authenticator").value
    data = {
        "_authenticator": token,
        "form.widgets.IBasic.title": "Véranda",
        "form.widgets.IBasic.description": "",
        "form.widgets.procedure:list": "pu",
        "form.widgets.procedure-empty-marker": "1",
        "form.widgets.responsible_service:list": "urbanisme",
        "form.widgets.responsible_service-empty-marker": "1",
        "form.widgets.applicants.count": str(len(rows)),
        "form.buttons.save": "Enregistrer",
    }
    for index, values in enumerate(rows):
        data.update(row(index, *values))
    # The empty auto-append and template rows the datagrid script always posts.
    data.update(row("AA", "person", ""))
    data.update(row("TT", "person", ""))
    browser.open(f"{folder.absolute_url()}/++add++Dossier", data=urlencode(data))
    return lxml_html.document_fromstring(browser.contents)


def cells_of(tree, index):
    return tree.xpath(f'//tr[@data-index="{index}"]//td')


def test_the_added_empty_row_is_neither_required_nor_in_error(functional_app, functional_portal):
    tree = post_add_form(
        browser_as(functional_app, AGENT),
        functional_portal,
        [("person", "Anne Dupont", INVALID_NISS)],
    )
    # The save was refused (the invalid NISS) and the form is shown again.
    assert tree.xpath('//div[contains(@class, "portalMessage")]')
    assert "85073003329" in tree.xpath('string(//*[@id="formfield-form-widgets-applicants"])')
    blank = cells_of(tree, "AA")
    assert blank, "the form has its auto-append row"
    assert not [c for c in blank if c.xpath('.//*[contains(@class, "invalid-feedback")]')]
    assert not [
        i
        for i in tree.xpath('//tr[@data-index="AA"]//input | //tr[@data-index="AA"]//select')
        if "required" in (i.get("class") or "").split() or i.get("required") is not None
    ]
    # The clerk's own row keeps what was typed.
    name = tree.xpath('//input[@id="form-widgets-applicants-0-widgets-name"]')[0]
    assert name.get("value") == "Anne Dupont"


def test_every_invalid_applicant_is_reported_at_once(functional_app, functional_portal):
    tree = post_add_form(
        browser_as(functional_app, AGENT),
        functional_portal,
        [("person", "Anne Dupont", INVALID_NISS), ("company", "Bâti SA", "", "0123")],
    )
    error = " ".join(
        tree.xpath(
            'string(//*[@id="formfield-form-widgets-applicants"]'
            '/*[contains(@class, "invalid-feedback")])'
        ).split()
    )
    assert re.search(r"2 demandeurs ne sont pas valides", error), error
    assert "Demandeur 1 (Anne Dupont)" in error
    assert "Demandeur 2 (Bâti SA)" in error


def test_the_required_marker_of_the_table_reads_in_french(functional_app, functional_portal):
    browser = browser_as(functional_app, AGENT)
    browser.open(f"{functional_portal['namur']['dossiers'].absolute_url()}/++add++Dossier")
    tree = lxml_html.document_fromstring(browser.contents)
    markers = tree.xpath('//table[@id="form-widgets-applicants"]//th//span[@class="required"]')
    assert [marker.get("title") for marker in markers] == ["Obligatoire", "Obligatoire"]
