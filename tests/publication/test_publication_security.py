"""Only the secretariat chooses what of an act is published, and certain
personal data is never published, whoever asks: over REST and in the
secretariat's preview form, platform admins included."""

from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.publication import decisions
from imio.municipal.publication.core.masking import MARKER
from imio.municipal.publication.sections import current_version
from imio.municipal.publication.texts import public_texts
from imio.municipal.testing import require_libreoffice
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.protect.authenticator import createToken

import pytest
import transaction


PERSON = "Gaëtane Vandermeulen, rue des Brasseurs 12, 5000 Namur"
TEXT = (
    "<p>Vu la demande de Madame Gaëtane Vandermeulen, domiciliée rue des Brasseurs 12, "
    "5000 Namur (NISS 85.07.30-033.28), joignable au 0475 12 34 56 ou à "
    "gaetane.vdm@example.be ;</p>"
    "<p>Vu le courrier de M. Octave Delvaux du 3 mars ;</p>"
    "<p>Une terrasse est installée devant le n° 12 de la rue des Brasseurs.</p>"
)
# What must never reach the public version, whoever released it.
CANARIES = (
    "Vandermeulen",
    "85.07.30-033.28",
    "0475 12 34 56",
    "gaetane.vdm@example.be",
    "Brasseurs 12",
    "n° 12 de la rue",
)
CERTAIN = ("niss", "person", "address", "email", "phone")
SUSPECT = "suspect-name"


def _rich(html: str) -> RichTextValue:
    return RichTextValue(html, "text/html", "text/x-html-safe")


def _keys(act) -> dict[str, str]:
    """The key of each kind of item found in the act (first one of a kind)."""
    keys = {}
    for finding in public_texts(act).findings:
        keys.setdefault(finding.kind, finding.key)
    return keys


def _release(key: str, reason: str = "Accord écrit de la personne") -> dict:
    return {"items": [{"key": key, "action": "release", "reason": reason}]}


@pytest.fixture
def draft(functional, functional_portal):
    """A draft act of the finance service, as its agent writes it."""
    act = build_act(
        functional_portal,
        title="Occupation du domaine public rue des Brasseurs",
        persons_concerned=PERSON,
        motivation=_rich(TEXT),
    )
    transaction.commit()
    return act


@pytest.fixture
def executory(functional, functional_portal, act_factory, no_timestamps):
    require_libreoffice(functional)
    act = act_factory(functional_portal, persons_concerned=PERSON)
    act.motivation = _rich(TEXT)
    transaction.commit()
    return act


def _path(act, portal) -> str:
    return act.absolute_url().removeprefix(portal.absolute_url())


@pytest.mark.parametrize("login", ["namur-agent-finances", "namur-chef-finances"])
@pytest.mark.parametrize("action", ["release", "mask"])
def test_the_service_does_not_choose_what_is_published(
    api_as, draft, functional_portal, login, action
):
    url = _path(draft, functional_portal)
    session = api_as(login)
    # The service edits its draft and sees the preview: only choosing is refused.
    assert session.get(f"{url}/@publication").status_code == 200
    key = _keys(draft)[SUSPECT]
    response = session.post(
        f"{url}/@publication",
        json={"items": [{"key": key, "action": action, "reason": "Avocat de la Ville"}]},
    )
    assert response.status_code == 403, response.text
    assert "Seul le secrétariat" in response.json()["error"]["message"]
    transaction.begin()
    assert decisions.finding_decisions(draft) == {}


@pytest.mark.parametrize("login", ["namur-secretaire", "platform-admin", "admin"])
@pytest.mark.parametrize("kind", CERTAIN)
def test_certain_personal_data_is_never_released(api_as, executory, functional_portal, login, kind):
    url = _path(executory, functional_portal)
    key = _keys(executory)[kind]
    response = api_as(login).post(f"{url}/@publication", json=_release(key))
    assert response.status_code == 400, response.text
    assert "est toujours masqué" in response.json()["error"]["errors"][key]
    transaction.begin()
    assert decisions.finding_decisions(executory) == {}


def test_a_refused_release_saves_nothing_of_the_batch(api_as, executory, functional_portal):
    url = _path(executory, functional_portal)
    keys = _keys(executory)
    response = api_as("namur-secretaire").post(
        f"{url}/@publication",
        json={
            "items": [
                {"key": keys[SUSPECT], "action": "release", "reason": "Avocat de la Ville"},
                {"key": keys["niss"], "action": "release", "reason": "Accord écrit"},
            ]
        },
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["errors"]) == {keys["niss"]}
    transaction.begin()
    assert decisions.finding_decisions(executory) == {}


def test_the_secretariat_releases_a_suspect_and_the_rest_stays_masked(
    api_as, executory, functional_portal
):
    url = _path(executory, functional_portal)
    secretary = api_as("namur-secretaire")
    preview = secretary.get(f"{url}/@publication").json()
    assert preview["may_decide"] is True
    releasable = {item["kind"]: item["releasable"] for item in preview["items"]}
    assert releasable == {**dict.fromkeys(CERTAIN, False), SUSPECT: True}
    key = _keys(executory)[SUSPECT]
    saved = secretary.post(f"{url}/@publication", json=_release(key, "Avocat de la Ville"))
    assert saved.status_code == 200, saved.text
    published = secretary.post(f"{url}/@workflow/publish")
    assert published.status_code == 200, published.text
    transaction.begin()
    text = current_version(executory).text.raw
    assert "Octave Delvaux" in text
    assert "devant le " + MARKER in text
    for canary in CANARIES:
        assert canary not in text


