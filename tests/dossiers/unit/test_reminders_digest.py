"""Reminder digests: grouping, order, French text and the once-a-day rule (Plone-free)."""

from datetime import date
from imio.municipal.dossiers import reminders
from imio.municipal.dossiers.reminders import build_digests
from imio.municipal.dossiers.reminders import Digest
from imio.municipal.dossiers.reminders import DueItem
from imio.municipal.dossiers.reminders import mark_sent
from imio.municipal.dossiers.reminders import prune
from imio.municipal.dossiers.reminders import Recipient
from imio.municipal.dossiers.reminders import render_digest
from imio.municipal.dossiers.reminders import select_unsent

import doctest
import pytest


TODAY = date(2026, 3, 10)  # a Tuesday
CLAIRE = Recipient("namur-agent-urbanisme", "Claire Dubois", "claire@demo.imio.be")
MARC = Recipient("namur-chef-urbanisme", "Marc Lambert", "marc@demo.imio.be")


def item(reference, deadline, municipality="Namur", title=None, uid=None):
    return DueItem(
        uid=uid or f"uid-{reference}",
        url=f"https://plateforme.example.be/{municipality.lower()}/dossiers/{reference}",
        reference=reference,
        title=title or f"Dossier {reference}",
        deadline=deadline,
        state="En cours d'instruction",
        municipality=municipality,
    )


def test_docstring_examples():
    result = doctest.testmod(reminders)
    assert result.attempted > 0
    assert result.failed == 0


# Grouping and order


def test_overdue_first_then_by_date():
    items = [
        item("2026/pu/3", date(2026, 3, 15)),
        item("2026/pu/1", date(2026, 3, 9)),
        item("2026/pu/2", date(2026, 3, 1)),
        item("2026/pu/4", TODAY),
    ]
    [digest] = build_digests({CLAIRE: items}, TODAY, 7)
    assert [i.reference for i in digest.overdue] == ["2026/pu/2", "2026/pu/1"]
    # Due today is not late yet.
    assert [i.reference for i in digest.upcoming] == ["2026/pu/4", "2026/pu/3"]
    assert [i.reference for i in digest.items] == [
        "2026/pu/2",
        "2026/pu/1",
        "2026/pu/4",
        "2026/pu/3",
    ]


def test_same_deadline_sorted_by_reference_number():
    items = [item("2026/pu/10", TODAY), item("2026/pu/9", TODAY)]
    [digest] = build_digests({CLAIRE: items}, TODAY, 7)
    assert [i.reference for i in digest.items] == ["2026/pu/9", "2026/pu/10"]


def test_items_beyond_the_window_are_left_out():
    items = [item("2026/pu/1", date(2026, 3, 17)), item("2026/pu/2", date(2026, 3, 18))]
    [digest] = build_digests({CLAIRE: items}, TODAY, 7)
    assert [i.reference for i in digest.items] == ["2026/pu/1"]


def test_nothing_due_no_digest():
    assert build_digests({CLAIRE: [item("2026/pu/1", date(2026, 5, 1))], MARC: []}, TODAY, 7) == []


def test_one_digest_per_person_and_municipality():
    items_by_recipient = {
        MARC: [item("2026/pu/1", TODAY), item("2026/pu/1", TODAY, municipality="Gembloux")],
        CLAIRE: [item("2026/pu/1", TODAY)],
    }
    digests = build_digests(items_by_recipient, TODAY, 7)
    assert [(d.municipality, d.recipient.id) for d in digests] == [
        ("Gembloux", "namur-chef-urbanisme"),
        ("Namur", "namur-agent-urbanisme"),
        ("Namur", "namur-chef-urbanisme"),
    ]
    assert all(i.municipality == d.municipality for d in digests for i in d.items)


def test_a_file_listed_twice_for_a_person_appears_once():
    # e.g. the assigned agent is also head of the service
    [digest] = build_digests({MARC: [item("2026/pu/1", TODAY)] * 2}, TODAY, 7)
    assert len(digest.items) == 1


# The French e-mail


