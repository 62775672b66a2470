"""What each figure of the dashboard is called, says and draws."""

from dataclasses import dataclass
from datetime import date
from imio.municipal import _
from imio.municipal.errors import InvalidInput
from imio.municipal.steering.figures import Period


MAX_MONTHS = 60


class FilterRefusal(InvalidInput):
    """A filter of the dashboard that cannot be used; `message` says why."""

    def __init__(self, message) -> None:
        self.message = message
        super().__init__(str(message))


@dataclass(frozen=True)
class Section:
    name: str  # the table's name
    title: object  # a message id
    description: object
    charted: tuple[str, ...] = ()  # the columns drawn (default: the counts)


SECTIONS = (
    Section(
        "dossier_flow",
        _("steering_dossier_flow", default="Case files received and decided"),
        _(
            "steering_dossier_flow_help",
            default="Case files received and decided per month of the period.",
        ),
    ),
    Section(
        "dossiers_by_service",
        _("steering_dossiers_by_service", default="Case files per service"),
        _(
            "steering_dossiers_by_service_help",
            default="Per service: files received and decided in the period, and files "
            "whose running deadline has passed today.",
        ),
    ),
    Section(
        "dossiers_by_procedure",
        _("steering_dossiers_by_procedure", default="Decisions within the legal deadline"),
        _(
            "steering_dossiers_by_procedure_help",
            default="Per procedure, of the files decided in the period: the share decided "
            "by the legal deadline and the median days from receipt to decision.",
        ),
        ("share_within_deadline",),
    ),
    Section(
        "acts_by_month",
        _("steering_acts_by_month", default="Acts per body"),
        _("steering_acts_by_month_help", default="Acts per month of their session and body."),
    ),
    Section(
        "tutelle_outcomes",
        _("steering_tutelle_outcomes", default="Outcomes of the tutelle"),
        _(
            "steering_tutelle_outcomes_help",
            default="Tutelle outcomes of the period and the median days the Region took "
            "from receiving the act.",
        ),
    ),
    Section(
        "exchanges_by_month",
        _("steering_exchanges_by_month", default="Exchanges with the Region"),
        _(
            "steering_exchanges_by_month_help",
            default="Messages per month: sent, acknowledged by the Region, rejected, and the "
            "median hours until the receipt.",
        ),
    ),
    Section(
        "pic_use",
        _("steering_pic_use", default="PIC envelope used"),
        _(
            "steering_pic_use_help",
            default="Per investment plan: the share of the envelope its subsidies use.",
        ),
        ("share_used",),
    ),
    Section(
        "projects_by_state",
        _("steering_projects_by_state", default="Shared projects"),
        _(
            "steering_projects_by_state_help",
            default="The shared projects the municipality takes part in, by state.",
        ),
    ),
    Section(
        "publications_by_month",
        _("steering_publications_by_month", default="Publications"),
        _(
            "steering_publications_by_month_help",
            default="Acts published per month, and how many within 10 days of becoming executory.",
        ),
    ),
    Section(
        "sessions_by_body",
        _("steering_sessions_by_body", default="Sessions and postponed items"),
        _(
            "steering_sessions_by_body_help",
            default="Per body, the sessions of the period: their agenda items, the median "
            "items per session and the items postponed to a later session.",
        ),
    ),
)
SECTIONS_BY_NAME = {section.name: section for section in SECTIONS}

COLUMN_TITLES = {
    "month": _("steering_col_month", default="Month"),
    "service": _("steering_col_service", default="Service"),
    "procedure": _("steering_col_procedure", default="Procedure"),
    "received": _("steering_col_received", default="Received"),
    "decided": _("steering_col_decided", default="Decided"),
    "overdue": _("steering_col_overdue", default="Overdue today"),
    "within_deadline": _("steering_col_within_deadline", default="Within the deadline"),
    "share_within_deadline": _("steering_col_share_within_deadline", default="Share in time"),
    "median_days": _("steering_col_median_days", default="Median days"),
    "outcome": _("steering_col_outcome", default="Outcome"),
    "acts": _("steering_col_acts", default="Acts"),
    "conseil": _("body_conseil", default="Municipal council"),
    "college": _("body_college", default="Municipal college"),
    "bourgmestre": _("body_bourgmestre", default="Mayor"),
    "published": _("steering_col_published", default="Published"),
    "published_in_time": _("steering_col_published_in_time", default="Published in time"),
    "share_in_time": _("steering_col_share_in_time", default="Share in time"),
    "sent": _("steering_col_sent", default="Sent"),
    "acknowledged": _("steering_col_acknowledged", default="Acknowledged"),
    "rejected": _("steering_col_rejected", default="Rejected"),
    "median_hours": _("steering_col_median_hours", default="Median hours"),
    "plan": _("steering_col_plan", default="Plan"),
    "envelope": _("steering_col_envelope", default="Envelope"),
    "used": _("steering_col_used", default="Subsidies"),
    "share_used": _("steering_col_share_used", default="Share used"),
    "state": _("steering_col_state", default="State"),
    "projects": _("steering_col_projects", default="Projects"),
    "municipality": _("steering_col_municipality", default="Municipality"),
    "annulled": _("steering_col_annulled", default="Annulled or not approved"),
    "body": _("steering_col_body", default="Body"),
    "sessions": _("steering_col_sessions", default="Sessions"),
    "items": _("steering_col_items", default="Agenda items"),
    "median_items": _("steering_col_median_items", default="Median items per session"),
    "postponed": _("steering_col_postponed", default="Postponed"),
    "share_postponed": _("steering_col_share_postponed", default="Share postponed"),
}


def default_period(today: date) -> Period:
    """The last twelve months, this one included."""
    year, month = today.year, today.month - 11
    if month < 1:
        year, month = year - 1, month + 12
    return Period(date(year, month, 1), today)


BAD_DATE = {
    "start": _(
        "steering_refusal_start",
        default="The start of the period must be a date such as 31/12/2026.",
    ),
    "end": _(
        "steering_refusal_end",
        default="The end of the period must be a date such as 31/12/2026.",
    ),
}


def _date(value, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise FilterRefusal(BAD_DATE[name]) from None


def period_from(form, today: date) -> Period:
    """The period asked for (ISO dates `start` and `end`), or the default."""
    start, end = form.get("start") or "", form.get("end") or ""
    if not start and not end:
        return default_period(today)
    default = default_period(today)
    period = Period(
        _date(start, "start") if start else default.start,
        _date(end, "end") if end else default.end,
    )
    if period.start > period.end:
        raise FilterRefusal(
            _("steering_refusal_order", default="The period must start before it ends.")
        )
    if len(period.months()) > MAX_MONTHS:
        raise FilterRefusal(
            _(
                "steering_refusal_long",
                default="The period may cover at most ${months} months.",
                mapping={"months": MAX_MONTHS},
            )
        )
    return period


def service_from(form, services) -> str | None:
    service = form.get("service") or None
    if service is not None and service not in services:
        raise FilterRefusal(_("steering_refusal_service", default="Unknown service."))
    return service
