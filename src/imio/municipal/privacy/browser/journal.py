"""The access journal page of a municipality and its CSV export."""

from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.refusals import reason_of
from imio.municipal.privacy import journal_query
from Products.Five.browser import BrowserView
from urllib.parse import urlencode


FILTER_KEYS = ("reference", "uid", "user", "niss", "start", "end")


class AccessJournalView(BrowserView):
    error = None
    entries = ()
    more = False

    def filter_values(self) -> dict:
        return {key: (self.request.form.get(key) or "").strip() for key in FILTER_KEYS}

    def __call__(self):
        self.start = journal_query.offset_from(self.request.form)
        try:
            filters = journal_query.filters_from(self.request.form, self.context)
            size = journal_query.PAGE_SIZE
            found = journal_query.entries(self.context, filters, limit=size + 1, offset=self.start)
            journal_query.record_consultation(
                self.context,
                "view",
                "access-journal " + journal_query.describe(filters),
                persons=[filters["niss"]] if "niss" in filters else (),
            )
        except MunicipalRefusal as refusal:  # a bad filter (400), the journal down (503)
            self.error = reason_of(refusal, self.request)
            self.request.response.setStatus(refusal.status)
            return self.index()
        self.entries = [
            dict(journal_query.as_json(access), persons_text=" ".join(access.persons))
            for access in found[:size]
        ]
        self.more = len(found) > size
        return self.index()

    def query_string(self, **extra) -> str:
        values = {k: v for k, v in self.filter_values().items() if v}
        values.update(extra)
        return urlencode(values)


class AccessJournalCsv(BrowserView):
    def __call__(self):
        try:
            filters = journal_query.filters_from(self.request.form, self.context)
            found = journal_query.entries(self.context, filters)
            journal_query.record_consultation(
                self.context,
                "export",
                "access-journal.csv " + journal_query.describe(filters),
                persons=[filters["niss"]] if "niss" in filters else (),
            )
        except MunicipalRefusal as refusal:
            self.request.response.setStatus(refusal.status)
            self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return reason_of(refusal, self.request)
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        filename = f"journal-acces-{self.context.getId()}.csv"
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        # A BOM so that spreadsheets open the accents right.
        return "\ufeff" + journal_query.as_csv(found)
