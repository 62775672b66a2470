"""Copying, moving and renaming acts and case files.

A copy starts as a new draft (adopting or receiving it takes a new number
or reference); a numbered act or a received case file is never moved or
renamed; nothing crosses a municipality's boundary. For every role,
platform admins included, in code, over REST and in the browser.
"""

from datetime import date
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import PERSON
from imio.municipal.demo.builders import store_deliberation
from imio.municipal.documents.generation import stored_pdf
from imio.municipal.documents.generation import STORED_PDF_KEY
from imio.municipal.dossiers.queue.catalog_index import QUEUE_INDEX
from imio.municipal.dossiers.queue.deadline_queue import NO_DEADLINE
from imio.municipal.platform import numbering
from imio.municipal.publication import decisions
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.testing.zope import Browser
from urllib.parse import urlencode
from zExceptions import BadRequest
from zExceptions import Unauthorized
from zope.annotation.interfaces import IAnnotations
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import json
import pytest
import re
import transaction


SECRETARY, ADMIN = "namur-secretaire", "platform-admin"
AGENT = "namur-agent-urbanisme"
SESSION = date(2026, 10, 26)


def adopted_act(portal, municipality="namur", **fields):
    fields.setdefault("session_date", SESSION)
    fields.setdefault("members_present", 3)
    fields.setdefault("votes_for", 3)
    fields.setdefault("votes_against", 0)
    fields.setdefault("votes_abstention", 0)
    act = build_act(portal, municipality=municipality, **fields)
    do_transition(act, f"{municipality}-chef-finances", "propose")
    do_transition(act, f"{municipality}-secretaire", "validate")
    do_transition(act, f"{municipality}-secretaire", "adopt")
    return act


def annex(container, title, category):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(
            container=container,
            type="File",
            title=title,
            annex_category=category,
            file=NamedBlobFile(b"data", contentType="text/plain", filename=f"{category}.txt"),
        )


def numbered_act_with_everything(portal):
    """Adopted, deliberation stored, transmitted, received and approved by
    the tutelle, publication decisions taken: every state a copy must drop."""
    act = adopted_act(portal, matter="tax_regulation")
    store_deliberation(act)
    plan = annex(act, "Plan de la zone", "plan")
    do_transition(act, SECRETARY, "transmit")
    act.tutelle_receipt_date = date(2026, 10, 28)
    act.tutelle_extension_days = 15
    act.tutelle_outcome, act.tutelle_outcome_date = "approved", date(2026, 11, 20)
    act.publication_date = date(2026, 11, 21)
    notify(ObjectModifiedEvent(act))
    decisions.decide(act, "name:Jean Dupont", "mask")
    decisions.release_annex(act, plan.UID(), "Plan public")
    return act


def copy_as(user, source, target):
    with api.env.adopt_user(username=user):
        return api.content.copy(source=source, target=target, safe_id=True)


def brain(obj):
    catalog = api.portal.get_tool("portal_catalog")
    [found] = catalog.unrestrictedSearchResults(UID=obj.UID())
    return found


def queue_entry(obj):
    catalog = api.portal.get_tool("portal_catalog")
    return catalog._catalog.getIndex(QUEUE_INDEX).getEntryForObject(brain(obj).getRID())


def history(obj, workflow):
    return obj.workflow_history[workflow]


def assert_refused_to(user, how, operation, *expected):
    """Staff may not delete from the register or the folder: a cut is refused
    by permission before the rule (REST gives the rule's reason first)."""
    if how == "cut and paste" and user != ADMIN:
        with pytest.raises(Unauthorized):
            operation()
    else:
        assert_refused(operation, *expected)


def assert_refused(operation, *expected):
    with pytest.raises(BadRequest) as refused:
        operation()
    for text in expected:
        assert text in str(refused.value)
    assert transaction.get().isDoomed()


# Copies start as new drafts


