"""An adopted act changes only through the correction, for every role; the
tutelle authority's answers are typed only where the procedure says."""

from datetime import date
from imio.municipal.acts.entry import check_answer_entry
from imio.municipal.acts.entry import FROZEN_STATES
from imio.municipal.core.calendar import belgian_today
from imio.municipal.demo.builders import adopt_council_act
from imio.municipal.demo.builders import build_act
from imio.municipal.demo.builders import do_transition
from imio.municipal.demo.builders import executory_act
from imio.municipal.demo.builders import store_deliberation
from imio.municipal.exchange import outbox
from imio.municipal.platform.validators import MunicipalValidationError
from plone import api
from z3c.form.interfaces import DISPLAY_MODE
from z3c.form.interfaces import INPUT_MODE

import pytest


SESSION = "2026-10-26"
ACT = {
    "@type": "Act",
    "title": "Règlement-taxe sur les secondes résidences",
    "kind": "deliberation",
    "body": "conseil",
    "matter": "tax_regulation",
    "responsible_service": "finances",
    "session_date": SESSION,
    "decision": {"data": "<p>Article 1er : ...</p>", "content-type": "text/html"},
}
ADMINS = ("admin", "platform-admin")


@pytest.fixture
def adopted_url(api_as):
    response = api_as("namur-agent-finances").post("/namur/actes", json=ACT)
    assert response.status_code == 201, response.text
    url = response.json()["@id"]
    assert api_as("namur-chef-finances").post(f"{url}/@workflow/propose").status_code == 200
    secretary = api_as("namur-secretaire")
    assert secretary.post(f"{url}/@workflow/validate").status_code == 200
    assert secretary.post(f"{url}/@workflow/adopt").status_code == 200
    return url


def message(response) -> str:
    assert response.status_code == 400, response.text
    body = response.json()
    return body.get("message") or body["error"]["message"]


@pytest.mark.parametrize("login", (*ADMINS, "namur-secretaire"))
@pytest.mark.parametrize(
    "change",
    [
        {"decision": {"data": "<p>Autre décision</p>", "content-type": "text/html"}},
        {"session_date": "2026-10-27"},
        {"title": "Autre titre"},
    ],
)
def test_nobody_patches_an_adopted_act(api_as, adopted_url, login, change):
    before = api_as("namur-secretaire").get(adopted_url).json()
    reason = message(api_as(login).patch(adopted_url, json=change))
    assert next(iter(change)) in reason
    after = api_as("namur-secretaire").get(adopted_url).json()
    for name in ("title", "session_date", "decision", "modified"):
        assert after[name] == before[name], name


@pytest.mark.parametrize("login", ADMINS)
def test_admins_still_write_a_draft(api_as, login):
    url = api_as("namur-agent-finances").post("/namur/actes", json=ACT).json()["@id"]
    response = api_as(login).patch(url, json={"session_date": "2026-10-27"})
    assert response.status_code == 204, response.text
    assert api_as(login).get(url).json()["session_date"] == "2026-10-27"


def test_frozen_states_are_those_the_workflow_freezes_for_the_staff(portal):
    """Every state where no municipal role may edit the content is frozen."""
    workflow = api.portal.get_tool("portal_workflow")["municipal_act_workflow"]
    admins = {"Manager", "Site Administrator"}
    frozen = {
        state_id
        for state_id, state in workflow.states.items()
        if not set(state.getPermissionInfo("imio.municipal: Edit act content")["roles"]) - admins
    }
    assert frozen == set(FROZEN_STATES)


def edit_widgets(act, login) -> dict:
    """The edit form's widgets, by name, as ``login`` sees them."""
    as_user = api.env.adopt_roles(["Manager"]) if login == "admin" else api.env.adopt_user(login)
    with as_user:
        form = act.restrictedTraverse("@@edit").form_instance
        form.update()
        widgets = dict(form.widgets.items())
        for group in form.groups:
            widgets.update(group.widgets.items())
        return widgets


