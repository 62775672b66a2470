"""From Plone objects to the exchange formats' plain data.

The deliberation PDF sent to e-Tutelle is the one the secretariat stored as
an annex of the adopted act (see documents); the justificatory pieces are
the act's annexes flagged so. Missing pieces are refusals with a reason,
shown before the transition happens.
"""

from datetime import datetime
from decimal import Decimal
from imio.municipal import _
from imio.municipal.documents.generation import stored_pdf
from imio.municipal.errors import StateRefusal
from imio.municipal.exchange.common import FileEntry
from imio.municipal.exchange.common import Sender
from imio.municipal.exchange.etutelle import ActSubmission
from imio.municipal.exchange.pic_format import Investment
from imio.municipal.exchange.pic_format import PlanSubmission
from imio.municipal.exchange.pic_format import Totals
from imio.municipal.interfaces import IInvestment
from imio.municipal.pic.workflow import adopting_act
from imio.municipal.platform.lookup import municipality_of


class MissingPiece(StateRefusal, ValueError):
    """Something the region needs is not there; ``message`` says what (i18n)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def sender(obj) -> Sender:
    municipality = municipality_of(obj)
    return Sender(municipality.ins_code, municipality.bce_number, municipality.Title())


def _file_data(obj) -> tuple[str, str, bytes]:
    blob = obj.file if obj.portal_type == "File" else obj.image
    return blob.filename or obj.getId(), blob.contentType or "application/octet-stream", blob.data


def act_files(act) -> tuple[FileEntry, ...]:
    pdf = stored_pdf(act)
    if pdf is None:
        raise MissingPiece(
            _(
                "refusal_transmit_without_pdf",
                default="Store the deliberation PDF as an annex (Documents) before "
                "transmitting: the tutelle authority receives the deliberation itself.",
            )
        )
    name, media_type, data = _file_data(pdf)
    files = [FileEntry(name, media_type, data, "deliberation")]
    for child in act.objectValues():
        if child is pdf or child.portal_type not in ("File", "Image"):
            continue
        if getattr(child, "justificatory", False):
            name, media_type, data = _file_data(child)
            files.append(FileEntry(name, media_type, data, "justificatory"))
    return tuple(files)


def act_submission(act, message_id: str, now: datetime) -> ActSubmission:
    counts = (act.members_present, act.votes_for, act.votes_against, act.votes_abstention)
    # No vote recorded (e.g. a college decision): the manifest has no vote block.
    voted = any(count is not None for count in counts)
    return ActSubmission(
        message_id=message_id,
        created_at=now,
        sender=sender(act),
        number=act.number,
        kind=act.kind,
        body=act.body,
        matter=act.matter,
        regime=act.tutelle_regime,
        title=act.Title(),
        session_date=act.session_date,
        members_present=act.members_present,
        votes_for=act.votes_for,
        votes_against=act.votes_against,
        votes_abstention=act.votes_abstention,
        unanimity=act.unanimity if voted else None,
        files=act_files(act),
    )


def _investment(item, plan) -> Investment:
    amounts = item.amounts(plan)
    return Investment(
        title=item.Title(),
        category=item.category,
        estimate_incl_vat=amounts.get("estimate_incl_vat", item.estimate_incl_vat or Decimal(0)),
        spge_share=amounts.get("spge_share") or Decimal("0.00"),
        eligible_amount=amounts["eligible_amount"],
        subsidy_rate=item.rate(plan),
        subsidy=amounts["subsidy"],
        municipal_share=amounts["municipal_share"],
        phase=item.phase,
        location=item.location or None,
        estimate_excl_vat=item.estimate_excl_vat,
        priority=item.priority,
        pst_objective=item.pst_objective or None,
    )


def plan_submission(plan, message_id: str, now: datetime) -> PlanSubmission:
    act = adopting_act(plan)
    investments = tuple(
        _investment(item, plan) for item in plan.objectValues() if IInvestment.providedBy(item)
    )
    return PlanSubmission(
        message_id=message_id,
        created_at=now,
        sender=sender(plan),
        title=plan.Title(),
        period=plan.period,
        envelope=plan.envelope,
        subsidy_rate=plan.subsidy_rate,
        council_act_number=act.number,
        council_session_date=act.session_date,
        investments=investments,
        totals=Totals.of(investments),
    )