@pytest.mark.parametrize("user", (SECRETARY, ADMIN))
def test_a_copy_of_a_numbered_act_is_a_clean_draft(portal, user):
    act = numbered_act_with_everything(portal)
    register = portal["namur"]["actes"]
    copy = copy_as(user, act, register)
    assert copy.UID() != act.UID()
    assert copy.number is None
    assert api.content.get_state(copy) == "draft"
    [start] = history(copy, "municipal_act_workflow")
    assert start["review_state"] == "draft" and start["action"] is None
    for name in (
        "session_date",
        "members_present",
        "votes_for",
        "transmission_date",
        "tutelle_receipt_date",
        "tutelle_deadline",
        "tutelle_outcome",
        "tutelle_outcome_date",
        "publication_date",
        "binding_date",
    ):
        assert getattr(copy, name) is None, name
    assert copy.tutelle_extension_days == 0
    # The content is kept: that is what the copy is for.
    assert copy.listCreators() == (user,)
    assert copy.title == act.title and copy.matter == act.matter
    assert copy.tutelle_regime == "approval"
    # No stored deliberation, no publication decisions; the plan stays.
    assert stored_pdf(copy) is None
    assert STORED_PDF_KEY not in IAnnotations(copy)
    assert decisions.finding_decisions(copy) == {} and decisions.annex_releases(copy) == {}
    assert [child.annex_category for child in copy.objectValues()] == ["plan"]
    found = brain(copy)
    assert found.review_state == "draft" and not found.number
    # The original keeps everything.
    assert api.content.get_state(act) == "transmitted"
    assert act.number and stored_pdf(act) is not None and act.tutelle_outcome == "approved"
    catalog = api.portal.get_tool("portal_catalog")
    assert len(catalog.unrestrictedSearchResults(number=act.number)) == 1


def test_adopting_the_copy_takes_the_next_number(portal):
    act = numbered_act_with_everything(portal)
    copy = copy_as(SECRETARY, act, portal["namur"]["actes"])
    year, body, sequence = numbering.parse_reference(act.number)
    copy.session_date = SESSION
    do_transition(copy, "namur-chef-finances", "propose")
    do_transition(copy, SECRETARY, "validate")
    do_transition(copy, SECRETARY, "adopt")
    assert copy.number == numbering.format_reference(year, body, sequence + 1)
    assert numbering.last_number(portal["namur"], "act", year, body) == sequence + 1
    assert brain(copy).number == copy.number


def received_dossier_with_everything(portal):
    dossier = build_dossier(portal, received_date=date(2026, 3, 2), extension_days=30)
    do_transition(dossier, AGENT, "receive")
    dossier.missing_pieces = ["Plan d'implantation"]
    do_transition(dossier, AGENT, "declare_incomplete")
    dossier.permit_platform_reference = "PU-2026-NAM-000001"
    dossier.permit_notification_id = "NOTIF-1"
    annex(dossier, "Décision signée", "decision")
    annex(dossier, "Formulaire", "application")
    notify(ObjectModifiedEvent(dossier))
    return dossier


@pytest.mark.parametrize("user", (AGENT, ADMIN))
def test_a_copy_of_a_received_case_file_is_a_clean_draft(portal, user):
    dossier = received_dossier_with_everything(portal)
    assert dossier.reference and dossier.completion_limit
    copy = copy_as(user, dossier, portal["namur"]["dossiers"])
    assert copy.reference is None
    assert api.content.get_state(copy) == "draft"
    assert len(history(copy, "municipal_dossier_workflow")) == 1
    for name in (
        "received_date",
        "incompleteness_date",
        "completeness_deadline",
        "decision_deadline",
        "completion_limit",
        "decision",
        "permit_platform_reference",
        "permit_notification_id",
    ):
        assert getattr(copy, name) is None, name
    assert copy.missing_pieces == [] and copy.extension_days == 0
    assert copy.applicants == dossier.applicants
    assert [child.annex_category for child in copy.objectValues()] == ["application"]
    found = brain(copy)
    assert found.review_state == "draft" and not found.reference
    # The dashboard's queue has the copy as a draft without a deadline.
    entry = queue_entry(copy)
    assert entry["state"] == "draft" and entry["day"] == NO_DEADLINE
    assert queue_entry(dossier)["state"] == "incomplete"


