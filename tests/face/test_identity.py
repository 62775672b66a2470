"""A municipality's identity over REST and on its pages; the platform's home; the upgrade."""

from base64 import b64decode
from base64 import b64encode
from imio.municipal.face.setup import HOME_VIEW
from imio.municipal.upgrades import v1013_face
from plone import api

import pytest
import transaction


SHIELD = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 12">'
    b'<rect width="10" height="12" fill="#00477f"/></svg>'
)


def refusal(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["message"]


def image(data: bytes, content_type: str, filename: str) -> dict:
    return {
        "data": b64encode(data).decode(),
        "encoding": "base64",
        "filename": filename,
        "content-type": content_type,
    }


def html_of(request_factory, path: str) -> str:
    """The page an anonymous visitor's browser gets (not the REST API)."""
    response = request_factory(api=False).get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.status_code
    return response.text


@pytest.mark.parametrize(
    ("colour", "reason"),
    [
        # 1.9:1 with white: white text on it cannot be read.
        ("#f0c000", "trop claire : son contraste avec le blanc est de 1,"),
        # Just under the threshold (4.48:1).
        ("#777777", "4,48:1"),
        ("red", "n'est pas une couleur"),
        ("#00477f;} body{display:none", "n'est pas une couleur"),
    ],
)
def test_unreadable_or_malformed_colours_are_refused(api_as, functional_portal, colour, reason):
    response = api_as("namur-secretaire").patch(
        "/namur", json={"primary_colour": colour, "title": "Changed"}
    )
    assert reason in refusal(response)
    transaction.begin()
    namur = functional_portal["namur"]
    assert namur.primary_colour == "#8a1c2b"  # the demo's, kept
    assert namur.title == "Namur"  # nothing half-saved


def test_a_logo_that_is_not_an_image_is_refused(api_as, functional_portal):
    page = image(b"<html><script>alert(1)</script></html>", "text/html", "logo.html")
    response = api_as("namur-secretaire").patch("/namur", json={"logo": page})
    assert "PNG, JPEG, WebP ou SVG" in refusal(response)


def test_an_oversized_logo_is_refused(api_as, functional_portal):
    big = b"\x89PNG\r\n\x1a\n" + b"\0" * (600 * 1024)
    response = api_as("namur-secretaire").patch(
        "/namur", json={"logo": image(big, "image/png", "logo.png")}
    )
    assert "trop lourd" in refusal(response)


def test_secretary_sets_logo_and_colours_and_the_pages_wear_them(
    api_as, request_factory, functional_portal
):
    response = api_as("namur-secretaire").patch(
        "/namur",
        json={
            "primary_colour": "#00477F",
            "secondary_colour": "#333",
            "logo": image(SHIELD, "image/svg+xml", "blason.svg"),
        },
    )
    assert response.status_code == 204, response.text

    page = html_of(request_factory, "/namur/publications")
    assert "--municipal-primary: #00477f;" in page
    assert "--municipal-secondary: #333333;" in page
    assert "--municipal-primary-text: #ffffff;" in page
    assert "/namur/@@images/logo" in page
    assert "Powered by Plone" not in page
    logo = request_factory(api=False).get("/namur/@@images/logo")
    assert logo.status_code == 200
    assert logo.content == SHIELD


def test_platform_pages_wear_the_platform_identity(request_factory, functional_portal):
    page = html_of(request_factory, "/@@search")
    assert "municipal-colours" not in page  # no municipality: the platform's defaults
    assert "@@site-logo/platform-logo.svg" in page


def test_anonymous_visitors_see_the_hosted_municipalities_on_the_root(
    request_factory, functional_portal
):
    assert functional_portal.getLayout() == HOME_VIEW
    page = html_of(request_factory, "/")
    assert page.count('class="card h-100 platform-municipality"') == 2
    assert "/namur/publications" in page and "/gembloux/publications" in page


def test_types_have_no_second_history_action(functional_portal):
    types_tool = api.portal.get_tool("portal_types")
    for name in v1013_face.TYPES_WITH_HISTORY:
        assert "history" not in [a.getId() for a in types_tool.getTypeInfo(name).listActions()]


def test_upgrade_brings_an_existing_site_to_the_new_face(portal):
    types_tool = api.portal.get_tool("portal_types")
    # A site as 1012 left it: the types' own history action, no bundle, no home page.
    types_tool.getTypeInfo("Dossier").addAction(
        "history", "History", "string:${object_url}/@@historyview", "", "View", "object"
    )
    portal.setLayout("listing_view")
    registry = portal.portal_registry
    registry["plone.site_logo"] = None
    for key in [k for k in registry.records.keys() if k.startswith(v1013_face.BUNDLE)]:
        del registry.records[key]
    behaviors = list(types_tool.getTypeInfo("Municipality").behaviors)
    types_tool.getTypeInfo("Municipality").behaviors = tuple(
        b for b in behaviors if b != "imio.municipal.face"
    )

    v1013_face.upgrade(portal.portal_setup)

    assert "history" not in [a.getId() for a in types_tool.getTypeInfo("Dossier").listActions()]
    assert "imio.municipal.face" in types_tool.getTypeInfo("Municipality").behaviors
    assert portal.getLayout() == HOME_VIEW
    assert b"platform-logo.svg" in b64decode(
        api.portal.get_registry_record("plone.site_logo").split(b";")[0].split(b":")[1]
    )
    assert (
        api.portal.get_registry_record(f"{v1013_face.BUNDLE}.csscompilation")
        == "++plone++imio.municipal/face.css"
    )
