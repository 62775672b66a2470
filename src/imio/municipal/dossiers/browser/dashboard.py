"""The staff dashboard of a municipality's case files."""

from datetime import timedelta
from imio.municipal.core import calendar
from imio.municipal.dossiers import procedures
from imio.municipal.dossiers.browser.view import format_date
from imio.municipal.dossiers.queue import search as queue_search
from imio.municipal.dossiers.queue.search import QueueQuery
from imio.municipal.dossiers.states import OPEN_STATES
from imio.municipal.dossiers.states import STATES
from imio.municipal.dossiers.workflow import today
from imio.municipal.platform.browser.tables import CatalogTableView
from imio.municipal.platform.lookup import municipality_of
from plone import api
from plone.batching import Batch
from plone.memoize.view import memoize
from zope.component import getUtility
from zope.schema.interfaces import IVocabularyFactory


SORTS = {
    "deadline": ("deadline_sort_key", "ascending"),
    "reference": ("sortable_reference", "descending"),
    "title": ("sortable_title", "ascending"),
    "modified": ("modified", "descending"),
}
FILTERS = ("service", "procedure", "state", "agent", "due", "q")
SOON_DAYS = 7


def deadline_range(due: str) -> tuple:
    """(first, last) running deadline of the « Échéance » filter, None for open."""
    if due == "overdue":
        return None, today() - timedelta(days=1)
    if due == "soon":
        return today(), today() + timedelta(days=SOON_DAYS)
    return None, None


class DashboardView(CatalogTableView):
    """Filters, counts per state, a batched sortable table (20 per page)."""

    portal_type = "Dossier"
    workflow_id = "municipal_dossier_workflow"
    filter_names = FILTERS
    sorts = SORTS
    default_sort = "deadline"

    def state_counts(self) -> list[dict]:
        # In the order of the workflow's life, not alphabetical.
        counts = {count["id"]: count for count in super().state_counts()}
        return [counts[state] for state in STATES if state in counts]

    def filter_query(self, f: dict) -> dict:
        query = {}
        if f["service"]:
            query["responsible_service"] = f["service"]
        if f["procedure"]:
            query["procedure"] = f["procedure"]
        if f["agent"]:
            query["assigned_agent"] = f["agent"]
        first, last = deadline_range(f["due"])
        if first and last:
            query["current_deadline"] = {"query": (first, last), "range": "min:max"}
        elif last:
            query["current_deadline"] = {"query": last, "range": "max"}
        return query

    @memoize
    def queue(self):
        return queue_search.queue_of(api.portal.get_tool("portal_catalog"))

    @memoize
    def queue_query(self) -> QueueQuery | None:
        """The query for the deadline queue; None when the filters or the
        sort need the catalog (procedure, agent, text, another sort)."""
        f = self.filters()
        if f["procedure"] or f["agent"] or f["q"]:
            return None
        if self.request.form.get("sort_on") in set(self.sorts) - {"deadline"}:
            return None
        if self.queue() is None:
            return None
        first, last = deadline_range(f["due"])
        catalog = api.portal.get_tool("portal_catalog")
        return QueueQuery(
            container="/".join(self.context.getPhysicalPath()),
            readers=queue_search.readers_of(catalog, api.user.get_current()),
            service=f["service"] or None,
            states=(f["state"],) if f["state"] else None,
            first=first,
            last=last,
        )

    def batch(self) -> Batch:
        query = self.queue_query()
        if query is None:
            return super().batch()
        start = self.batch_start()
        catalog = api.portal.get_tool("portal_catalog")
        results = queue_search.results(catalog, self.queue(), query, start, self.page_size)
        return Batch(results, self.page_size, start)

    def count_per_state(self) -> dict[str, int]:
        query = self.queue_query()
        if query is None:
            return super().count_per_state()
        return queue_search.counts_by_state(self.queue(), query)

    @memoize
    def service_titles(self) -> dict:
        return municipality_of(self.context).service_titles

    def services(self):
        return municipality_of(self.context).services or []

    def procedures(self):
        return list(procedures.PROCEDURES.values())

    def agents(self):
        vocabulary = getUtility(IVocabularyFactory, "imio.municipal.vocabularies.MunicipalStaff")
        return list(vocabulary(self.context))

    def row(self, brain) -> dict:
        deadline = brain.current_deadline
        if deadline is not None and not hasattr(deadline, "isoformat"):
            deadline = deadline.asdatetime().date()  # DateTime from the catalog
        open_file = brain.review_state in OPEN_STATES
        titles = self.service_titles()
        return {
            "url": brain.getURL(),
            "reference": brain.reference or "—",
            "title": brain.Title,
            "applicants": ", ".join(brain.applicant_names or ()),
            "procedure": brain.procedure,
            "service": titles.get(brain.responsible_service, brain.responsible_service),
            "state": brain.review_state,
            "state_title": self.state_title(brain.review_state),
            "deadline": format_date(deadline),
            "urgency": (calendar.urgency(deadline, today()) if open_file else None) or "none",
        }
