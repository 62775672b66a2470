"""REST: the access journal and the data-subject search of a municipality.

``GET <municipality>/@access-journal?reference=|uid=|user=|niss=|start=|end=``
answers the matching accesses, newest first, batched (``b_start``, ``b_size``);
``GET <municipality>/@data-subject?niss=|name=`` answers what the municipality
holds on a person. Both are journalled; a bad filter is a 400 with its reason.
"""

from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.refusals import refusal_answer
from imio.municipal.privacy import data_subject
from imio.municipal.privacy import journal_query
from plone.restapi.services import Service


MAX_BATCH = 200


def _batch(form) -> tuple[int, int]:
    try:
        start = max(0, int(form.get("b_start", 0)))
        size = min(MAX_BATCH, max(1, int(form.get("b_size", journal_query.PAGE_SIZE))))
    except (TypeError, ValueError):
        start, size = 0, journal_query.PAGE_SIZE
    return start, size


class AccessJournalGet(Service):
    def reply(self):
        start, size = _batch(self.request.form)
        try:
            filters = journal_query.filters_from(self.request.form, self.context)
            found = journal_query.entries(self.context, filters, limit=size + 1, offset=start)
            journal_query.record_consultation(
                self.context,
                "rest",
                "access-journal " + journal_query.describe(filters),
                persons=[filters["niss"]] if "niss" in filters else (),
            )
        except MunicipalRefusal as refusal:  # a bad filter (400), the journal down (503)
            return refusal_answer(refusal, self.request)
        return {
            "@id": f"{self.context.absolute_url()}/@access-journal",
            "b_start": start,
            "b_size": size,
            "more": len(found) > size,
            "items": [journal_query.as_json(access) for access in found[:size]],
        }


class DataSubjectGet(Service):
    def reply(self):
        try:
            person = data_subject.person_from(self.request.form)
            return data_subject.search(self.context, person, source="rest")
        except MunicipalRefusal as refusal:
            return refusal_answer(refusal, self.request)
