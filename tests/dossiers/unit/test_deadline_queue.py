"""The deadline queue against a brute-force model of the catalog query it
replaces: same files, same order (day, then record id), same counts."""

from BTrees.IIBTree import IIBTree
from datetime import date
from imio.municipal.dossiers.queue import deadline_queue as dq
from imio.municipal.dossiers.queue.deadline_queue import DeadlineQueue
from imio.municipal.dossiers.queue.deadline_queue import entry
from imio.municipal.dossiers.queue.deadline_queue import NO_DEADLINE
from ZODB.DB import DB
from ZODB.FileStorage import FileStorage

import pytest
import random
import transaction


FOLDER = "/Plone/namur/dossiers"
OTHER = "/Plone/gembloux/dossiers"
SERVICES = ("urbanisme", "travaux", "finances")
STATES = ("received", "in_progress", "decided")
READERS = (
    ("Manager", "namur-staff"),
    ("Manager", "namur-urbanisme", "user:alice"),
    ("Manager", "gembloux-staff"),
)
D = date(2026, 11, 1).toordinal()


def expected(files, container, readers, service=None, states=None, first=None, last=None):
    """What the catalog would answer, computed the slow way."""
    hits = [
        (e.day, rid)
        for rid, e in files.items()
        if e.container == container
        and not set(readers).isdisjoint(e.readers)
        and (service is None or e.service == service)
        and (states is None or e.state in states)
        and (first is None or e.day >= first)
        and (last is None or e.day <= last)
    ]
    return [rid for _day, rid in sorted(hits)]


def random_entry(rng):
    deadline = None if rng.random() < 0.1 else date.fromordinal(D + rng.randrange(-40, 40))
    return entry(
        rng.choice((FOLDER, FOLDER, OTHER)),
        rng.choice(SERVICES),
        rng.choice(STATES),
        rng.choice(READERS),
        deadline,
    )


def test_files_come_in_deadline_order_then_by_record_id():
    queue = DeadlineQueue()
    queue.put(3, entry(FOLDER, "urbanisme", "received", ["namur-staff"], date(2026, 12, 5)))
    queue.put(1, entry(FOLDER, "urbanisme", "received", ["namur-staff"], None))
    queue.put(2, entry(FOLDER, "urbanisme", "received", ["namur-staff"], date(2026, 12, 1)))
    queue.put(4, entry(FOLDER, "urbanisme", "received", ["namur-staff"], date(2026, 12, 5)))
    groups = queue.groups(FOLDER, ["namur-staff"])
    assert dq.page(groups, 0, 10) == [2, 3, 4, 1]
    assert dq.page(groups, 1, 2) == [3, 4]
    assert dq.count(groups) == 4


def test_a_user_sees_only_the_groups_one_of_their_roles_or_groups_may_read():
    queue = DeadlineQueue()
    queue.put(1, entry(FOLDER, "urbanisme", "received", ["namur-staff"], None))
    queue.put(2, entry(FOLDER, "urbanisme", "received", ["user:alice"], None))
    queue.put(3, entry(OTHER, "urbanisme", "received", ["namur-staff"], None))
    assert dq.page(queue.groups(FOLDER, ["Authenticated", "namur-staff"]), 0, 10) == [1]
    assert dq.page(queue.groups(FOLDER, ["user:alice"]), 0, 10) == [2]
    assert dq.page(queue.groups(FOLDER, ["Anonymous"]), 0, 10) == []
    assert dq.count(queue.groups(FOLDER, ["Anonymous"])) == 0


def test_overdue_is_a_day_range_that_leaves_out_files_without_deadline():
    queue = DeadlineQueue()
    queue.put(1, entry(FOLDER, "urbanisme", "in_progress", ["r"], date(2026, 11, 27)))
    queue.put(2, entry(FOLDER, "urbanisme", "in_progress", ["r"], date(2026, 11, 28)))
    queue.put(3, entry(FOLDER, "urbanisme", "in_progress", ["r"], None))
    groups = queue.groups(FOLDER, ["r"], service="urbanisme", states=["in_progress"])
    yesterday = date(2026, 11, 27).toordinal()
    assert dq.page(groups, 0, 20, last=yesterday) == [1]
    assert dq.count(groups, last=yesterday) == 1
    assert dq.count(groups, first=yesterday + 1, last=yesterday + 7) == 1
    assert dq.count(groups, first=yesterday + 1) == 2  # the undated file has no end


def test_moving_a_file_takes_it_out_of_its_old_place_and_empty_groups_go():
    queue = DeadlineQueue()
    queue.put(1, entry(FOLDER, "urbanisme", "received", ["r"], date(2026, 12, 1)))
    assert queue.put(1, entry(FOLDER, "urbanisme", "received", ["r"], date(2026, 12, 1))) is False
    assert queue.put(1, entry(FOLDER, "urbanisme", "in_progress", ["r"], date(2026, 12, 9)))
    assert dq.counts_by_state(queue.groups(FOLDER, ["r"])) == {"in_progress": 1}
    assert queue.group_count() == 1
    assert len(queue) == 1
    assert queue.remove(1) is True
    assert queue.remove(1) is False
    assert queue.group_count() == 0
    assert len(queue) == 0
    assert queue.entry_of(1) is None


def test_readers_are_a_set_whatever_their_order():
    a = entry(FOLDER, "s", "x", ["b", "a", "a"], None)
    b = entry(FOLDER, "s", "x", ("a", "b"), None)
    assert a == b
    assert a.day == NO_DEADLINE


