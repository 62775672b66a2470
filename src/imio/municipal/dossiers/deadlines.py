"""The legal deadlines of a case file, from its procedure (Plone-free).

The delays of :mod:`imio.municipal.dossiers.procedures` turned into dates by
the rule of :mod:`imio.municipal.core.calendar`.
"""

from dataclasses import dataclass
from datetime import date
from imio.municipal.core.calendar import legal_deadline
from imio.municipal.dossiers import procedures


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
