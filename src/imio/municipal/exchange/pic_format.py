"""The PIC plan sent to the Guichet des pouvoirs locaux: manifest and package (Plone-free).

Format: ``schemas/pic-1.0.xsd``, described in ``docs/exchange/README.md``.
Amounts are :class:`~decimal.Decimal` (a float is refused) and are written
with exactly two decimals; the names follow :mod:`imio.municipal.pic.rules`, whose
``investment_amounts`` gives the amounts of an :class:`Investment`.

A manifest that does not validate never leaves: :func:`build_pic_package`
raises :class:`~imio.municipal.exchange.common.InvalidManifest`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from decimal import Decimal
from imio.municipal.exchange.common import element
from imio.municipal.exchange.common import FileEntry
from imio.municipal.exchange.common import format_amount
from imio.municipal.exchange.common import format_timestamp
from imio.municipal.exchange.common import InvalidManifest
from imio.municipal.exchange.common import Sender
from imio.municipal.exchange.common import serialize
from imio.municipal.exchange.package import build_package
from imio.municipal.exchange.validation import validate


SCHEMA = "pic-1.0"
NAMESPACE = "urn:imio:municipal:pic:1.0"
VERSION = "1.0"


@dataclass(frozen=True)
class Investment:
    """An investment sheet of the plan (amounts incl. VAT, rates in percent)."""

    title: str
    category: str
    estimate_incl_vat: Decimal
    spge_share: Decimal
    eligible_amount: Decimal
    subsidy_rate: Decimal
    subsidy: Decimal
    municipal_share: Decimal
    # "A" to "G".
    phase: str
    location: str | None = None
    estimate_excl_vat: Decimal | None = None
    priority: int | None = None
    pst_objective: str | None = None


@dataclass(frozen=True)
class Totals:
    """The sums of the investments of a plan."""

    estimates: Decimal
    eligible: Decimal
    subsidies: Decimal
    municipal_share: Decimal

    @classmethod
    def of(cls, investments: Iterable[Investment]) -> "Totals":
        """The sums of ``investments``.

        >>> Totals.of([]).subsidies
        Decimal('0')
        """
        items = list(investments)
        return cls(
            estimates=sum((i.estimate_incl_vat for i in items), Decimal(0)),
            eligible=sum((i.eligible_amount for i in items), Decimal(0)),
            subsidies=sum((i.subsidy for i in items), Decimal(0)),
            municipal_share=sum((i.municipal_share for i in items), Decimal(0)),
        )


@dataclass(frozen=True)
class PlanSubmission:
    """An approved investment plan, with the council act that adopted it.

    ``totals`` None: the sums of ``investments``. ``files`` (e.g. the council
    deliberation) go into the package, covered by its checksums; the PIC 1.0
    manifest does not list them.
    """

    message_id: str
    created_at: datetime
    sender: Sender
    title: str
    # "2025-2027".
    period: str
    envelope: Decimal
    subsidy_rate: Decimal
    council_act_number: str
    council_session_date: date
    investments: tuple[Investment, ...] = ()
    totals: Totals | None = None
    files: tuple[FileEntry, ...] = ()


def _amount(parent, tag: str, value: Decimal, what: str) -> None:
    element(parent, tag, format_amount(value, what))


def _investment(parent, item: Investment, position: int) -> None:
    node = element(parent, "investment")
    what = f"investment {position}"
    element(node, "title", item.title)
    element(node, "category", item.category)
    if item.location:
        element(node, "location", item.location)
    if item.estimate_excl_vat is not None:
        _amount(node, "estimateExclVat", item.estimate_excl_vat, f"estimate excl. VAT of {what}")
    _amount(node, "estimateInclVat", item.estimate_incl_vat, f"estimate incl. VAT of {what}")
    _amount(node, "spgeShare", item.spge_share, f"SPGE share of {what}")
    _amount(node, "eligibleAmount", item.eligible_amount, f"eligible amount of {what}")
    _amount(node, "subsidyRate", item.subsidy_rate, f"subsidy rate of {what}")
    _amount(node, "subsidy", item.subsidy, f"subsidy of {what}")
    _amount(node, "municipalShare", item.municipal_share, f"municipal share of {what}")
    element(node, "phase", item.phase)
    if item.priority is not None:
        element(node, "priority", item.priority)
    if item.pst_objective:
        element(node, "pstObjective", item.pst_objective)


def pic_manifest(submission: PlanSubmission) -> bytes:
    """The ``manifest.xml`` of ``submission``: UTF-8, indented, deterministic.

    Not validated here (see :func:`build_pic_package`); raises TypeError for a
    float amount and ValueError for a fraction of a cent or a date and time
    without time zone.
    """
    from lxml import etree

    root = etree.Element(f"{{{NAMESPACE}}}plan", nsmap={"pic": NAMESPACE})
    root.set("version", VERSION)
    element(root, "messageId", submission.message_id)
    element(root, "createdAt", format_timestamp(submission.created_at))
    sender = element(root, "sender")
    element(sender, "insCode", submission.sender.ins_code)
    element(sender, "bceNumber", submission.sender.bce_number)
    element(sender, "name", submission.sender.name)
    plan = element(root, "plan")
    element(plan, "title", submission.title)
    element(plan, "period", submission.period)
    _amount(plan, "envelope", submission.envelope, "envelope")
    _amount(plan, "subsidyRate", submission.subsidy_rate, "subsidy rate of the plan")
    act = element(root, "councilAct")
    element(act, "number", submission.council_act_number)
    element(act, "sessionDate", submission.council_session_date.isoformat())
    investments = element(root, "investments")
    for position, item in enumerate(submission.investments, start=1):
        _investment(investments, item, position)
    totals = submission.totals or Totals.of(submission.investments)
    node = element(root, "totals")
    _amount(node, "estimates", totals.estimates, "total of the estimates")
    _amount(node, "eligible", totals.eligible, "total eligible amount")
    _amount(node, "subsidies", totals.subsidies, "total of the subsidies")
    _amount(node, "municipalShare", totals.municipal_share, "total municipal share")
    return serialize(root)


def check_pic(submission: PlanSubmission) -> list[str]:
    """Why ``submission`` cannot leave, one sentence each; [] when it can."""
    try:
        manifest = pic_manifest(submission)
    except (TypeError, ValueError) as error:
        return [str(error)]
    return validate(manifest, SCHEMA)


def build_pic_package(submission: PlanSubmission) -> bytes:
    """The ZIP package of ``submission`` (manifest, files, checksums).

    Raises InvalidManifest when the manifest cannot be written or does not validate.
    """
    try:
        manifest = pic_manifest(submission)
    except (TypeError, ValueError) as error:
        raise InvalidManifest([str(error)], "PIC") from error
    errors = validate(manifest, SCHEMA)
    if errors:
        raise InvalidManifest(errors, "PIC")
    return build_package(manifest, submission.files)
