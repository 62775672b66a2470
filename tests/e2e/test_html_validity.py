"""The Nu HTML checker finds no error that the product's own templates cause.

The pages are checked as the server sends them (before any script), as a
citizen and as the secretariat. Errors in Plone's own markup are listed
below, each with where it comes from; any other error fails the test.
"""

import json
import re
import subprocess


#: (message pattern, markup it is found in, why it is Plone's)
PLONE_ERRORS = (
    (
        r"A “charset” attribute on a “meta” element found after the first 1024 bytes",
        '<meta charset="utf-8"',
        "Plone's main template writes its head, then Diazo adds the charset meta",
    ),
    (
        r"must not include both a “meta” element with an “http-equiv” attribute",
        "<meta",
        "Plone's main template and the Diazo theme each declare the encoding",
    ),
    (
        r"“aria-labelledby” attribute must not be specified on any “div” element",
        'id="offcanvasNavbar"',
        "plonetheme.barceloneta's index.html (its mobile navigation)",
    ),
    (
        r"Attribute “icon” not allowed on element “a”",
        "<a ",
        "plone.app.layout's personal tools and anonymous tools templates",
    ),
    (
        r"attribute must not be used on any “label” element that is associated",
        'for="navitem-',
        "plone.app.layout's global sections viewlet (its submenu openers)",
    ),
    (
        r"Bad value “toolbar” for attribute “role” on element “section”",
        'id="edit-bar"',
        "plone.app.layout's toolbar",
    ),
    (
        r"“aria-label” attribute must not be specified on any “a” element",
        'class="toolbar-',
        "plone.app.layout's toolbar (made a button by the product's script)",
    ),
    (
        r"Bad value “” for attribute “aria-expanded” on element “a”",
        'aria-expanded=""',
        "plone.app.contentmenu's menus in the toolbar",
    ),
)

ANONYMOUS = ("", "/namur", "/namur/publications", "/gembloux/publications")
STAFF = (
    "/namur",
    "/namur/dossiers",
    "/namur/actes",
    "/namur/pic",
    "/namur/@@exchange-journal",
    "/namur/@@steering",
    "/namur/seances",
)


def is_plone_s(message: dict) -> bool:
    extract = message.get("extract", "")
    return any(
        re.search(pattern, message["message"]) and marker in extract
        for pattern, marker, _why in PLONE_ERRORS
    )


def fetch(page, base_url, paths, prefix, folder) -> list:
    files = []
    for number, path in enumerate(paths):
        response = page.request.get(f"{base_url}{path}")
        assert response.status == 200, (path, response.status)
        file = folder / f"{prefix}-{number}.html"
        file.write_text(response.text())
        files.append(file)
    return files


def first_link(page, base_url, path, selector) -> str:
    page.goto(f"{base_url}{path}")
    return page.locator(selector).first.get_attribute("href").removeprefix(base_url)


def test_main_pages_have_no_html_error_of_ours(page, base_url, login, vnu, tmp_path):
    public_act = first_link(page, base_url, "/namur/publications", "#content-core a[href*='/20']")
    files = fetch(page, base_url, (*ANONYMOUS, public_act), "anonymous", tmp_path)
    login(page, "namur-secretaire", "demo")
    opened = (
        first_link(page, base_url, "/namur/dossiers", ".dossier-table tbody a"),
        first_link(page, base_url, "/namur/actes", ".act-table tbody a"),
        first_link(page, base_url, "/namur/pic", "#content-core a[href*='/pic/']"),
    )
    files += fetch(page, base_url, (*STAFF, *opened), "staff", tmp_path)
    paths = dict(zip(map(str, files), (*ANONYMOUS, public_act, *STAFF, *opened), strict=True))

    result = subprocess.run(
        [*vnu, "--format", "json", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: errors were found
    messages = json.loads(result.stdout)["messages"]
    errors = [m for m in messages if m["type"] == "error"]
    ours = [m for m in errors if not is_plone_s(m)]
    assert not ours, "\n".join(
        f"{paths.get(m['url'].removeprefix('file:'), m['url'])}: {m['message']}\n"
        f"    {m.get('extract', '')!r}"
        for m in ours
    )
