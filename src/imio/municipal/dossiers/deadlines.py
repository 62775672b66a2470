"""Legal delays turned into dates (Plone-free).

One rule for every delay counted in days, whether a Dossier's procedure
(:mod:`imio.municipal.dossiers.procedures`) or the tutelle on acts: the delay runs from
the day after its starting event, the last day counts, and a last day falling on
a Saturday, Sunday or public holiday moves to the next working day. The
general rule of the Judicial Code (art. 52-53) is the same. The CoDT's own
provision on computing delays (D.I.16) was not read: the rule is
applied to CoDT delays on the strength of the municipal practice pages, which
count "from the day after the acknowledgement was sent" (Virton).

For case files the holidays are the federal ones (``holidays`` for "BE": the
ten legal holidays, plus Easter and Whit Sunday, Sundays anyway); 27 September
does not move a CoDT delay. The tutelle on acts (CDLD art. L3113-1) has its own
list, the federal holidays plus 27 September, 2 and 15 November and 26
December: see ``tutelle_deadline`` below.
"""

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from functools import lru_cache
from imio.municipal.acts import tutelle
from imio.municipal.dossiers import procedures
from zoneinfo import ZoneInfo

import holidays


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    # Building a holiday calendar is slow compared to a set lookup.
    return frozenset(holidays.country_holidays("BE", years=year))


def _as_date(day: date) -> date:
    # A datetime is a date, but it never equals one: a holiday lookup would miss.
    return day.date() if isinstance(day, datetime) else day


def is_working_day(day: date) -> bool:
    """Whether ``day`` is neither a weekend day nor a Belgian public holiday.

    >>> is_working_day(date(2026, 11, 11)), is_working_day(date(2026, 11, 12))
    (False, True)
    """
    day = _as_date(day)
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def next_working_day(day: date) -> date:
    """``day`` itself if it is a working day, else the next working day.

    >>> next_working_day(date(2026, 12, 25))  # Christmas is a Friday
    datetime.date(2026, 12, 28)
    """
    day = _as_date(day)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def legal_deadline(start: date, days: int) -> date:
    """The last day of a delay of ``days`` days that starts with event ``start``.

    The day of ``start`` is not counted, the last day is, and a last day that is
    not a working day moves to the next working day.

    >>> legal_deadline(date(2026, 3, 4), 10)  # 14 March 2026 is a Saturday
    datetime.date(2026, 3, 16)
    """
    if days < 0:
        raise ValueError(f"A delay cannot be negative: {days} days")
    return next_working_day(_as_date(start) + timedelta(days=days))


BRUSSELS = ZoneInfo("Europe/Brussels")


def belgian_today() -> date:
    """The calendar day in Belgium: legal delays count Belgian days."""
    return datetime.now(BRUSSELS).date()


@dataclass(frozen=True)
class DossierDeadlines:
    """The legal deadlines of a Dossier; None where unknown or not applicable."""

    # The authority must acknowledge a complete file or list the missing pieces.
    completeness_deadline: date | None = None
    # The authority must send its decision (or, for generic files, the due date).
    decision_deadline: date | None = None
    # The applicant must complete an incomplete file, else it is inadmissible.
    completion_limit: date | None = None


def compute_dossier_deadlines(
    procedure: str,
    *,
    received_date: date | None,
    completeness_date: date | None = None,
    incompleteness_date: date | None = None,
    delegated_officer: bool = False,
    opinions: bool = False,
    inquiry: bool = False,
    extension_days: int = 0,
    due_date: date | None = None,
) -> DossierDeadlines:
    """The deadlines of a file following ``procedure`` (a code of :data:`PROCEDURES`).

    - ``received_date``: the authority received the request (after an incomplete
      file, the date the missing pieces arrived: the procedure starts again then).
    - ``completeness_date``: the acknowledgement of a complete file was sent; the
      decision delay runs from it (CoDT D.IV.46; for environment permits, from the
      finding that the file is complete). Without an acknowledgement in time, D.IV.46
      runs the delay from the day after the acknowledgement delay ended: pass the
      completeness deadline as ``completeness_date``.
    - ``incompleteness_date``: the list of missing pieces was sent.
    - ``delegated_officer``, ``opinions``, ``inquiry``: see
      :meth:`Procedure.decision_delay`.
    - ``extension_days``: the extension of the decision delay; refused when
      negative, above the legal maximum, or for a procedure without a decision
      delay (change a generic file's ``due_date`` instead).
    - ``due_date``: a generic file's decision deadline, as given; ignored for the
      procedures with a legal delay, whose deadline the law sets.

    >>> compute_dossier_deadlines("pu", received_date=date(2026, 2, 4)).completeness_deadline
    datetime.date(2026, 2, 24)
    """
    proc = procedures.get(procedure)
    delay = proc.decision_delay(
        delegated_officer=delegated_officer, opinions=opinions, inquiry=inquiry
    )
    _check_extension(proc, delay, extension_days)

    completeness_deadline = None
    if proc.completeness_days is not None and received_date is not None:
        completeness_deadline = legal_deadline(received_date, proc.completeness_days)

    if proc.decision_runs_from == "due_date":
        decision_deadline = due_date
    else:
        start = completeness_date if proc.decision_runs_from == "completeness" else received_date
        decision_deadline = None
        if delay is not None and start is not None:
            decision_deadline = legal_deadline(start, delay + extension_days)

    completion_limit = None
    if proc.completion_limit_days is not None and incompleteness_date is not None:
        completion_limit = legal_deadline(incompleteness_date, proc.completion_limit_days)

    return DossierDeadlines(
        completeness_deadline=completeness_deadline,
        decision_deadline=decision_deadline,
        completion_limit=completion_limit,
    )


