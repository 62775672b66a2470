"""Deadline reminders: what to tell whom, and the e-mail that says it (Plone-free).

A reminder job (:mod:`imio.municipal.jobs.reminders`) finds the case files
whose current deadline is passed or falls within ``days`` days, works out who
must hear about each one, and hands this module a mapping
``{Recipient: [DueItem, ...]}``. This module:

- keeps only what was not already sent today (:func:`select_unsent`), using a
  record ``{(recipient id, dossier uid, deadline iso): last sent day iso}``
  that the job stores (:func:`mark_sent`, :func:`prune`);
- groups the rest into one :class:`Digest` per person and municipality,
  overdue files first, then by date (:func:`build_digests`);
- writes each digest as a plain-text French e-mail (:func:`render_digest`).

The rule "never twice for the same dossier and deadline on the same day"
means a file that stays overdue is listed again the next day, and a file whose
deadline moved is listed again the same day (its key changed).

The texts are French only for now (the platform is French-first); they are
kept together below so that they can become catalog messages in one go.
"""

from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import date
from datetime import timedelta

import re


# Reminders sent longer ago than this are forgotten (see prune()).
KEEP_DAYS = 60

RecordKey = tuple[str, str, str]


@dataclass(frozen=True)
class Recipient:
    """A person to remind: a Plone user id, the name to greet, an address."""

    id: str
    fullname: str = ""
    email: str = ""

    @property
    def name(self) -> str:
        return self.fullname or self.id


@dataclass(frozen=True)
class DueItem:
    """A case file whose current deadline is near or passed."""

    uid: str
    url: str
    reference: str
    title: str
    deadline: date
    state: str  # the title of its state, as the reader should see it
    municipality: str  # the title of its municipality


@dataclass(frozen=True)
class Digest:
    """The reminder e-mail of one person about one municipality's files."""

    recipient: Recipient
    municipality: str
    today: date
    days: int
    overdue: tuple[DueItem, ...]
    upcoming: tuple[DueItem, ...]

    @property
    def items(self) -> tuple[DueItem, ...]:
        return self.overdue + self.upcoming


def is_due(deadline: date | None, today: date, days: int) -> bool:
    """Whether a deadline is passed or falls within ``days`` days (inclusive).

    >>> is_due(date(2026, 3, 17), date(2026, 3, 10), 7)
    True
    >>> is_due(date(2026, 3, 18), date(2026, 3, 10), 7)
    False
    """
    return deadline is not None and deadline <= today + timedelta(days=days)


def _natural(text: str) -> tuple:
    # "2026/pu/9" before "2026/pu/10".
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def _sort_key(item: DueItem) -> tuple:
    return (item.deadline, _natural(item.reference), item.title)


def build_digests(
    items_by_recipient: Mapping[Recipient, Iterable[DueItem]], today: date, days: int
) -> list[Digest]:
    """One digest per person and municipality, overdue files first, then by date.

    Items that are not due (see :func:`is_due`) are left out, an item listed
    twice for a person appears once, and a person with nothing due gets no
    digest. Digests come by municipality, then recipient id.

    >>> claire = Recipient("claire", "Claire Dubois", "claire@example.be")
    >>> def item(ref, deadline):
    ...     return DueItem(ref, "http://x/" + ref, ref, "T", deadline, "Reçu", "Namur")
    >>> [digest] = build_digests(
    ...     {claire: [item("b", date(2026, 3, 12)), item("a", date(2026, 3, 1)),
    ...               item("c", date(2026, 4, 30))]},
    ...     today=date(2026, 3, 10), days=7)
    >>> [i.reference for i in digest.overdue], [i.reference for i in digest.upcoming]
    (['a'], ['b'])
    """
    digests = []
    for recipient, items in items_by_recipient.items():
        by_municipality: dict[str, dict[str, DueItem]] = {}
        for item in items:
            if is_due(item.deadline, today, days):
                by_municipality.setdefault(item.municipality, {}).setdefault(item.uid, item)
        for municipality, unique in by_municipality.items():
            ordered = sorted(unique.values(), key=_sort_key)
            digests.append(
                Digest(
                    recipient=recipient,
                    municipality=municipality,
                    today=today,
                    days=days,
                    overdue=tuple(i for i in ordered if i.deadline < today),
                    upcoming=tuple(i for i in ordered if i.deadline >= today),
                )
            )
    digests.sort(key=lambda d: (d.municipality, d.recipient.id))
    return digests


# The de-duplication record


def record_key(recipient_id: str, item: DueItem) -> RecordKey:
    """The key under which sending ``item`` to a person is remembered."""
    return (recipient_id, item.uid, item.deadline.isoformat())


