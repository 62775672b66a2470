"""A batched, filtered, sortable catalog table with counts per state."""

from plone import api
from plone.batching import Batch
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
from urllib.parse import urlencode


class CatalogTableView(BrowserView):
    """Subclasses set portal_type, workflow_id, filter_names, sorts and
    default_sort, and add their filters in `filter_query`."""

    portal_type = ""
    workflow_id = ""
    filter_names: tuple[str, ...] = ()
    sorts: dict[str, tuple[str, str]] = {}
    default_sort = ""
    page_size = 20

    def filters(self) -> dict:
        form = self.request.form
        return {name: (form.get(name) or "").strip() for name in self.filter_names}

    def filter_query(self, filters: dict) -> dict:
        return {}

    def base_query(self) -> dict:
        """Everything but the state: the counts per state use it."""
        filters = self.filters()
        query = {
            "portal_type": self.portal_type,
            "path": "/".join(self.context.getPhysicalPath()),
        }
        if filters.get("q"):
            text = filters["q"]
            query["SearchableText"] = text if text.endswith("*") else text + "*"
        query.update(self.filter_query(filters))
        return query

    def query(self) -> dict:
        query = self.base_query()
        state = self.filters().get("state")
        if state:
            restricted = query.get("review_state")
            query["review_state"] = state if not restricted or restricted == state else "-"
        index, order = self.sorts.get(
            self.request.form.get("sort_on"), self.sorts[self.default_sort]
        )
        query["sort_on"] = index
        query["sort_order"] = order
        return query

    def batch_start(self) -> int:
        return int(self.request.form.get("b_start", 0) or 0)

    def batch(self) -> Batch:
        start = self.batch_start()
        results = api.portal.get_tool("portal_catalog")(
            b_start=start, b_size=self.page_size, **self.query()
        )
        return Batch(results, self.page_size, start)

    @memoize
    def workflow(self):
        return api.portal.get_tool("portal_workflow").getWorkflowById(self.workflow_id)

    def state_title(self, state: str) -> str:
        states = self.workflow().states
        return states[state].title if state in states else state

    def count_per_state(self) -> dict[str, int]:
        """How many items each state would show with the other filters."""
        catalog = api.portal.get_tool("portal_catalog")
        base = self.base_query()
        # A filter may itself restrict the state (e.g. "awaiting the tutelle").
        restricted = base.get("review_state")
        return {
            state: len(catalog(**{**base, "review_state": state}))
            for state in self.workflow().states.objectIds()
            if not restricted or state == restricted
        }

    def state_counts(self) -> list[dict]:
        counts = self.count_per_state()
        current = self.filters().get("state")
        return [
            {
                "id": state,
                "title": self.state_title(state),
                "count": counts.get(state, 0),
                "url": self.url(state=state, b_start=None),
                "active": current == state,
            }
            for state in self.workflow().states.objectIds()
        ]

    def url(self, **changes) -> str:
        params = {k: v for k, v in self.filters().items() if v}
        if self.request.form.get("sort_on"):
            params["sort_on"] = self.request.form["sort_on"]
        params.update(changes)
        params = {k: v for k, v in params.items() if v not in (None, "")}
        return f"{self.context.absolute_url()}?{urlencode(params)}"

    def sort_url(self, sort: str) -> str:
        return self.url(sort_on=sort, b_start=None)