def _check_extension(proc: procedures.Procedure, delay: int | None, extension_days: int) -> None:
    if extension_days < 0:
        raise ValueError(f"An extension cannot be negative: {extension_days} days")
    if extension_days and delay is None:
        raise ValueError(
            f"Procedure {proc.code!r} has no legal decision delay to extend"
            f" (asked: {extension_days} days)"
        )
    if proc.max_extension_days is not None and extension_days > proc.max_extension_days:
        raise ValueError(
            f"Procedure {proc.code!r} allows an extension of at most"
            f" {proc.max_extension_days} days ({proc.article}); asked: {extension_days} days"
        )


def urgency(deadline: date | None, today: date, soon_days: int = 7) -> str | None:
    """How pressing ``deadline`` is on ``today``: "overdue", "soon", "ok", or None.

    "soon" means at most ``soon_days`` days left, the deadline day included.

    >>> urgency(date(2026, 3, 17), today=date(2026, 3, 10))
    'soon'
    """
    if deadline is None:
        return None
    left = (_as_date(deadline) - _as_date(today)).days
    if left < 0:
        return "overdue"
    if left <= soon_days:
        return "soon"
    return "ok"


# Tutelle on acts (CDLD Part III; sources in :mod:`imio.municipal.acts.tutelle`).
#
# The tutelle computation differs from the rule above in one point: besides
# Saturdays and Sundays, the days that move the last day are those listed by the
# CDLD (``tutelle.TUTELLE_HOLIDAYS_FR``), i.e. the federal public holidays plus
# 27 September, 2 and 15 November and 26 December. ``legal_deadline`` keeps the
# federal list for the Dossier procedures.


@lru_cache(maxsize=64)
def _tutelle_holidays(year: int) -> frozenset[date]:
    extra = {date(year, month, day) for month, day in tutelle.EXTRA_TUTELLE_HOLIDAYS}
    return _public_holidays(year) | extra


def is_tutelle_working_day(day: date) -> bool:
    """Whether ``day`` can be the last day of a tutelle delay.

    Not a Saturday or Sunday, nor a day of the CDLD list, which has 27 September
    and 2 November on top of the federal holidays.

    >>> is_tutelle_working_day(date(2026, 11, 2)), is_working_day(date(2026, 11, 2))
    (False, True)
    """
    day = _as_date(day)
    return day.weekday() < 5 and day not in _tutelle_holidays(day.year)


def tutelle_deadline(regime: str, receipt_date: date, extension_days: int = 0) -> date | None:
    """The last day the tutelle authority has to decide on an act.

    ``regime`` is a code of :data:`imio.municipal.acts.tutelle.REGIMES`;
    ``receipt_date`` the day the authority received the act with its
    justificatory pieces. The delay (30 days, for annulment or approval) runs
    from the next day, the last day counts and moves to the next day that
    :func:`is_tutelle_working_day`; there is no summer suspension since 2019.
    ``extension_days`` is the authority's one extension, at most 15 days; it is
    refused when negative, too long, or without tutelle. None without tutelle.

    >>> tutelle_deadline("approval", date(2026, 2, 2))
    datetime.date(2026, 3, 4)
    >>> tutelle_deadline("approval", date(2026, 2, 2), extension_days=15)
    datetime.date(2026, 3, 19)
    >>> tutelle_deadline("none", date(2026, 2, 2)) is None
    True
    """
    spec = tutelle.get_regime(regime)
    if extension_days < 0:
        raise ValueError(f"An extension cannot be negative: {extension_days} days")
    if spec.decision_days is None:
        if extension_days:
            raise ValueError(
                f"Regime {spec.code!r} has no tutelle delay to extend"
                f" (asked: {extension_days} days)"
            )
        return None
    if spec.max_extension_days is not None and extension_days > spec.max_extension_days:
        raise ValueError(
            f"The tutelle delay can be extended by at most {spec.max_extension_days} days"
            f" ({spec.article}); asked: {extension_days} days"
        )
    day = _as_date(receipt_date) + timedelta(days=spec.decision_days + extension_days)
    while not is_tutelle_working_day(day):
        day += timedelta(days=1)
    return day


def expired(deadline: date | None, today: date) -> bool:
    """Whether ``deadline`` has passed on ``today``: the last day itself still counts.

    >>> expired(date(2026, 3, 4), date(2026, 3, 4)), expired(date(2026, 3, 4), date(2026, 3, 5))
    (False, True)
    """
    if deadline is None:
        return False
    return _as_date(today) > _as_date(deadline)


def binding_date(publication_date: date) -> date:
    """The day a published regulation or ordinance binds (CDLD L1133-2).

    "Le cinquième jour qui suit le jour de leur publication": the publication
    day plus 5 calendar days. It is not a delay given to anyone to act, so a
    weekend or holiday does not move it.

    >>> binding_date(date(2026, 3, 2))  # Monday -> Saturday
    datetime.date(2026, 3, 7)
    """
    return _as_date(publication_date) + timedelta(days=tutelle.BINDING_DAYS_AFTER_PUBLICATION)
