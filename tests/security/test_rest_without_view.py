"""REST endpoints that plone.restapi guards with another permission than View.

A user who cannot View an object must learn nothing of it and change nothing
through them: an agent of another service on an urbanism case file, an agent
of another municipality on an act of Namur. Each endpoint's own permission is
decided by the workflows (tests/security/test_permission_matrix.py); this is
the same question asked the way a client would.
"""

from imio.municipal.demo.builders import PLACEHOLDER_PDF
from plone import api
from plone.namedfile.file import NamedBlobFile

import pytest
import transaction


CASES = {
    # intruder, type, a login who sees such objects, the intruder's own folder
    "travaux-on-urbanism-dossier": (
        "namur-agent-travaux",
        "Dossier",
        "namur-agent-urbanisme",
        "/namur/dossiers",
    ),
    # An annex has no workflow: it must follow its case file.
    "travaux-on-annex-of-urbanism-dossier": (
        "namur-agent-travaux",
        "File",
        "namur-agent-urbanisme",
        "/namur/dossiers",
    ),
    "gembloux-on-namur-act": (
        "gembloux-agent-finances",
        "Act",
        "namur-agent-finances",
        "/gembloux/actes",
    ),
}
REFUSED = (401, 403, 404)


def _secrets(body: dict) -> list[str]:
    """Values of the object an intruder must not read."""
    found = [body["title"]]
    for applicant in body.get("applicants") or []:
        found += [str(v) for k, v in applicant.items() if k in ("niss", "last_name") and v]
    for key in ("description", "reference", "number"):
        if body.get(key):
            found.append(str(body[key]))
    return [value for value in found if len(value) > 3]


def _add_annex(portal, dossier_path: str) -> str:
    """A confidential annex in the case file, committed for the server."""
    dossier = portal.unrestrictedTraverse(dossier_path.lstrip("/"))
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=dossier,
            type="File",
            id="annexe-confidentielle",
            title="Rapport médical de Madame Dupont",
            file=NamedBlobFile(PLACEHOLDER_PDF, filename="rapport.pdf"),
        )
    transaction.commit()
    return f"{dossier_path}/annexe-confidentielle"


@pytest.fixture(params=sorted(CASES))
def case(request, api_as, functional_portal):
    intruder, portal_type, insider, own_folder = CASES[request.param]
    searched = "Dossier" if portal_type == "File" else portal_type
    found = api_as(insider).get(
        "/@search", params={"portal_type": searched, "path": "/plone/namur", "sort_on": "id"}
    )
    item = found.json()["items"][0]
    path = item["@id"].split("/plone", 1)[1]
    if portal_type == "File":
        path = _add_annex(functional_portal, path)
        item = {"@id": f"{item['@id']}/{path.rsplit('/', 1)[1]}"}
    body = api_as(insider).get(path).json()
    return {
        "intruder": api_as(intruder),
        "insider": api_as(insider),
        "path": path,
        "url": item["@id"],
        "uid": body["UID"],
        "title": body["title"],
        "modified": body["modified"],
        "secrets": _secrets(body),
        "own_folder": own_folder,
        "portal_type": portal_type,
    }


def assert_nothing_revealed(response, case):
    text = response.text
    leaked = [secret for secret in case["secrets"] if secret in text]
    assert not leaked, (response.request.method, response.url, response.status_code, leaked)


def assert_unchanged(case):
    body = case["insider"].get(case["path"]).json()
    assert body["modified"] == case["modified"]
    assert body["title"] == case["title"]
    lock = case["insider"].get(f"{case['path']}/@lock").json()
    assert not lock.get("locked")


def test_the_intruder_cannot_view_the_object(case):
    response = case["intruder"].get(case["path"])
    assert response.status_code in REFUSED
    assert_nothing_revealed(response, case)


@pytest.mark.parametrize("tail", ["@history", "@history/current", "@history/0", "@history/1"])
def test_history_reveals_nothing(case, tail):
    response = case["intruder"].get(f"{case['path']}/{tail}")
    assert response.status_code in REFUSED
    assert_nothing_revealed(response, case)


def test_history_cannot_revert(case):
    response = case["intruder"].patch(f"{case['path']}/@history", json={"version": 0})
    assert response.status_code in REFUSED
    assert_nothing_revealed(response, case)
    assert_unchanged(case)


@pytest.mark.parametrize("tail", ["@workflow", "@sharing", "@lock"])
def test_reading_endpoints_reveal_nothing(case, tail):
    response = case["intruder"].get(f"{case['path']}/{tail}")
    assert response.status_code in REFUSED
    assert_nothing_revealed(response, case)


@pytest.mark.parametrize(
    "method,tail,payload",
    [
        ("post", "@workflow/receive", {}),
        ("post", "@workflow/propose", {}),
        ("post", "@lock", {}),
        ("delete", "@lock", {}),
        (
            "post",
            "@sharing",
            {"entries": [{"id": "AuthenticatedUsers", "roles": {"Reader": True}, "type": "group"}]},
        ),
        ("patch", "", {"title": "Changé par un intrus"}),
        ("delete", "", None),
    ],
)
def test_changing_endpoints_change_nothing(case, method, tail, payload):
    url = f"{case['path']}/{tail}" if tail else case["path"]
    kwargs = {"json": payload} if payload is not None else {}
    response = getattr(case["intruder"], method)(url, **kwargs)
    assert response.status_code in REFUSED, response.text
    assert_nothing_revealed(response, case)
    assert_unchanged(case)


@pytest.mark.parametrize("service", ["@copy", "@move"])
def test_copy_and_move_into_the_intruders_folder_are_refused(case, service):
    response = case["intruder"].post(
        f"{case['own_folder']}/{service}", json={"source": case["url"]}
    )
    # plone.restapi skips a source it may not traverse to: nothing was copied.
    assert response.status_code in REFUSED or response.json() == [], response.text
    assert_nothing_revealed(response, case)
    assert_unchanged(case)
    # No copy appeared anywhere the intruder looks.
    found = case["intruder"].get(
        "/@search", params={"portal_type": case["portal_type"], "Title": case["title"]}
    )
    assert found.json()["items_total"] == 0


def test_linkintegrity_reveals_nothing(case):
    response = case["intruder"].get("/@linkintegrity", params={"uids": case["uid"]})
    assert_nothing_revealed(response, case)


def test_vocabularies_reveal_nothing(case):
    response = case["intruder"].get(
        f"{case['own_folder']}/@vocabularies/plone.app.vocabularies.Catalog",
        params={"title": case["title"]},
    )
    # The answer's own @id repeats the query: look at the terms.
    terms = response.json().get("items", []) if response.status_code == 200 else []
    assert case["uid"] not in [term.get("token") for term in terms]
    assert case["title"] not in [term.get("title") for term in terms]


def test_searches_with_full_objects_reveal_nothing(case):
    session = case["intruder"]
    responses = [
        session.get("/@search", params={"UID": case["uid"], "fullobjects": 1}),
        session.get("/@search", params={"SearchableText": case["title"], "fullobjects": 1}),
        session.post(
            "/@querystring-search",
            json={
                "query": [
                    {
                        "i": "UID",
                        "o": "plone.app.querystring.operation.selection.any",
                        "v": [case["uid"]],
                    }
                ],
                "fullobjects": True,
            },
        ),
    ]
    for response in responses:
        assert response.status_code == 200
        body = response.json()
        assert body["items_total"] == 0
        assert body["items"] == []