def select_unsent(
    record: Mapping[RecordKey, str], recipient_id: str, items: Iterable[DueItem], today: date
) -> tuple[list[DueItem], list[DueItem]]:
    """Split ``items`` into (to send, already sent today) for one person.

    An item was already sent when the record holds its key with today's date
    (or a later one: a clock that went back never causes a second e-mail).

    >>> item = DueItem("uid1", "u", "2026/pu/1", "T", date(2026, 3, 12), "Reçu", "Namur")
    >>> record = {("claire", "uid1", "2026-03-12"): "2026-03-10"}
    >>> [len(part) for part in select_unsent(record, "claire", [item], date(2026, 3, 10))]
    [0, 1]
    >>> [len(part) for part in select_unsent(record, "claire", [item], date(2026, 3, 11))]
    [1, 0]
    """
    today_iso = today.isoformat()
    to_send, skipped = [], []
    for item in items:
        last = record.get(record_key(recipient_id, item))
        (skipped if last is not None and last >= today_iso else to_send).append(item)
    return to_send, skipped


def mark_sent(
    record: MutableMapping[RecordKey, str],
    recipient_id: str,
    items: Iterable[DueItem],
    today: date,
) -> None:
    """Remember that ``items`` were sent to a person today."""
    for item in items:
        record[record_key(recipient_id, item)] = today.isoformat()


def prune(record: MutableMapping[RecordKey, str], today: date, keep_days: int = KEEP_DAYS) -> int:
    """Forget what was last sent more than ``keep_days`` days ago; how many.

    >>> record = {("a", "u", "2026-01-01"): "2026-01-01", ("a", "v", "2026-03-09"): "2026-03-09"}
    >>> prune(record, date(2026, 3, 10))
    1
    >>> list(record)
    [('a', 'v', '2026-03-09')]
    """
    limit = (today - timedelta(days=keep_days)).isoformat()
    old = [key for key, sent in record.items() if sent < limit]
    for key in old:
        del record[key]
    return len(old)


# The e-mail


def _date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _within(days: int) -> str:
    """ "dans les 7 jours", the period a digest looks ahead."""
    if days <= 0:
        return "aujourd'hui"
    if days == 1:
        return "d'ici demain"
    return f"dans les {days} jours"


def _how_soon(deadline: date, today: date) -> str:
    left = (deadline - today).days
    if left < 0:
        return f"en retard de {_plural(-left, 'jour', 'jours')}"
    if left == 0:
        return "aujourd'hui"
    if left == 1:
        return "demain"
    return f"dans {left} jours"


def _entry(item: DueItem, today: date) -> list[str]:
    """Three lines: reference and title; deadline and state; link."""
    reference = item.reference or "(sans référence)"
    return [
        f"- {reference} — {item.title}",
        f"  échéance le {_date(item.deadline)} ({_how_soon(item.deadline, today)}) — {item.state}",
        f"  {item.url}",
    ]


def render_digest(digest: Digest) -> tuple[str, str]:
    """The subject and plain-text body of a digest, in French.

    >>> claire = Recipient("claire", "Claire Dubois", "claire@example.be")
    >>> late = DueItem("u1", "https://x/d1", "2026/pu/1", "Extension", date(2026, 3, 2),
    ...                "En cours d'instruction", "Namur")
    >>> digest = Digest(claire, "Namur", date(2026, 3, 10), 7, (late,), ())
    >>> subject, body = render_digest(digest)
    >>> subject
    '[Namur] Rappel des échéances : 1 dossier en retard'
    >>> for line in body.splitlines()[4:8]:
    ...     print(line)
    En retard (1)
    - 2026/pu/1 — Extension
      échéance le 02/03/2026 (en retard de 8 jours) — En cours d'instruction
      https://x/d1
    """
    within = _within(digest.days)
    counts = []
    if digest.overdue:
        counts.append(_plural(len(digest.overdue), "dossier", "dossiers") + " en retard")
    if digest.upcoming:
        counts.append(
            _plural(len(digest.upcoming), "dossier", "dossiers") + f" à échéance {within}"
        )
    subject = f"[{digest.municipality}] Rappel des échéances : " + ", ".join(counts)
    lines = [
        f"Bonjour {digest.recipient.name},",
        "",
        f"Voici les dossiers de {digest.municipality} qui vous concernent "
        f"et dont l'échéance est dépassée ou tombe {within} "
        f"(situation au {_date(digest.today)}).",
    ]
    sections = (
        ("En retard", digest.overdue),
        (f"À échéance {within}", digest.upcoming),
    )
    for heading, items in sections:
        if items:
            lines += ["", f"{heading} ({len(items)})"]
            for item in items:
                lines += _entry(item, digest.today)
    lines += [
        "",
        "Ce rappel revient chaque jour tant qu'une échéance est proche ou dépassée ; "
        "un dossier n'y figure plus une fois décidé ou clôturé.",
        "",
        "-- ",
        "Plateforme communale — message automatique, merci de ne pas y répondre.",
    ]
    return subject, "\n".join(lines) + "\n"
