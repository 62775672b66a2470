"""The "À traiter" worklist: what waits for a user in a municipality.

Each kind of content contributes through a named `IWorklistProvider`
utility, so acts and plans join the list without touching this module.
"""

from dataclasses import dataclass
from datetime import date
from imio.municipal.platform import naming
from imio.municipal.workflows import act_rules
from imio.municipal.workflows.dossier_states import WORKLIST_STATES
from plone import api
from zope.component import getUtilitiesFor
from zope.interface import implementer
from zope.interface import Interface


@dataclass
class WorkItem:
    url: str
    title: str
    reference: str
    state: str
    deadline: date | None
    reason: str  # "handle", "validate" or "decide"
    workflow: str = "municipal_dossier_workflow"


class IWorklistProvider(Interface):
    def items(municipality, user) -> list:
        """The WorkItems waiting for `user` in `municipality`."""


def functions_of(user, ins_code: str) -> dict[str, set[str]]:
    """{"editors": {services}, "reviewers": {services}, "secretaries": {""}}."""
    functions = {"editors": set(), "reviewers": set(), "secretaries": set()}
    for group_id in [group.getId() for group in api.group.get_groups(user=user)]:
        if group_id == naming.secretaries_group(ins_code):
            functions["secretaries"].add("")
        service = naming.service_of_group(ins_code, group_id)
        if service and group_id.endswith("_editors"):
            functions["editors"].add(service)
        elif service and group_id.endswith("_reviewers"):
            functions["reviewers"].add(service)
    return functions


REASONS = {"editors": "handle", "reviewers": "validate", "secretaries": "decide"}


@implementer(IWorklistProvider)
class DossierWorklist:
    """Files of my services to handle, to propose (heads), to decide (secretariat)."""

    def items(self, municipality, user) -> list[WorkItem]:
        path = "/".join(municipality.getPhysicalPath())
        functions = functions_of(user, municipality.ins_code)
        found = {}
        for function, services in functions.items():
            if not services:
                continue
            query = {
                "portal_type": "Dossier",
                "path": path,
                "review_state": WORKLIST_STATES[function],
                "sort_on": "deadline_sort_key",
            }
            if function != "secretaries":
                query["responsible_service"] = sorted(services)
            for brain in api.content.find(**query):
                found.setdefault(
                    brain.UID,
                    WorkItem(
                        url=brain.getURL(),
                        title=brain.Title,
                        reference=brain.reference or "",
                        state=brain.review_state,
                        deadline=brain.current_deadline,
                        reason=REASONS[function],
                    ),
                )
        return list(found.values())


@implementer(IWorklistProvider)
class ActWorklist:
    """Acts to write (service), to validate, adopt, transmit (secretariat)."""

    def items(self, municipality, user) -> list[WorkItem]:
        path = "/".join(municipality.getPhysicalPath())
        functions = functions_of(user, municipality.ins_code)
        found = {}
        for function, services in functions.items():
            if not services:
                continue
            query = {
                "portal_type": "Act",
                "path": path,
                "review_state": act_rules.WORKLIST_STATES[function],
                "sort_on": "deadline_sort_key",
            }
            if function != "secretaries":
                query["responsible_service"] = sorted(services)
            for brain in api.content.find(**query):
                found.setdefault(
                    brain.UID,
                    WorkItem(
                        url=brain.getURL(),
                        title=brain.Title,
                        reference=brain.number or "",
                        state=brain.review_state,
                        deadline=brain.tutelle_deadline,
                        reason=REASONS[function],
                        workflow="municipal_act_workflow",
                    ),
                )
        return list(found.values())


def worklist(municipality, user) -> list[WorkItem]:
    """Every provider's items, the most urgent first (no deadline last)."""
    items = []
    for _name, provider in getUtilitiesFor(IWorklistProvider):
        items.extend(provider.items(municipality, user))
    return sorted(items, key=lambda item: (item.deadline is None, item.deadline or date.max))
