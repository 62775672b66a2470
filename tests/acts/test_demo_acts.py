"""The demo acts: about twenty, French, in every state, gapless numbers."""

from collections import defaultdict
from imio.municipal.acts import tutelle
from imio.municipal.acts.tutelle_deadlines import tutelle_deadline
from imio.municipal.core.calendar import belgian_today
from imio.municipal.core.calendar import urgency
from imio.municipal.demo.acts import ACTS
from imio.municipal.demo.acts import create_demo_acts
from imio.municipal.platform import numbering
from plone import api

import pytest


STATES = (
    "draft",
    "proposed",
    "validated",
    "postponed",
    "refused",
    "adopted",
    "transmitted",
    "executory",
    "annulled",
)
TAX = "Règlement-taxe sur les secondes résidences — exercices 2026 à 2031"
FRENCH_WORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "à", "au", "aux", "sur"}


@pytest.fixture
def acts(portal):
    """The acts of demo_acts (other demo modules add acts of their own)."""
    titles = {spec.title for spec in ACTS}
    found = []
    for city in ("namur", "gembloux"):
        found.extend(
            obj
            for obj in portal[city]["actes"].objectValues()
            if obj.portal_type == "Act" and obj.Title() in titles
        )
    return found


def by_title(acts, title):
    matches = [act for act in acts if act.Title() == title]
    assert len(matches) == 1, title
    return matches[0]


def test_about_twenty_acts_in_both_municipalities(acts):
    assert 18 <= len(acts) <= 25
    cities = defaultdict(int)
    for act in acts:
        cities[act.aq_parent.aq_parent.getId()] += 1
    assert cities["namur"] > cities["gembloux"] >= 3


def test_every_state_up_to_executory(acts):
    states = defaultdict(list)
    for act in acts:
        states[api.content.get_state(act)].append(act)
    assert set(STATES) <= set(states), sorted(states)
    executory = states["executory"]
    regimes = {act.tutelle_regime for act in executory}
    assert {tutelle.NONE, tutelle.GENERAL, tutelle.APPROVAL} <= regimes
    approved = [act for act in executory if act.tutelle_regime == tutelle.APPROVAL]
    assert all(act.tutelle_outcome == "approved" and act.tutelle_outcome_date for act in approved)


def test_numbers_are_unique_and_gapless_per_body_and_year(acts):
    series = defaultdict(list)
    for act in acts:
        state = api.content.get_state(act)
        numbered = state in ("adopted", "transmitted", "executory", "published", "annulled")
        assert bool(act.number) is numbered, (act.Title(), state, act.number)
        if not act.number:
            continue
        year, body, sequence = numbering.parse_reference(act.number)
        assert body == act.body
        assert year == act.session_date.year
        city = act.aq_parent.aq_parent.getId()
        series[(city, body, year)].append(sequence)
    assert series
    for key, sequences in series.items():
        assert sorted(sequences) == list(range(1, len(sequences) + 1)), (key, sequences)


def test_french_titles_and_texts(acts):
    for act in acts:
        words = set(act.Title().lower().replace("'", " ").replace("’", " ").split())
        assert words & FRENCH_WORDS, act.Title()
        assert act.motivation.raw.startswith("<p>Vu "), act.Title()
        assert "Considérant" in act.motivation.raw, act.Title()
        assert "<strong>Article 1er</strong> :" in act.decision.raw, act.Title()
        assert act.legal_basis
        assert act.signatories
        assert act.responsible_service in ("secretariat", "urbanisme", "travaux", "finances")


def test_votes_add_up_and_sessions_are_past(acts):
    today = belgian_today()
    for act in acts:
        if act.session_date is not None:
            assert act.session_date <= today, act.Title()
        if act.unanimity:
            assert not act.votes_against and not act.votes_abstention
        elif act.members_present is not None:
            total = act.votes_for + act.votes_against + act.votes_abstention
            assert total == act.members_present, act.Title()


def test_approval_tutelle_awaiting_with_deadlines(acts):
    today = belgian_today()
    awaiting = [
        act
        for act in acts
        if api.content.get_state(act) == "transmitted" and act.tutelle_regime == "approval"
    ]
    assert awaiting
    urgencies = set()
    for act in awaiting:
        assert act.transmission_date and act.tutelle_receipt_date
        assert act.tutelle_deadline == tutelle_deadline("approval", act.tutelle_receipt_date)
        urgencies.add(urgency(act.tutelle_deadline, today))
    assert {"soon", "overdue"} <= urgencies


def test_tax_regulation_is_under_approval(acts):
    tax = by_title(acts, TAX)
    assert tax.matter == "tax_regulation"
    assert tax.tutelle_regime == "approval"
    assert tax.number.split("/")[1] == "conseil"


def test_the_annulled_act_records_the_outcome(acts):
    annulled = [act for act in acts if api.content.get_state(act) == "annulled"]
    assert len(annulled) == 1
    assert annulled[0].tutelle_outcome in ("annulled", "not_approved")
    assert annulled[0].tutelle_outcome_date


def test_related_case_files(acts):
    act = by_title(acts, "Permis d'urbanisation « Les Hauts de Wépion » : octroi du permis")
    assert act.related_dossier.to_object.Title() == "Permis d'urbanisation « Les Hauts de Wépion »"


def test_the_secretary_finds_them_in_the_catalog(portal):
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(portal["namur"]["actes"].getPhysicalPath())
    with api.env.adopt_user(username="namur-secretaire"):
        found = catalog(portal_type="Act", path=path, SearchableText="secondes résidences*")
        awaiting = catalog(portal_type="Act", path=path, review_state="transmitted")
    assert [brain.Title for brain in found] == [TAX]
    assert len(awaiting) >= 2
    assert all(brain.tutelle_deadline for brain in awaiting)


def test_idempotent(portal, acts):
    assert create_demo_acts(portal) == 0
    assert len(ACTS) == len(acts)


def test_authors_and_the_secretariat_acts(acts):
    for act in acts:
        city = act.aq_parent.aq_parent.getId()
        service = act.responsible_service
        if service == "secretariat":
            author = f"{city}-secretaire"
            # The role lent for "propose" was taken back; ownership was kept.
            assert act.get_local_roles_for_userid(author) == ("Owner",), act.Title()
        else:
            author = f"{city}-agent-{service}"
        assert act.Creator() == author, act.Title()
        history = act.workflow_history["municipal_act_workflow"]
        proposers = [entry["actor"] for entry in history if entry["action"] == "propose"]
        head = f"{city}-secretaire" if service == "secretariat" else f"{city}-chef-{service}"
        assert proposers in ([], [head]), (act.Title(), proposers)
