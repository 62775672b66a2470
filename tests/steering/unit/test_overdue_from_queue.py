"""Overdue files per service counted from the deadline queue, against the
same count done by hand on the files put in it."""

from datetime import date
from imio.municipal.dossiers.queue.deadline_queue import DeadlineQueue
from imio.municipal.dossiers.queue.deadline_queue import entry
from imio.municipal.steering import overdue

import random


NAMUR = "/Plone/namur"
OPEN = ("received", "in_progress")
TODAY = date(2026, 12, 7)
FOLDERS = (
    f"{NAMUR}/dossiers",
    f"{NAMUR}/dossiers/archives",
    NAMUR,
    "/Plone/namur-ouest/dossiers",  # sorts among Namur's folders, is not one
    "/Plone/gembloux/dossiers",
)
SERVICES = ("urbanisme", "travaux", "")
STATES = ("received", "in_progress", "decided")
READERS = (("Manager", "namur-staff"), ("Manager", "user:alice"))


def by_hand(files, path, service=None):
    counts = {}
    for folder, name, state, deadline in files.values():
        under = folder == path or folder.startswith(path + "/")
        if not under or state not in OPEN or deadline is None or deadline >= TODAY:
            continue
        if service is not None and name != service:
            continue
        counts[name] = counts.get(name, 0) + 1
    return counts


def queue_of(files):
    queue = DeadlineQueue()
    for rid, (folder, service, state, deadline) in files.items():
        queue.put(rid, entry(folder, service, state, random.choice(READERS), deadline))
    return queue


def test_a_few_files_counted_by_hand():
    files = {
        1: (f"{NAMUR}/dossiers", "urbanisme", "received", date(2026, 12, 6)),  # yesterday
        2: (f"{NAMUR}/dossiers", "urbanisme", "in_progress", TODAY),  # due today: not late
        3: (f"{NAMUR}/dossiers", "urbanisme", "decided", date(2026, 1, 1)),  # closed
        4: (f"{NAMUR}/dossiers", "travaux", "in_progress", date(2020, 5, 1)),
        5: (f"{NAMUR}/dossiers", "travaux", "in_progress", None),  # no running deadline
        6: ("/Plone/namur-ouest/dossiers", "travaux", "received", date(2020, 5, 1)),
    }
    queue = queue_of(files)
    assert overdue.overdue_per_service(queue, NAMUR, None, TODAY, OPEN) == {
        "urbanisme": 1,
        "travaux": 1,
    }
    assert overdue.overdue_per_service(queue, NAMUR, "travaux", TODAY, OPEN) == {"travaux": 1}
    # a service without files, a municipality without files
    assert overdue.overdue_per_service(queue, NAMUR, "finances", TODAY, OPEN) == {}
    assert overdue.overdue_per_service(queue, "/Plone/gembloux", None, TODAY, OPEN) == {}
    assert overdue.overdue_per_service(DeadlineQueue(), NAMUR, None, TODAY, OPEN) == {}


def test_generated_files_and_their_moves():
    rng = random.Random(22)
    files = {}
    for rid in range(1, 2001):
        deadline = date.fromordinal(TODAY.toordinal() + rng.randint(-900, 90))
        files[rid] = (
            rng.choice(FOLDERS),
            rng.choice(SERVICES),
            rng.choice(STATES),
            None if rng.random() < 0.1 else deadline,
        )
    queue = queue_of(files)
    # files decided, moved and given new deadlines: the counters follow
    for rid in rng.sample(sorted(files), 300):
        folder, service, _state, deadline = files[rid]
        files[rid] = (folder, service, rng.choice(STATES), TODAY if rid % 2 else deadline)
        queue.put(rid, entry(folder, service, files[rid][2], READERS[0], files[rid][3]))
    for path in (NAMUR, "/Plone/gembloux", "/Plone/namur-ouest"):
        for service in (None, "urbanisme", ""):
            found = overdue.overdue_per_service(queue, path, service, TODAY, OPEN)
            assert found == by_hand(files, path, service), (path, service)
    assert sum(by_hand(files, NAMUR).values()) > 100
