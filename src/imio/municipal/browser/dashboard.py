"""The staff dashboard of a municipality's case files."""

from datetime import timedelta
from imio.municipal import deadlines
from imio.municipal import procedures
from imio.municipal.browser.dossier import format_date
from imio.municipal.browser.tables import CatalogTableView
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.workflows.dossier import today
from imio.municipal.workflows.dossier_states import OPEN_STATES
from imio.municipal.workflows.dossier_states import STATES
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
        if f["due"] == "overdue":
            query["current_deadline"] = {"query": today() - timedelta(days=1), "range": "max"}
        elif f["due"] == "soon":
            query["current_deadline"] = {
                "query": (today(), today() + timedelta(days=SOON_DAYS)),
                "range": "min:max",
            }
        return query

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
            "urgency": (deadlines.urgency(deadline, today()) if open_file else None) or "none",
        }