def test_a_stored_release_of_certain_data_is_ignored_at_publication(
    api_as, executory, functional_portal
):
    """A release recorded before this rule (or by any other way) publishes
    nothing certain."""
    keys = _keys(executory)
    for kind in CERTAIN:
        decisions.decide(executory, keys[kind], "release", "Accord écrit")
    decisions.decide(executory, keys[SUSPECT], "mask")
    transaction.commit()
    url = _path(executory, functional_portal)
    published = api_as("namur-secretaire").post(f"{url}/@workflow/publish")
    assert published.status_code == 200, published.text
    transaction.begin()
    text = current_version(executory).text.raw
    for canary in (*CANARIES, "Delvaux"):
        assert canary not in text


# The secretariat's preview form (the same service function as REST).


def _post_form(act, user: str, choices: dict) -> object:
    request = act.REQUEST
    request.method = "POST"
    request["REQUEST_METHOD"] = "POST"
    with api.env.adopt_user(username=user):
        request.form.clear()
        request.form.update({"_authenticator": createToken(), **choices})
        view = api.content.get_view("publication-preview", act, request)
        view.rendered = view()
    return view


@pytest.fixture
def draft_act(portal, integration):
    return build_act(
        portal,
        title="Occupation du domaine public rue des Brasseurs",
        persons_concerned=PERSON,
        motivation=_rich(TEXT),
    )


@pytest.mark.parametrize("login", ["namur-agent-finances", "namur-chef-finances"])
def test_the_form_refuses_the_service_s_choices(draft_act, login):
    key = _keys(draft_act)[SUSPECT]
    view = _post_form(draft_act, login, {"key_0": key, "action_0": "release", "reason_0": "Avocat"})
    assert view.may_decide is False
    assert decisions.finding_decisions(draft_act) == {}
    # The page says why (the status message of the refusal).
    assert any(
        refusal in view.rendered
        for refusal in (
            "Seul le secrétariat choisit ce qui est publié d",
            "Only the secretariat chooses what of an act is published:",
        )
    )


@pytest.mark.parametrize("user", ["namur-secretaire", "platform-admin"])
def test_the_form_never_releases_certain_data(draft_act, user):
    keys = _keys(draft_act)
    form = {}
    for index, kind in enumerate((*CERTAIN, SUSPECT)):
        form.update(
            {f"key_{index}": keys[kind], f"action_{index}": "release", f"reason_{index}": "Motif"}
        )
    view = _post_form(draft_act, user, form)
    assert view.may_decide is True
    assert set(view.errors) == set(range(len(CERTAIN)))
    assert decisions.finding_decisions(draft_act) == {}
    html = view.index()
    assert html.count('value="release"') == 1  # offered for the suspect only


# The other publication data: the annexes' flags belong to the service that
# drafts the act (they publish nothing by themselves); the release is the
# secretariat's, for the file it saw; the publication block is the
# secretariat's.


def test_an_annex_changed_after_its_release_is_not_published(act, no_timestamps):
    from plone.namedfile.file import NamedBlobFile
    from Products.CMFCore.WorkflowCore import WorkflowException

    with api.env.adopt_roles(["Manager"]):
        plan = api.content.create(
            container=act,
            type="File",
            title="Plan des terrasses",
            file=NamedBlobFile(b"%PDF-1.4 plan", filename="plan.pdf"),
            publishable=True,
        )
    decisions.release_annex(act, plan.UID(), "Plan annexé au règlement")
    plan.file = NamedBlobFile(b"%PDF-1.4 another piece", filename="plan.pdf")
    with pytest.raises(WorkflowException) as refused:
        do_transition(act, "namur-secretaire", "publish")
    assert "Plan des terrasses" in str(refused.value)
    transaction.abort()


def test_the_service_cannot_change_the_publication_block(api_as, draft, functional_portal):
    url = _path(draft, functional_portal)
    response = api_as("namur-agent-finances").patch(
        url, json={"is_regulation": True, "publication_date": "2026-01-05"}
    )
    assert response.status_code == 400, response.text
    assert "publication_date" in response.json()["message"]
    transaction.begin()
    assert not draft.is_regulation and draft.publication_date is None


def test_the_1010_upgrade_drops_releases_of_certain_data(draft_act):
    from imio.municipal.upgrades.v1010_publication import upgrade

    keys = _keys(draft_act)
    decisions.decide(draft_act, keys["niss"], "release", "Accord écrit")
    decisions.decide(draft_act, keys[SUSPECT], "release", "Avocat de la Ville")
    decisions.decide(draft_act, keys["person"], "mask")
    upgrade(None)
    assert set(decisions.finding_decisions(draft_act)) == {keys[SUSPECT], keys["person"]}