def test_receiving_the_copy_takes_the_next_reference(portal):
    dossier = received_dossier_with_everything(portal)
    copy = copy_as(AGENT, dossier, portal["namur"]["dossiers"])
    year, procedure, sequence = numbering.parse_reference(dossier.reference)
    copy.received_date = date(year, 3, 9)
    do_transition(copy, AGENT, "receive")
    assert copy.reference == numbering.format_reference(year, procedure, sequence + 1)
    assert numbering.last_number(portal["namur"], "dossier", year, procedure) == sequence + 1


def test_a_copied_folder_copies_acts_as_drafts(portal):
    """Events reach the acts inside a copied container too."""
    act = adopted_act(portal)
    # A Manager copies the whole register into its municipality.
    register = portal["namur"]["actes"]
    with api.env.adopt_roles(["Manager"]):
        copied = api.content.copy(source=register, target=portal["namur"], safe_id=True)
    twin = copied[act.getId()]
    assert twin.number is None and api.content.get_state(twin) == "draft"


# Numbered acts and received case files stay where they are


def _moves(obj):
    parent = obj.aq_parent
    return {
        "rename (plone.api)": lambda: api.content.rename(obj=obj, new_id="renamed"),
        "manage_renameObject": lambda: parent.manage_renameObject(obj.getId(), "renamed"),
        "cut and paste": lambda: parent.manage_pasteObjects(
            parent.manage_cutObjects([obj.getId()])
        ),
    }


@pytest.mark.parametrize("user", (SECRETARY, ADMIN))
@pytest.mark.parametrize("how", ("rename (plone.api)", "manage_renameObject", "cut and paste"))
def test_a_numbered_act_is_neither_moved_nor_renamed(portal, user, how):
    act = adopted_act(portal)
    with api.env.adopt_user(username=user):
        assert_refused_to(user, how, _moves(act)[how], act.number, "ni déplacé ni renommé")
    assert act.getId() in portal["namur"]["actes"].objectIds()


@pytest.mark.parametrize("user", (AGENT, ADMIN))
@pytest.mark.parametrize("how", ("rename (plone.api)", "manage_renameObject", "cut and paste"))
def test_a_received_case_file_is_neither_moved_nor_renamed(portal, user, how):
    dossier = build_dossier(portal, received_date=date(2026, 3, 2))
    do_transition(dossier, AGENT, "receive")
    with api.env.adopt_user(username=user):
        assert_refused_to(user, how, _moves(dossier)[how], dossier.reference)


def test_a_container_of_numbered_acts_is_not_renamed(portal):
    act = adopted_act(portal)
    with api.env.adopt_roles(["Manager"]):
        assert_refused(
            lambda: api.content.rename(obj=portal["namur"]["actes"], new_id="registre"),
            "figure au registre",
        )
    assert act.number


def test_a_draft_case_file_may_be_renamed_in_its_folder(portal):
    dossier = build_dossier(portal, title="Véranda")
    with api.env.adopt_user(username=AGENT):
        api.content.rename(obj=dossier, new_id="veranda-rue-haute")
    assert "veranda-rue-haute" in portal["namur"]["dossiers"]
    assert not transaction.get().isDoomed()


# Nothing crosses a municipality's boundary


@pytest.mark.parametrize("kind", ("draft act", "draft case file"))
def test_admins_move_nothing_to_another_municipality(portal, kind):
    if kind == "draft act":
        obj, target = build_act(portal), portal["gembloux"]["actes"]
    else:
        obj, target = build_dossier(portal), portal["gembloux"]["dossiers"]
    with api.env.adopt_user(username=ADMIN):
        assert_refused(lambda: api.content.move(source=obj, target=target), obj.Title())
    assert obj.getId() in obj.aq_parent.objectIds()
    assert not target.objectIds() or obj.getId() not in target.objectIds()


def test_admins_move_no_annex_out_of_a_municipality(portal):
    source = annex(build_dossier(portal), "Plan", "plan")
    target = build_dossier(portal, municipality="gembloux")
    for destination in (target, portal):
        with api.env.adopt_user(username=ADMIN):
            move = lambda to=destination: api.content.move(source=source, target=to)  # noqa: E731
            assert_refused(move, "Plan")
        assert source.getId() in source.aq_parent.objectIds()


