"""A case file is effective from its creation.

plone.restapi's `@workflow` gives an item without an effective date one on
its first transition (a case file's receipt) and then reindexes it fully.
Until then the file sits in the `effective` index's set of items without a
date, one small set shared by every such item, and each receipt took its
file out of it: ZODB refuses to merge the deletion of a bucket's first key
with any other change to the bucket, so a receipt and a creation at once
conflicted there. Dated when added, a case file never joins that set, and
its receipt no longer reindexes all of it.
"""


def date_on_creation(dossier, event):
    if dossier.EffectiveDate() == "None":
        dossier.setEffectiveDate(dossier.created())
