"""The staff dashboard of a municipality's case files."""

from datetime import timedelta
from imio.municipal import deadlines
from imio.municipal import procedures
from imio.municipal.browser.dossier import format_date
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.workflows.dossier import today
from imio.municipal.workflows.dossier_states import OPEN_STATES
from imio.municipal.workflows.dossier_states import STATES
from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
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


class DashboardView(BrowserView):
    """Filters, counts per state, a batched sortable table (20 per page)."""

    page_size = 20

    def filters(self) -> dict:
        form = self.request.form
        return {name: (form.get(name) or "").strip() for name in FILTERS}

    def base_query(self) -> dict:
        """Everything but the state: the counts per state use it."""
        f = self.filters()
        query = {
            "portal_type": "Dossier",
            "path": "/".join(self.context.getPhysicalPath()),
        }
        if f["service"]:
            query["responsible_service"] = f["service"]
        if f["procedure"]:
            query["procedure"] = f["procedure"]
        if f["agent"]:
            query["assigned_agent"] = f["agent"]
        if f["q"]:
            query["SearchableText"] = f["q"] if f["q"].endswith("*") else f["q"] + "*"
        if f["due"] == "overdue":
            query["current_deadline"] = {"query": today() - timedelta(days=1), "range": "max"}
        elif f["due"] == "soon":
            query["current_deadline"] = {
                "query": (today(), today() + timedelta(days=SOON_DAYS)),
                "range": "min:max",
            }
        return query

    def query(self) -> dict:
        query = self.base_query()
        state = self.filters()["state"]
        if state:
            query["review_state"] = state
        index, order = SORTS.get(self.request.form.get("sort_on"), SORTS["deadline"])
        query["sort_on"] = index
        query["sort_order"] = order
        return query

    def batch(self) -> Batch:
        start = int(self.request.form.get("b_start", 0) or 0)
        query = self.query()
        results = api.portal.get_tool("portal_catalog")(
            b_start=start, b_size=self.page_size, **query
        )
        return Batch(results, self.page_size, start)

    def state_counts(self) -> list[dict]:
        """How many files per state, with the other filters applied."""
        catalog = api.portal.get_tool("portal_catalog")
        workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
            "municipal_dossier_workflow"
        )
        base = self.base_query()
        counts = []
        for state in STATES:
            count = len(catalog(review_state=state, **base))
            counts.append(
                {
                    "id": state,
                    "title": workflow.states[state].title,
                    "count": count,
                    "url": self.url(state=state, b_start=None),
                    "active": self.filters()["state"] == state,
                }
            )
        return counts

    def url(self, **changes) -> str:
        params = {k: v for k, v in self.filters().items() if v}
        if self.request.form.get("sort_on"):
            params["sort_on"] = self.request.form["sort_on"]
        params.update(changes)
        params = {k: v for k, v in params.items() if v not in (None, "")}
        return f"{self.context.absolute_url()}?{urlencode(params)}"

    def sort_url(self, sort: str) -> str:
        return self.url(sort_on=sort, b_start=None)

    def services(self):
        return municipality_of(self.context).services or []

    def procedures(self):
        return list(procedures.PROCEDURES.values())

    def agents(self):
        vocabulary = getUtility(IVocabularyFactory, "imio.municipal.vocabularies.MunicipalStaff")
        return list(vocabulary(self.context))

    def state_title(self, state: str) -> str:
        workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
            "municipal_dossier_workflow"
        )
        return workflow.states[state].title if state in workflow.states else state

    def row(self, brain) -> dict:
        deadline = brain.current_deadline
        if deadline is not None and not hasattr(deadline, "isoformat"):
            deadline = deadline.asdatetime().date()  # DateTime from the catalog
        open_file = brain.review_state in OPEN_STATES
        titles = municipality_of(self.context).service_titles
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
            "urgency": (deadlines.urgency(deadline, today()) if open_file else None) or "none",
        }