def test_a_container_does_not_see_a_container_whose_path_starts_like_it():
    queue = DeadlineQueue()
    queue.put(1, entry(FOLDER, "s", "x", ["r"], None))
    queue.put(2, entry(FOLDER + "-archives", "s", "x", ["r"], None))
    assert dq.page(queue.groups(FOLDER, ["r"]), 0, 10) == [1]


def random_changes(rng, queue, files, steps=600):
    for _step in range(steps):
        rid = rng.randrange(1, 150)
        if rng.random() < 0.15:
            assert queue.remove(rid) == (files.pop(rid, None) is not None)
        else:
            files[rid] = random_entry(rng)
            queue.put(rid, files[rid])
        assert len(queue) == len(files)


def assert_answers_like_the_slow_query(rng, queue, files):
    for _query in range(40):
        readers = rng.choice(READERS)[1:]  # without Manager: real restrictions
        service = rng.choice((None, *SERVICES))
        states = rng.choice((None, ["in_progress"], ["received", "decided"]))
        first = rng.choice((None, D - 10))
        last = rng.choice((None, D + 5))
        container = rng.choice((FOLDER, OTHER))
        want = expected(files, container, readers, service, states, first, last)
        groups = queue.groups(container, readers, service, states)
        assert dq.count(groups, first, last) == len(want)
        start = rng.choice((0, 0, 5, 20))
        assert dq.page(groups, start, 20, first, last) == want[start : start + 20]
        by_state = dq.counts_by_state(groups, first, last)
        assert sum(by_state.values()) == len(want)
    assert queue.group_count() == len({e.group_key for e in files.values()})


@pytest.mark.parametrize("seed", range(8))
def test_random_changes_answer_like_the_slow_query(seed):
    rng = random.Random(seed)
    queue, files = DeadlineQueue(), {}
    random_changes(rng, queue, files)
    assert_answers_like_the_slow_query(rng, queue, files)


def as_stored_before(queue):
    """Groups as older code stored them: one counter a day."""
    for group in queue._groups.values():
        del group.slots
        group.counts = IIBTree({day: len(rids) for day, rids in group.days.items()})


@pytest.mark.parametrize("seed", range(3))
def test_groups_stored_before_still_count_and_get_spread_counters(seed):
    rng = random.Random(seed)
    queue, files = DeadlineQueue(), {}
    random_changes(rng, queue, files, steps=300)
    as_stored_before(queue)
    assert {group.slots for group in queue._groups.values()} == {1}
    random_changes(rng, queue, files, steps=100)
    assert_answers_like_the_slow_query(rng, queue, files)
    older = queue.group_count() - new_groups(queue)
    assert older > 0
    assert queue.spread_counts() == older
    assert {group.slots for group in queue._groups.values()} == {dq.SLOTS}
    assert queue.spread_counts() == 0
    assert_answers_like_the_slow_query(rng, queue, files)
    random_changes(rng, queue, files, steps=200)
    assert_answers_like_the_slow_query(rng, queue, files)


def new_groups(queue):
    return sum(1 for group in queue._groups.values() if "slots" in group.__dict__)


# -- two files of one day indexed at the same time, in a real database ------

DAY = date(2026, 12, 7)


@pytest.fixture
def database(tmp_path):
    db = DB(FileStorage(str(tmp_path / "Data.fs")))
    with db.transaction() as connection:
        queue = connection.root()["queue"] = DeadlineQueue()
        for rid in range(1, 40):
            queue.put(rid, entry(FOLDER, "urbanisme", "received", ["r"], DAY))
    yield db
    db.close()


def at_once(db, *changes) -> None:
    """Each change (a function of the queue) in its own connection, all
    started before the first commits."""
    managers = [transaction.TransactionManager() for _change in changes]
    connections = [db.open(transaction_manager=manager) for manager in managers]
    try:
        for connection, change in zip(connections, changes, strict=True):
            change(connection.root()["queue"])
        for manager in managers:
            manager.commit()
    finally:
        for manager, connection in zip(managers, connections, strict=True):
            manager.abort()
            connection.close()


def counted(db) -> int:
    with db.transaction() as connection:
        queue = connection.root()["queue"]
        groups = queue.groups(FOLDER, ["r"])
        assert dq.count(groups) == len(dq.page(groups, 0, 1000)) == len(queue)
        return dq.count(groups, DAY.toordinal(), DAY.toordinal())


def test_two_files_of_one_day_queued_at_the_same_time_commit_together(database):
    def put(rid):
        return lambda queue: queue.put(rid, entry(FOLDER, "urbanisme", "received", ["r"], DAY))

    at_once(database, put(1001), put(1002))
    assert counted(database) == 41


def test_two_files_of_one_day_leaving_at_the_same_time_commit_together(database):
    at_once(database, lambda queue: queue.remove(3), lambda queue: queue.remove(4))
    assert counted(database) == 37


def test_the_last_file_of_a_days_first_counter_leaving_commits_with_another(database):
    # rid 16 alone on the day's first counter (16 % 16 == 0): removing it
    # deletes that counter while another file is queued the same day.
    at_once(database, lambda queue: queue.remove(32))
    at_once(
        database,
        lambda queue: queue.remove(16),
        lambda queue: queue.put(1001, entry(FOLDER, "urbanisme", "received", ["r"], DAY)),
    )
    assert counted(database) == 38