def test_admins_copy_nothing_to_another_municipality(portal):
    """A copy carries the content (applicants, personal data) with it."""
    dossier = build_dossier(portal)
    with api.env.adopt_user(username=ADMIN):
        assert_refused(
            lambda: api.content.copy(source=dossier, target=portal["gembloux"]["dossiers"]),
            dossier.Title(),
        )


# Adding and removing are not moves


def test_adding_with_a_temporary_id_still_works(portal):
    """plone.api creates without an id under a random one, then renames it."""
    with api.env.adopt_user(username=AGENT):
        dossier = api.content.create(
            container=portal["namur"]["dossiers"],
            type="Dossier",
            title="Abri de jardin",
            responsible_service="urbanisme",
        )
    assert dossier.getId() == "abri-de-jardin"
    assert not transaction.get().isDoomed()


def test_a_new_municipality_is_created_and_deleted(portal):
    with api.env.adopt_user(username=ADMIN):
        municipality = api.content.create(
            container=portal,
            type="Municipality",
            id="ciney",
            title="Ciney",
            ins_code="91030",
            bce_number="0207.344.329",
            services=[{"id": "finances", "title": "Finances"}],
        )
        build_act(portal, municipality="ciney", user=ADMIN)
        api.content.delete(municipality)
    assert "ciney" not in portal.objectIds()
    assert not transaction.get().isDoomed()


# Over REST


def rest_adopt(api_as, url):
    agent = api_as("namur-agent-finances")
    assert agent.patch(url, json={"session_date": SESSION.isoformat()}).status_code == 204
    assert api_as("namur-chef-finances").post(f"{url}/@workflow/propose").status_code == 200
    secretary = api_as(SECRETARY)
    assert secretary.post(f"{url}/@workflow/validate").status_code == 200
    assert secretary.post(f"{url}/@workflow/adopt").status_code == 200
    return secretary.get(url).json()


@pytest.mark.parametrize("login", (SECRETARY, ADMIN))
def test_rest_copy_is_a_draft_and_adopting_it_takes_the_next_number(
    functional_portal, api_as, login
):
    act = adopted_act(functional_portal)
    store_deliberation(act)
    transaction.commit()
    response = api_as(login).post("/namur/actes/@copy", json={"source": act.UID()})
    assert response.status_code == 200, response.text
    [copied] = response.json()
    body = api_as(login).get(copied["target"]).json()
    assert body["number"] is None and body["review_state"] == "draft"
    assert body["session_date"] is None and body["tutelle_outcome"] is None
    assert [item["annex_category"] for item in body["items"]] == []
    year, series, sequence = numbering.parse_reference(act.number)
    adopted = rest_adopt(api_as, copied["target"])
    assert adopted["number"] == numbering.format_reference(year, series, sequence + 1)


def test_rest_copy_of_a_received_case_file_then_receipt(functional_portal, api_as):
    dossier = build_dossier(functional_portal, received_date=date(2026, 3, 2))
    do_transition(dossier, AGENT, "receive")
    transaction.commit()
    agent = api_as(AGENT)
    response = agent.post("/namur/dossiers/@copy", json={"source": dossier.UID()})
    assert response.status_code == 200, response.text
    url = response.json()[0]["target"]
    body = agent.get(url).json()
    assert body["reference"] is None and body["review_state"] == "draft"
    assert body["received_date"] is None and body["decision_deadline"] is None
    assert agent.post(f"{url}/@workflow/receive").status_code == 200
    year, procedure, sequence = numbering.parse_reference(dossier.reference)
    reference = agent.get(url).json()["reference"]
    received_year = int(reference.split("/")[0])
    if received_year == year:
        assert reference == numbering.format_reference(year, procedure, sequence + 1)
    assert reference != dossier.reference