def test_render_french_digest():
    digest = build_digests(
        {
            CLAIRE: [
                item("2026/pu/2", date(2026, 3, 9), title="Construction de 12 logements"),
                item("2026/pu/1", date(2026, 3, 1), title="Abattage d'un arbre"),
                item("2026/cu1/1", date(2026, 3, 12), title="Certificat rue des Carmes"),
            ]
        },
        TODAY,
        7,
    )[0]
    subject, body = render_digest(digest)
    assert subject == (
        "[Namur] Rappel des échéances : 2 dossiers en retard, 1 dossier à échéance dans les 7 jours"
    )
    lines = body.splitlines()
    assert lines[0] == "Bonjour Claire Dubois,"
    assert "situation au 10/03/2026" in body
    late, soon = lines.index("En retard (2)"), lines.index("À échéance dans les 7 jours (1)")
    assert late < soon
    assert lines[late + 1 : late + 4] == [
        "- 2026/pu/1 — Abattage d'un arbre",
        "  échéance le 01/03/2026 (en retard de 9 jours) — En cours d'instruction",
        "  https://plateforme.example.be/namur/dossiers/2026/pu/1",
    ]
    assert lines[late + 4] == "- 2026/pu/2 — Construction de 12 logements"
    assert "(en retard de 1 jour)" in lines[late + 5]
    assert lines[soon + 1 : soon + 3] == [
        "- 2026/cu1/1 — Certificat rue des Carmes",
        "  échéance le 12/03/2026 (dans 2 jours) — En cours d'instruction",
    ]
    assert lines[-1].startswith("Plateforme communale")
    assert body.endswith("\n")


def test_render_only_upcoming_has_no_late_section():
    [digest] = build_digests({CLAIRE: [item("2026/pu/1", TODAY)]}, TODAY, 7)
    subject, body = render_digest(digest)
    assert subject == "[Namur] Rappel des échéances : 1 dossier à échéance dans les 7 jours"
    assert "En retard" not in body
    assert "(aujourd'hui)" in body


@pytest.mark.parametrize(
    "days, heading",
    [
        (0, "À échéance aujourd'hui"),
        (1, "À échéance d'ici demain"),
        (3, "À échéance dans les 3 jours"),
    ],
)
def test_window_wording(days, heading):
    [digest] = build_digests({CLAIRE: [item("2026/pu/1", TODAY)]}, TODAY, days)
    assert f"\n{heading} (1)\n" in render_digest(digest)[1]


def test_greeting_falls_back_to_user_id_and_reference_to_a_placeholder():
    nobody = Recipient("jdoe", "", "jdoe@example.be")
    digest = Digest(nobody, "Namur", TODAY, 7, (), (item("", TODAY),))
    body = render_digest(digest)[1]
    assert body.startswith("Bonjour jdoe,\n")
    assert "- (sans référence) — Dossier " in body


# Never twice a day


def test_not_twice_the_same_day():
    record = {}
    due = [item("2026/pu/1", date(2026, 3, 5)), item("2026/pu/2", date(2026, 3, 12))]
    to_send, skipped = select_unsent(record, CLAIRE.id, due, TODAY)
    assert (to_send, skipped) == (due, [])
    mark_sent(record, CLAIRE.id, to_send, TODAY)
    assert select_unsent(record, CLAIRE.id, due, TODAY) == ([], due)


def test_again_the_next_day_if_still_due():
    record = {}
    due = [item("2026/pu/1", date(2026, 3, 5))]
    mark_sent(record, CLAIRE.id, due, TODAY)
    assert select_unsent(record, CLAIRE.id, due, date(2026, 3, 11)) == (due, [])


def test_again_the_same_day_if_the_deadline_changed():
    record = {}
    before = item("2026/pu/1", date(2026, 3, 12))
    mark_sent(record, CLAIRE.id, [before], TODAY)
    moved = item("2026/pu/1", date(2026, 3, 16))  # same file (uid), extended delay
    assert moved.uid == before.uid
    assert select_unsent(record, CLAIRE.id, [moved], TODAY) == ([moved], [])


def test_each_person_has_their_own_record():
    record = {}
    due = [item("2026/pu/1", TODAY)]
    mark_sent(record, CLAIRE.id, due, TODAY)
    assert select_unsent(record, MARC.id, due, TODAY) == (due, [])


def test_a_later_record_never_sends_twice():
    # A run for a later day (or a clock that went back) does not cause a repeat.
    record = {}
    due = [item("2026/pu/1", TODAY)]
    mark_sent(record, CLAIRE.id, due, date(2026, 3, 11))
    assert select_unsent(record, CLAIRE.id, due, TODAY) == ([], due)


def test_record_keys():
    due = item("2026/pu/1", date(2026, 3, 12))
    record = {}
    mark_sent(record, CLAIRE.id, [due], TODAY)
    assert record == {("namur-agent-urbanisme", "uid-2026/pu/1", "2026-03-12"): "2026-03-10"}


def test_prune_forgets_after_60_days():
    record = {
        ("a", "u1", "2026-01-01"): "2026-01-08",  # 61 days before TODAY
        ("a", "u2", "2026-01-09"): "2026-01-09",  # 60 days: kept
        ("a", "u3", "2026-03-12"): "2026-03-10",
    }
    assert prune(record, TODAY) == 1
    assert sorted(record) == [("a", "u2", "2026-01-09"), ("a", "u3", "2026-03-12")]
    assert prune(record, TODAY, keep_days=0) == 1
