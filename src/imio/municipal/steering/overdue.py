"""Overdue case files per service, counted by the deadline queue.

The queue (`dossiers/queue`) already keeps every case file in a group per
folder, service, state and readers, with a counter per day of its running
deadline. The files overdue today are those of the open states' groups
whose deadline day is before today: a sum of counters over one range of
days per group, whatever the number of files and of days (the
`current_deadline` index would need the union of the sets of every day
before today). Counted for every reader: the dashboard's own permission
decides who sees a municipality's figures. Plone-free: BTrees only, like the queue.
"""

from datetime import date
from imio.municipal.dossiers.queue.deadline_queue import count


def groups_under(queue, path: str, service: str | None, states) -> list:
    """The groups of the folders at or below `path` (a municipality), for
    one service if given and the `states`."""
    states = set(states)
    found = []
    # Keys are ordered tuples (folder, service, state, readers): the folders
    # below `path` sort from `path` to `path` followed by the character after
    # "/" ("0"); others in that range (« namur-ouest ») are skipped.
    for key, group_id in queue._group_ids.items((path,), (path + "0",)):
        folder = key[0]
        if folder != path and not folder.startswith(path + "/"):
            continue
        if service is not None and key[1] != service:
            continue
        if key[2] in states:
            found.append(queue._groups[group_id])
    return found


def overdue_per_service(
    queue, path: str, service: str | None, today: date, open_states
) -> dict[str, int]:
    """How many open files at or below `path` have a running deadline
    before `today`, per service ("" for files without one)."""
    last = today.toordinal() - 1
    counts: dict[str, int] = {}
    for group in groups_under(queue, path, service, open_states):
        name = group.key[1]
        counts[name] = counts.get(name, 0) + count([group], None, last)
    return counts
