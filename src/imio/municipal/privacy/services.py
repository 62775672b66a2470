"""REST: the access journal and the data-subject search of a municipality.

``GET <municipality>/@access-journal?reference=|uid=|user=|niss=|start=|end=``
answers the matching accesses, newest first, batched (``b_start``, ``b_size`` at
most 200; not a whole number: a 400);
``GET <municipality>/@data-subject?niss=|name=`` answers what the municipality
holds on a person. Both are journalled; a bad filter is a 400 with its reason.
"""

from imio.municipal.errors import MunicipalRefusal
from imio.municipal.platform.refusals import refusal_answer
from imio.municipal.privacy import data_subject
from imio.municipal.privacy import journal_query
from plone.restapi.services import Service


class AccessJournalGet(Service):
    def reply(self):
        try:
            found = journal_query.consult(self.context, self.request.form, "rest")
        except MunicipalRefusal as refusal:  # a bad filter (400), the journal down (503)
            return refusal_answer(refusal, self.request)
        return {
            "@id": f"{self.context.absolute_url()}/@access-journal",
            "b_start": found.start,
            "b_size": found.size,
            "more": found.more,
            "items": [journal_query.as_json(access) for access in found.entries],
        }


class DataSubjectGet(Service):
    def reply(self):
        try:
            person = data_subject.person_from(self.request.form)
            return data_subject.search(self.context, person, source="rest")
        except MunicipalRefusal as refusal:
            return refusal_answer(refusal, self.request)
