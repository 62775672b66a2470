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
    start = 0
    size = journal_query.PAGE_SIZE

    def filter_values(self) -> dict:
        return {key: (self.request.form.get(key) or "").strip() for key in FILTER_KEYS}

    def __call__(self):
        try:
            found = journal_query.consult(self.context, self.request.form, "view")
        except MunicipalRefusal as refusal:  # a bad filter (400), the journal down (503)
            self.error = reason_of(refusal, self.request)
            self.request.response.setStatus(refusal.status)
            return self.index()
        self.start, self.size, self.more = found.start, found.size, found.more
        self.entries = [
            dict(journal_query.as_json(access), persons_text=" ".join(access.persons))
            for access in found.entries
        ]
        return self.index()

    def query_string(self, **extra) -> str:
        values = {k: v for k, v in self.filter_values().items() if v}
        if self.size != journal_query.PAGE_SIZE:
            values["b_size"] = self.size
        values.update(extra)
        return urlencode(values)


class AccessJournalCsv(BrowserView):
    def __call__(self):
        try:
            found = journal_query.consult(self.context, self.request.form, "export")
        except MunicipalRefusal as refusal:
            self.request.response.setStatus(refusal.status)
            self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return reason_of(refusal, self.request)
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        filename = f"journal-acces-{self.context.getId()}.csv"
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        # A BOM so that spreadsheets open the accents right.
        return "\ufeff" + journal_query.as_csv(found.entries)