@pytest.mark.parametrize(
    "login,target", ((SECRETARY, "namur"), (ADMIN, "namur"), (ADMIN, "gembloux"))
)
def test_rest_move_of_a_numbered_act_is_refused_with_the_reason(
    functional_portal, api_as, login, target
):
    act = adopted_act(functional_portal)
    transaction.commit()
    response = api_as(login).post(f"/{target}/actes/@move", json={"source": act.UID()})
    assert response.status_code == 400, response.text
    message = response.json()["message"]
    assert act.number in message and "ni déplacé ni renommé" in message
    transaction.abort()
    assert act.getId() in functional_portal["namur"]["actes"].objectIds()
    assert not functional_portal["gembloux"]["actes"].objectIds() or (
        act.getId() not in functional_portal["gembloux"]["actes"].objectIds()
    )


def test_rest_patch_of_the_id_is_refused_and_does_not_rename(functional_portal, api_as):
    """Refused with the reason (see test_patch_id.py), never a silent 204."""
    act = adopted_act(functional_portal)
    transaction.commit()
    response = api_as(ADMIN).patch(f"/namur/actes/{act.getId()}", json={"id": "renamed"})
    assert response.status_code == 400, response.text
    assert "@move" in response.json()["message"]
    transaction.abort()
    assert act.getId() in functional_portal["namur"]["actes"].objectIds()
    assert "renamed" not in functional_portal["namur"]["actes"].objectIds()


def test_rest_move_and_copy_across_municipalities_are_refused_for_admins(functional_portal, api_as):
    act = build_act(functional_portal, title="Projet de convention")
    transaction.commit()
    admin = api_as(ADMIN)
    for service in ("@move", "@copy"):
        response = admin.post(f"/gembloux/actes/{service}", json={"source": act.UID()})
        assert response.status_code == 400, response.text
        assert "Projet de convention" in response.json()["message"]
    transaction.abort()
    assert "projet-de-convention" not in functional_portal["gembloux"]["actes"].objectIds()
    assert "projet-de-convention" in functional_portal["namur"]["actes"].objectIds()


def test_rest_adding_still_works(api_as):
    response = api_as(AGENT).post(
        "/namur/dossiers",
        json={
            "@type": "Dossier",
            "title": "Abri de jardin",
            "responsible_service": "urbanisme",
            "applicants": [PERSON],
        },
    )
    assert response.status_code == 201, response.text
    assert response.json()["@id"].endswith("/namur/dossiers/abri-de-jardin")


# In the browser (Plone classic UI)


def browser_as(app, login):
    browser = Browser(app)
    browser.handleErrors = False
    browser.addHeader("Authorization", f"Basic {login}:demo")
    return browser


def authenticator(browser) -> str:
    return re.search(r"_authenticator=([0-9a-f]+)", browser.contents).group(1)


def test_browser_copy_paste_gives_a_new_draft(functional_app, functional_portal):
    act = adopted_act(functional_portal)
    store_deliberation(act)
    transaction.commit()
    register = functional_portal["namur"]["actes"]
    before = set(register.objectIds())
    browser = browser_as(functional_app, SECRETARY)
    browser.open(act.absolute_url())
    token = authenticator(browser)
    browser.open(f"{act.absolute_url()}/object_copy?_authenticator={token}")
    browser.open(f"{register.absolute_url()}/object_paste?_authenticator={token}")
    transaction.abort()
    [new_id] = set(register.objectIds()) - before
    copy = register[new_id]
    assert copy.number is None and api.content.get_state(copy) == "draft"
    assert stored_pdf(copy) is None and not copy.objectIds()


@pytest.mark.parametrize("target", ("namur", "gembloux"))
def test_browser_cut_paste_of_a_numbered_act_is_refused_for_admins(
    functional_app, functional_portal, target
):
    act = adopted_act(functional_portal)
    transaction.commit()
    register = functional_portal["namur"]["actes"]
    browser = browser_as(functional_app, ADMIN)
    browser.open(f"{register.absolute_url()}/folder_contents")
    token = authenticator(browser)
    # Nobody may delete a numbered act, so its page offers no « Cut »; the
    # folder contents' « Cut » asks for « Copy or Move » only.
    browser.post(
        f"{register.absolute_url()}/@@fc-cut",
        urlencode({"selection": json.dumps([act.UID()]), "_authenticator": token}),
    )
    assert json.loads(browser.contents)["status"] == "success"
    folder = functional_portal[target]["actes"].absolute_url()
    browser.open(f"{folder}/object_paste?_authenticator={token}")
    # Back to the folder, with the reason.
    assert browser.url == folder
    assert act.number in browser.contents and "ni déplacé ni renommé" in browser.contents
    transaction.abort()
    assert act.getId() in register.objectIds()


