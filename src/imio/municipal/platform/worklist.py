"""The "À traiter" worklist: what waits for a user in a municipality.

Each kind of content contributes through a named `IWorklistProvider`
utility, so acts and plans join the list without touching this module.
"""

from dataclasses import dataclass
from datetime import date
from imio.municipal.acts import rules as act_rules
from imio.municipal.core.calendar import belgian_today
from imio.municipal.dossiers.queue import search as queue_search
from imio.municipal.dossiers.states import WORKLIST_STATES
from imio.municipal.interfaces import IDossierFolder
from imio.municipal.platform import naming
from plone import api
from zope.component import getUtilitiesFor
from zope.interface import implementer
from zope.interface import Interface

import itertools


@dataclass
class WorkItem:
    url: str
    title: str
    reference: str
    state: str
    deadline: date | None
    reason: str  # "handle", "validate" or "decide"
    workflow: str = "municipal_dossier_workflow"
    portal_type: str = "Dossier"
    # Watched but not the user's move: another body (the Region) acts next.
    waiting: bool = False
    path: str = ""


class IWorklistProvider(Interface):
    def items(municipality, user, limit=None) -> list:
        """The WorkItems waiting for `user` in `municipality`, the `limit`
        most urgent ones (no deadline last) when a limit is given; items
        waiting for someone else are left out."""

    def everything(municipality, user) -> list:
        """Every WorkItem of `user` in `municipality`, waiting ones included
        (optional: `items` without limit stands in for it)."""


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
class ServiceRoutedWorklist:
    """Items of the user's services in the states where they act, and for the
    secretariat the items waiting for it. Subclasses say which type, states,
    reference and deadline."""

    portal_type = ""
    workflow = ""
    states: dict[str, tuple[str, ...]] = {}

    def reference(self, brain) -> str:
        raise NotImplementedError

    def deadline(self, brain):
        raise NotImplementedError

    def waits_for_others(self, brain) -> bool:
        return False

    def everything(self, municipality, user) -> list[WorkItem]:
        return ServiceRoutedWorklist.items(self, municipality, user, None, waiting=True)

    def counts(self, municipality, user) -> dict[tuple[str, str], int]:
        return counts_by_kind(self.items(municipality, user))

    def items(self, municipality, user, limit=None, waiting=False) -> list[WorkItem]:
        path = "/".join(municipality.getPhysicalPath())
        found = {}
        for function, services in functions_of(user, municipality.ins_code).items():
            if not services:
                continue
            query = {
                "portal_type": self.portal_type,
                "path": path,
                "review_state": self.states[function],
                "sort_on": "deadline_sort_key",
            }
            if function != "secretaries":
                query["responsible_service"] = sorted(services)
            if limit is not None:
                query["sort_limit"] = limit
            brains = api.content.find(**query)
            for brain in brains[:limit] if limit is not None else brains:
                item = self.item(brain, REASONS[function])
                if waiting or not item.waiting:
                    found.setdefault(brain.UID, item)
        return most_urgent(found.values(), limit)

    def item(self, brain, reason: str) -> WorkItem:
        return WorkItem(
            url=brain.getURL(),
            title=brain.Title,
            reference=self.reference(brain),
            state=brain.review_state,
            deadline=self.deadline(brain),
            reason=reason,
            workflow=self.workflow,
            portal_type=self.portal_type,
            waiting=self.waits_for_others(brain),
            path=brain.getPath(),
        )


