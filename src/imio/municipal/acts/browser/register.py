"""The register of acts of a municipality."""

from datetime import date
from datetime import timedelta
from imio.municipal.acts import tutelle
from imio.municipal.core import calendar
from imio.municipal.dossiers.browser.view import format_date
from imio.municipal.platform.browser.tables import CatalogTableView


SOON_DAYS = 7


class RegisterView(CatalogTableView):
    """Acts by year, body, kind, state and tutelle status; full-text search."""

    portal_type = "Act"
    workflow_id = "municipal_act_workflow"
    filter_names = ("year", "body", "kind", "state", "tutelle", "q")
    sorts = {
        "number": ("sortable_reference", "descending"),
        "session": ("session_date", "descending"),
        "title": ("sortable_title", "ascending"),
        "deadline": ("deadline_sort_key", "ascending"),
    }
    default_sort = "number"

    def filter_query(self, f: dict) -> dict:
        query = {}
        if f["year"].isdigit():
            year = int(f["year"])
            query["session_date"] = {
                "query": (date(year, 1, 1), date(year, 12, 31)),
                "range": "min:max",
            }
        if f["body"]:
            query["body"] = f["body"]
        if f["kind"]:
            query["kind"] = f["kind"]
        today = calendar.belgian_today()
        if f["tutelle"] == "awaiting":
            query["review_state"] = "transmitted"
        elif f["tutelle"] == "soon":
            query["review_state"] = "transmitted"
            query["tutelle_deadline"] = {
                "query": (today, today + timedelta(days=SOON_DAYS)),
                "range": "min:max",
            }
        return query

    def years(self) -> list[int]:
        this_year = calendar.belgian_today().year
        return list(range(this_year, this_year - 6, -1))

    def bodies(self):
        return list(tutelle.BODIES.values())

    def kinds(self):
        return list(tutelle.KINDS.values())

    def row(self, brain) -> dict:
        regime = tutelle.REGIMES.get(brain.tutelle_regime or tutelle.NONE)
        deadline = brain.tutelle_deadline
        awaiting = brain.review_state == "transmitted"
        return {
            "url": brain.getURL(),
            "number": brain.number or "—",
            "title": brain.Title,
            "session": format_date(brain.session_date),
            "body": tutelle.BODIES[brain.body].title if brain.body in tutelle.BODIES else "",
            "state": brain.review_state,
            "state_title": self.state_title(brain.review_state),
            "regime": regime.title if regime else "",
            "deadline": format_date(deadline) if awaiting else "",
            "urgency": (calendar.urgency(deadline, calendar.belgian_today()) if awaiting else None)
            or "none",
        }