def test_folder_contents_paste_of_a_numbered_act_says_why(functional_app, functional_portal):
    """Folder contents' « Paste » answers its message with the reason (it
    showed a generic error)."""
    act = adopted_act(functional_portal)
    transaction.commit()
    register = functional_portal["namur"]["actes"]
    browser = browser_as(functional_app, ADMIN)
    browser.open(f"{register.absolute_url()}/folder_contents")
    token = authenticator(browser)
    browser.post(
        f"{register.absolute_url()}/@@fc-cut",
        urlencode({"selection": json.dumps([act.UID()]), "_authenticator": token}),
    )
    folder = functional_portal["gembloux"]["actes"]
    browser.post(
        f"{folder.absolute_url()}/@@fc-paste",
        urlencode({"folder": "/gembloux/actes", "_authenticator": token}),
    )
    answer = json.loads(browser.contents)
    assert answer["status"] == "warning"
    assert act.number in answer["msg"] and "ni déplacé ni renommé" in answer["msg"]
    transaction.abort()
    assert act.getId() in register.objectIds()


def test_folder_contents_rename_of_a_numbered_act_says_why(functional_app, functional_portal):
    act = adopted_act(functional_portal)
    transaction.commit()
    register = functional_portal["namur"]["actes"]
    browser = browser_as(functional_app, ADMIN)
    browser.open(f"{register.absolute_url()}/folder_contents")
    form = {"UID_0": act.UID(), "newid_0": "renamed", "newtitle_0": act.Title()}
    form["_authenticator"] = authenticator(browser)
    browser.post(f"{register.absolute_url()}/@@fc-rename", urlencode(form))
    answer = json.loads(browser.contents)
    assert answer["status"] == "warning"
    assert act.number in answer["msg"] and "ni déplacé ni renommé" in answer["msg"]
    transaction.abort()
    assert act.getId() in register.objectIds()


def test_browser_rename_of_a_numbered_act_is_refused_for_admins(functional_app, functional_portal):
    act = adopted_act(functional_portal)
    transaction.commit()
    browser = browser_as(functional_app, ADMIN)
    browser.open(f"{act.absolute_url()}/@@object_rename")
    # Not offered: back to the act, with the reason.
    assert browser.url == act.absolute_url()
    assert act.number in browser.contents and "ni déplacé ni renommé" in browser.contents
    transaction.abort()
    assert act.getId() in functional_portal["namur"]["actes"].objectIds()


def test_browser_rename_of_a_draft_act_still_works(functional_app, functional_portal):
    act = build_act(functional_portal, title="Brouillon de convention")
    transaction.commit()
    browser = browser_as(functional_app, "namur-agent-finances")
    browser.open(f"{act.absolute_url()}/@@object_rename")
    browser.getControl(name="form.widgets.new_id").value = "convention-2027"
    browser.getControl(name="form.buttons.Rename").click()
    transaction.abort()
    assert "convention-2027" in functional_portal["namur"]["actes"].objectIds()


def test_browser_paste_across_municipalities_is_refused_for_admins(
    functional_app, functional_portal
):
    dossier = build_dossier(functional_portal, title="Brouillon de permis")
    transaction.commit()
    browser = browser_as(functional_app, ADMIN)
    browser.open(dossier.absolute_url())
    token = authenticator(browser)
    browser.open(f"{dossier.absolute_url()}/object_copy?_authenticator={token}")
    folder = functional_portal["gembloux"]["dossiers"].absolute_url()
    browser.open(f"{folder}/object_paste?_authenticator={token}")
    assert "reste dans sa commune" in browser.contents
    transaction.abort()
    assert "brouillon-de-permis" not in functional_portal["gembloux"]["dossiers"].objectIds()