@pytest.mark.parametrize("login", (*ADMINS, "namur-secretaire"))
def test_the_edit_form_shows_the_frozen_content_read_only(portal, login):
    act = adopt_council_act(portal)
    widgets = edit_widgets(act, login)
    for name in ("IBasic.title", "decision", "session_date", "votes_for", "signatories"):
        assert widgets[name].mode == DISPLAY_MODE, name
    # The tutelle block stays the secretariat's to fill.
    assert widgets["transmission_date"].mode == INPUT_MODE
    # A draft's form is unchanged (the modes are not left on shared fields).
    draft = build_act(portal, title="Brouillon")
    assert edit_widgets(draft, login)["decision"].mode == INPUT_MODE


def test_no_answer_of_the_authority_before_transmission(api_as, adopted_url):
    secretary = api_as("namur-secretaire")
    response = secretary.post("/namur/actes", json={**ACT, "tutelle_receipt_date": "2026-10-28"})
    assert "tutelle_receipt_date" in message(response)
    for login in ("namur-secretaire", *ADMINS):
        for change in (
            {"tutelle_receipt_date": "2026-10-28"},
            {"tutelle_outcome": "approved", "tutelle_outcome_date": "2026-11-02"},
        ):
            assert next(iter(change)) in message(api_as(login).patch(adopted_url, json=change))
    body = secretary.get(adopted_url).json()
    assert body["tutelle_receipt_date"] is None and body["tutelle_outcome"] is None


@pytest.mark.parametrize(
    "change,reason",
    [
        ({"tutelle_receipt_date": "2030-01-02"}, "02/01/2030"),  # in the future
        ({"tutelle_receipt_date": "2000-01-03"}, SESSION),  # before the session
        ({"transmission_date": "2026-10-01"}, SESSION),
        (
            {"tutelle_receipt_date": "2026-10-28", "tutelle_outcome_date": "2026-10-27"},
            "2026-10-28",
        ),
    ],
)
def test_the_answer_dates_follow_the_session(api_as, adopted_url, change, reason):
    secretary = api_as("namur-secretaire")
    assert secretary.post(f"{adopted_url}/@store-deliberation").status_code == 201
    assert secretary.post(f"{adopted_url}/@workflow/transmit").status_code == 200
    before = secretary.get(adopted_url).json()
    assert reason in message(secretary.patch(adopted_url, json=change))
    after = secretary.get(adopted_url).json()
    for name in ("transmission_date", "tutelle_receipt_date", "tutelle_outcome_date"):
        assert after[name] == before[name]
    # A receipt the authority gave after the session is recorded.
    response = secretary.patch(
        adopted_url, json={"transmission_date": "2026-10-27", "tutelle_receipt_date": "2026-10-28"}
    )
    assert response.status_code == 204, response.text


def test_an_act_without_tutelle_gets_no_answer(portal):
    act = executory_act(portal)
    assert act.transmission_date is None
    with pytest.raises(MunicipalValidationError):
        check_answer_entry(act, "tutelle_outcome", "approved")


def test_what_the_region_sends_is_not_typed_ahead_of_it(portal):
    act = adopt_council_act(portal, matter="tax_regulation", session_date=date(2026, 10, 26))
    store_deliberation(act)
    do_transition(act, "namur-secretaire", "transmit")  # a package, deposited by hand
    received = date(2026, 10, 28)
    check_answer_entry(act, "tutelle_receipt_date", received)  # deposited by hand: typed
    outbox.enqueue(
        portal,
        target="etutelle",
        ins_code="92094",
        obj_uid=api.content.get_uuid(act),
        obj_path="/".join(act.getPhysicalPath()),
        obj_title=act.Title(),
        transport="http",
        payload=b"<m/>",
        media_type="application/zip",
        filename="act.zip",
    )
    for name, value in (("tutelle_receipt_date", received), ("tutelle_outcome", "approved")):
        with pytest.raises(MunicipalValidationError) as refused:
            check_answer_entry(act, name, value)
        assert "e-Tutelle" in refused.value.message.default
    # Once the region's value is in, sending it back unchanged is fine.
    act.tutelle_receipt_date = received
    check_answer_entry(act, "tutelle_receipt_date", received)
    assert belgian_today() >= received
