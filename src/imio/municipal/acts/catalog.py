"""How acts are cataloged: only what they hold, only what a transition changes.

An act has about thirty catalog names it never holds (the case file's
`reference`, `procedure`, `current_deadline`…, Plone's `start`, `end`,
`location`…). plone.indexer's wrapper looks each one up *with* acquisition —
up the register, the municipality and the site, through Dexterity's schema
lookups at every level — and then throws any acquired value away (only a
direct attribute, or an acquired TTW Python Script, is indexed). Acts are
filesystem content: no TTW indexer is meant for them, so the wrapper below
asks the act itself first and never walks its parents for nothing.
"""

from Acquisition import aq_base
from imio.municipal.interfaces import IAct
from plone.base.interfaces import IPloneCatalogTool
from plone.indexer.interfaces import IIndexer
from plone.indexer.wrapper import IndexableObjectWrapper
from zope.component import adapter
from zope.component import queryMultiAdapter


# The indexes whose value an act's transition may change, beyond the
# workflow's own (review_state, allowedRolesAndUsers: DCWorkflow reindexes
# them itself). What `workflow.after_transition` writes and where it shows:
# the number (number, its sort key, the searchable text), the regime and the
# tutelle deadline (tutelle_regime, deadline_sort_key), the modification
# date a full reindex used to set (modified). Metadata columns are all
# recomputed anyway (ZCatalog updates the whole record on any reindex).
# tests/acts/test_act_catalog.py compares every index after each transition
# with a full reindex: a new index fed by these fields fails it.
TRANSITION_INDEXES = (
    "number",
    "sortable_reference",
    "SearchableText",
    "tutelle_regime",
    "deadline_sort_key",
    "modified",
)


def reindex_after_transition(act) -> None:
    """Reindex what a transition of the act changed (and its modification
    date, as the full reindex did), not the act's sixty indexes."""
    act.notifyModified()
    act.reindexObject(idxs=list(TRANSITION_INDEXES))


@adapter(IAct, IPloneCatalogTool)
class ActIndexableWrapper(IndexableObjectWrapper):
    """Plone's wrapper, without acquiring names only to discard them."""

    def __getattr__(self, name):
        act = self._IndexableObjectWrapper__object
        catalog = self._IndexableObjectWrapper__catalog
        indexer = queryMultiAdapter((act, catalog), IIndexer, name=name)
        if indexer is not None:
            return indexer()
        variables = self._IndexableObjectWrapper__vars
        if name in variables:
            return variables[name]
        # What plone.indexer keeps: a direct attribute (raises AttributeError
        # when absent, which the catalog reads as "no value").
        getattr(aq_base(act), name)
        # Acquisition-wrapped, as plone.indexer returns it (callables may acquire).
        return getattr(act, name)
