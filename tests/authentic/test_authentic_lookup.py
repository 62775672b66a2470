"""Looking up applicants in the authentic sources: always in a case file, for
a purpose the municipality is authorised for, recorded and announced."""

from imio.municipal.authentic import lookup
from imio.municipal.authentic.answers import SourceFailure
from imio.municipal.authentic.answers import UnknownNumber
from imio.municipal.authentic.authorisations import authorisations
from imio.municipal.authentic.interfaces import IAuthenticSourceLookup
from imio.municipal.demo.builders import build_dossier
from imio.municipal.demo.builders import do_transition
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.errors import StateRefusal
from imio.municipal.platform.browser.history import workflow_history
from plone import api
from zope.component import getGlobalSiteManager

import pytest


AGENT = "namur-agent-urbanisme"
NAMELESS = {"kind": "person", "name": "À compléter", "niss": "85073003328"}


@pytest.fixture
def events():
    seen = []
    registry = getGlobalSiteManager()
    handler = seen.append
    registry.registerHandler(handler, (IAuthenticSourceLookup,))
    yield seen
    registry.unregisterHandler(handler, (IAuthenticSourceLookup,))


@pytest.fixture
def dossier(portal):
    return build_dossier(portal, applicants=[dict(NAMELESS)])


def as_agent(function, *args, user=AGENT):
    with api.env.adopt_user(username=user):
        return function(*args)


def test_a_lookup_fills_the_row_records_the_history_and_sends_the_event(bced, dossier, events):
    record = as_agent(lookup.lookup, dossier, "person", "85.07.30-033.28", "urbanism-permit")
    as_agent(lookup.fill_row, dossier, 0, "person", record)
    assert dossier.applicants[0]["name"] == "Marie Lambotte"
    assert dossier.applicants[0]["address"] == "Rue de Fer 12, 5000 Namur"
    assert lookup.filled_fields(dossier) == [["address", "name"]]
    entry = workflow_history(dossier, "municipal_dossier_workflow")[0]
    assert entry["action"].default == "Authentic sources consulted"
    assert "85073003328" in entry["comment"]
    assert "registre national" in entry["comment"]
    assert "Instruction des permis et certificats d'urbanisme" in entry["comment"]
    assert [
        (e.object, e.kind, e.number, e.purpose, e.userid, e.outcome, e.municipality) for e in events
    ] == [(dossier, "person", "85073003328", "urbanism-permit", AGENT, "found", "92094")]
    assert bced.requests()[-1]["purpose"] == "urbanism-permit"


def test_a_field_changed_by_hand_is_no_longer_marked(bced, dossier):
    record = as_agent(lookup.lookup, dossier, "person", "85073003328", "urbanism-permit")
    as_agent(lookup.fill_row, dossier, 0, "person", record)
    dossier.applicants = [{**dossier.applicants[0], "address": "Rue Haute 3, 5000 Namur"}]
    assert lookup.filled_fields(dossier) == [["name"]]


def test_an_unknown_number_is_announced_but_fills_nothing(bced, dossier, events):
    with pytest.raises(UnknownNumber):
        as_agent(lookup.lookup, dossier, "person", "65010110177", "urbanism-permit")
    assert [e.outcome for e in events] == ["unknown"]
    assert dossier.applicants[0]["name"] == "À compléter"
    assert lookup.filled_fields(dossier) == [[]]


def test_no_lookup_outside_a_case_file(bced, portal):
    before = len(bced.requests())
    with pytest.raises(StateRefusal):
        as_agent(lookup.lookup, portal["namur"], "person", "85073003328", "urbanism-permit")
    assert len(bced.requests()) == before


def test_the_purpose_must_serve_the_procedure(bced, portal):
    generic = build_dossier(portal, procedure="generic", title="Dossier générique")
    before = len(bced.requests())
    with pytest.raises(InvalidInput):
        as_agent(lookup.lookup, generic, "person", "85073003328", "urbanism-permit")
    assert len(bced.requests()) == before


def test_the_municipality_must_be_authorised_for_the_purpose(bced, portal):
    assert "environment-permit" not in authorisations(portal["gembloux"])
    permit = build_dossier(
        portal, municipality="gembloux", procedure="pe2", title="Permis de classe 2"
    )
    before = len(bced.requests())
    with pytest.raises(NotAllowed) as refused:
        as_agent(
            lookup.lookup,
            permit,
            "person",
            "85073003328",
            "environment-permit",
            user="gembloux-agent-urbanisme",
        )
    assert refused.value.message.mapping["purpose"].startswith("Instruction des permis")
    assert len(bced.requests()) == before


def test_only_who_may_change_the_open_case_file(bced, dossier):
    with pytest.raises(NotAllowed):
        as_agent(
            lookup.lookup, dossier, "person", "85073003328", "urbanism-permit", user="namur-college"
        )
    with pytest.raises(NotAllowed):
        as_agent(
            lookup.lookup,
            dossier,
            "person",
            "85073003328",
            "urbanism-permit",
            user="gembloux-agent-urbanisme",
        )


def test_a_source_failure_changes_nothing(bced, dossier, events):
    bced.fault("down")
    with pytest.raises(SourceFailure) as failed:
        as_agent(lookup.lookup, dossier, "enterprise", "0216689981", "urbanism-permit")
    assert failed.value.status == 503
    assert events == []
    actions = [e["action"] for e in workflow_history(dossier, "municipal_dossier_workflow")]
    assert "history_authentic_lookup_action" not in actions


def test_closed_case_files_are_not_completed(bced, portal, dossier):
    do_transition(dossier, AGENT, "receive")
    assert api.content.get_state(dossier) != "draft"
    # Still open once received: the agent may complete it.
    as_agent(lookup.lookup, dossier, "person", "85073003328", "urbanism-permit")