class DossierWorklist(ServiceRoutedWorklist):
    """Files of my services to handle, to propose (heads), to decide
    (secretariat). The most urgent ones come from the dashboard's deadline
    queue: the box costs the same at 1 000 and at 100 000 case files."""

    portal_type = "Dossier"
    workflow = "municipal_dossier_workflow"
    states = WORKLIST_STATES

    def reference(self, brain) -> str:
        return brain.reference or ""

    def deadline(self, brain):
        return brain.current_deadline

    def items(self, municipality, user, limit=None) -> list[WorkItem]:
        catalog = api.portal.get_tool("portal_catalog")
        queue = queue_search.queue_of(catalog)
        if queue is None or limit is None:
            return super().items(municipality, user, limit)
        folders = [
            "/".join(folder.getPhysicalPath())
            for folder in municipality.objectValues()
            if IDossierFolder.providedBy(folder)
        ]
        readers = queue_search.readers_of(catalog, user)
        found = {}
        for function, services in functions_of(user, municipality.ins_code).items():
            if not services:
                continue
            routed = sorted(services) if function != "secretaries" else [None]
            for folder, service in itertools.product(folders, routed):
                query = queue_search.QueueQuery(folder, readers, service, self.states[function])
                for brain in queue_search.most_urgent(catalog, queue, query, limit):
                    found.setdefault(brain.getRID(), self.item(brain, REASONS[function]))
        return most_urgent(found.values(), limit)

    def counts(self, municipality, user) -> dict[tuple[str, str], int]:
        """Counted by the deadline queue (no object, no catalog search); the
        functions' states do not overlap, so no file is counted twice."""
        catalog = api.portal.get_tool("portal_catalog")
        queue = queue_search.queue_of(catalog)
        if queue is None:
            return super().counts(municipality, user)
        folders = [
            "/".join(folder.getPhysicalPath())
            for folder in municipality.objectValues()
            if IDossierFolder.providedBy(folder)
        ]
        readers = queue_search.readers_of(catalog, user)
        counts = {}
        for function, services in functions_of(user, municipality.ins_code).items():
            if not services:
                continue
            routed = sorted(services) if function != "secretaries" else [None]
            for folder, service in itertools.product(folders, routed):
                query = queue_search.QueueQuery(folder, readers, service)
                by_state = queue_search.counts_by_state(queue, query)
                found = sum(by_state.get(state, 0) for state in self.states[function])
                if found:
                    kind = (self.portal_type, REASONS[function])
                    counts[kind] = counts.get(kind, 0) + found
        return counts


class ActWorklist(ServiceRoutedWorklist):
    """Acts to write (service), to validate, adopt, transmit (secretariat)."""

    portal_type = "Act"
    workflow = "municipal_act_workflow"
    states = act_rules.WORKLIST_STATES

    def reference(self, brain) -> str:
        return brain.number or ""

    def deadline(self, brain):
        return brain.tutelle_deadline

    def items(self, municipality, user, limit=None, waiting=False) -> list[WorkItem]:
        # Few acts: filter the waiting ones before the limit, not after.
        found = super().items(municipality, user, None, waiting)
        return most_urgent(found, limit)

    def waits_for_others(self, brain) -> bool:
        """A transmitted act waits for the Region until it may be declared
        executory (approved, general tutelle, or its deadline passed)."""
        if brain.review_state not in act_rules.WAITING_STATES:
            return False
        act = brain.getObject()
        return not act_rules.executory_allowed(act, belgian_today(), brain.review_state)


def most_urgent(items, limit=None) -> list[WorkItem]:
    """The most urgent first (no deadline last); the first `limit` if given."""
    ordered = sorted(items, key=lambda item: (item.deadline is None, item.deadline or date.max))
    return ordered[:limit] if limit is not None else ordered


def worklist(municipality, user, limit=None) -> list[WorkItem]:
    """Every provider's items, the most urgent first (no deadline last); the
    `limit` most urgent when a limit is given. Items waiting for someone
    else are left out."""
    items = []
    for _name, provider in getUtilitiesFor(IWorklistProvider):
        items.extend(provider.items(municipality, user, limit))
    return most_urgent(items, limit)


def full_worklist(municipality, user) -> list[WorkItem]:
    """Every item of every provider, waiting ones included, most urgent first."""
    items = []
    for _name, provider in getUtilitiesFor(IWorklistProvider):
        everything = getattr(provider, "everything", None)
        items.extend(
            everything(municipality, user) if everything else provider.items(municipality, user)
        )
    return most_urgent(items)


def worklist_counts(municipality, user) -> dict[tuple[str, str], int]:
    """How many items of each (portal type, reason) wait for `user`."""
    counts = {}
    for _name, provider in getUtilitiesFor(IWorklistProvider):
        counter = getattr(provider, "counts", None)
        found = (
            counter(municipality, user)
            if counter
            else counts_by_kind(provider.items(municipality, user))
        )
        for kind, count in found.items():
            counts[kind] = counts.get(kind, 0) + count
    return counts


def counts_by_kind(items) -> dict[tuple[str, str], int]:
    """How many items of each (portal type, reason), waiting ones left out."""
    counts = {}
    for item in items:
        if not item.waiting:
            kind = (item.portal_type, item.reason)
            counts[kind] = counts.get(kind, 0) + 1
    return counts
