"""Looking a group up by id without listing every group of the platform.

PlonePAS's group source asks ``group_id in self.getGroupIds()``, which
walks the ids of all groups (about 3,900 at the region's size) for each
group it builds: the sharing page builds one per group holding a role on
the case file, tens per page, and that walk was the whole difference
between the region and the two-municipality platform. The ids are the
keys of a BTree: asking it is one lookup. The answer is the same.
"""


def get_group_by_id(self, group_id, default=None):
    """PlonePAS's ``GroupManager.getGroupById``, the id looked up in the
    group BTree instead of searched in the list of all ids."""
    try:
        known = group_id in self._groups
    except TypeError:  # not a string (None…): no group has that id
        known = False
    if not known:
        return default
    plugins = self._getPAS()._getOb("plugins")
    return self._findGroup(plugins, group_id, None)
