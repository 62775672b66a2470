"""The demo shared projects: one active, one waiting for Namur's council."""

from decimal import Decimal
from imio.municipal.demo.projects import create_demo_projects
from imio.municipal.demo.projects import PROJECTS
from plone import api


def projects(portal):
    return {obj.Title(): obj for obj in portal["shared-projects"].objectValues()}


def test_the_demo_has_both_projects_in_their_states(portal):
    found = projects(portal)
    for spec in PROJECTS:
        assert api.content.get_state(found[spec.title]) == spec.state


def test_the_amounts_add_up_to_each_budget(portal):
    for project in projects(portal).values():
        amounts = project.share_amounts()
        assert sum(row.amount for row in amounts) == project.budget_total
        assert len(amounts) == 2


def test_the_energy_project_waits_for_namur(portal):
    energy = projects(portal)["Centrale d'achat d'énergie Gembloux – Namur"]
    assert energy.missing_approvals() == ["92094"]
    cycle = projects(portal)["Liaison cyclable Namur – Gembloux"]
    assert cycle.missing_approvals() == []
    assert cycle.next_milestone().title == "Étude d'avant-projet"
    assert cycle.budget_total == Decimal("2480000.00")
    assert "convention-de-partenariat" in cycle


def test_running_the_demo_again_creates_nothing(portal):
    with api.env.adopt_roles(["Manager"]):
        assert create_demo_projects(portal) == 0
