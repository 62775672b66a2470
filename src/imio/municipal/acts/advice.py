"""Advice on a draft act: asked by the service, given by the adviser.

The advice is part of the act's file, like its vote: a list of records kept
in the act's annotations, asked and given only through the functions below
(browser and REST alike). Who may ask or give is decided per state by the
act's workflow (``imio.municipal: Ask advice`` / ``Give advice``); asking
grants the adviser's group the local role MunicipalAdviser on this act only,
so the directeur financier reads exactly the acts he is asked about and never
edits them. The rules (threshold, delays, the gate) are in
:mod:`imio.municipal.acts.advice_rules`.
"""

from datetime import date
from imio.municipal import _
from imio.municipal.acts import advice_mail
from imio.municipal.acts import advice_rules as rules
from imio.municipal.core import calendar
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.errors import StateRefusal
from imio.municipal.platform import naming
from imio.municipal.platform.lookup import municipality_of
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations

import uuid


ANNOTATION_KEY = "imio.municipal.advice"
ADVISER_ROLE = "MunicipalAdviser"
ASK_PERMISSION = "imio.municipal: Ask advice"
GIVE_PERMISSION = "imio.municipal: Give advice"
MAX_TEXT = 20000
GATED_TRANSITIONS = ("validate", "resume", "adopt")


def refusal(cls, message):
    """A refusal whose reason is ``message`` (translated where it is shown)."""
    error = cls(message)
    error.message = message
    return error


def _records(act, create: bool = False):
    annotations = IAnnotations(act)
    records = annotations.get(ANNOTATION_KEY)
    if records is None and create:
        records = annotations[ANNOTATION_KEY] = PersistentList()
    return records if records is not None else []


def advices(act) -> list[dict]:
    """Every advice asked on ``act``, oldest first (copies: change them with ask/give)."""
    return [dict(record) for record in _records(act)]


def _find(act, advice_id: str):
    for record in _records(act):
        if record["id"] == advice_id:
            return record
    raise refusal(
        InvalidInput,
        _(
            "refusal_advice_unknown",
            default="This act has no advice « ${id} »: read the act's @advice for its advice.",
            mapping={"id": str(advice_id)[:40]},
        ),
    )


def _adviser(act, kind: str, service: str | None) -> tuple[str, str]:
    """The group asked and how the « Vu » names it."""
    municipality = municipality_of(act)
    if kind == rules.FINANCIAL_DIRECTOR:
        return naming.financial_director_group(municipality.ins_code), "du directeur financier"
    if kind != rules.SERVICE:
        raise refusal(
            InvalidInput,
            _(
                "refusal_advice_kind",
                default="Ask the advice of the directeur financier (financial_director) "
                "or of a service (service).",
            ),
        )
    titles = {row["id"]: row["title"] for row in municipality.services or []}
    if service not in titles:
        raise refusal(
            InvalidInput,
            _(
                "refusal_advice_service",
                default="Choose one of the municipality's services for the advice: ${services}.",
                mapping={"services": ", ".join(sorted(titles))},
            ),
        )
    if service == act.responsible_service:
        raise refusal(
            InvalidInput,
            _(
                "refusal_advice_own_service",
                default="The act is prepared by this service: ask another service's advice.",
            ),
        )
    return naming.reviewers_group(municipality.ins_code, service), f"du service {titles[service]}"


def _check_permission(act, permission: str, message) -> None:
    if not api.user.has_permission(permission, obj=act):
        raise refusal(NotAllowed, message)


def ask(
    act,
    kind: str,
    service: str | None = None,
    urgent: bool = False,
    motivation: str = "",
    today: date | None = None,
) -> dict:
    """Ask the directeur financier's (or a service's) advice on ``act``.

    The file counts as received complete today: the delay runs from it.
    """
    _check_permission(
        act,
        ASK_PERMISSION,
        _(
            "refusal_advice_ask_not_allowed",
            default="Only those who prepare the act ask for an advice, before it is "
            "adopted: nothing was asked.",
        ),
    )
    group, title = _adviser(act, kind, service)
    motivation = (motivation or "").strip()
    if urgent and not motivation:
        raise refusal(
            InvalidInput,
            _(
                "refusal_advice_urgency_motivation",
                default="An urgency shortens the delay to five working days: say why (motivation).",
            ),
        )
    if len(motivation) > MAX_TEXT:
        raise refusal(InvalidInput, _("refusal_advice_too_long", default="The text is too long."))
    for record in _records(act):
        if record["adviser"] == group and record["status"] != rules.PASSED_OVER:
            raise refusal(
                StateRefusal,
                _(
                    "refusal_advice_already_asked",
                    default="This advice was already asked on ${date}: one request per adviser.",
                    mapping={"date": f"{record['asked_on']:%d/%m/%Y}"},
                ),
            )
    today = today or calendar.belgian_today()
    record = PersistentMapping(
        id=uuid.uuid4().hex[:12],
        kind=kind,
        service=service if kind == rules.SERVICE else None,
        adviser=group,
        adviser_title=title,
        asked_on=today,
        asked_by=api.user.get_current().getId(),
        urgent=bool(urgent),
        motivation=motivation,
        due=rules.due_date(today, urgent=bool(urgent)),
        status=rules.ASKED,
        sense=None,
        text="",
        given_on=None,
        given_by=None,
        passed_over_on=None,
    )
    _records(act, create=True).append(record)
    roles = set(act.get_local_roles_for_userid(group)) | {ADVISER_ROLE}
    act.manage_setLocalRoles(group, sorted(roles))
    act.reindexObjectSecurity()
    advice_mail.advice_asked(act, record)
    return dict(record)


def give(act, advice_id: str, sense: str, text: str = "", today: date | None = None) -> dict:
    """The adviser gives the advice ``advice_id``: its sense, text and date."""
    record = _find(act, advice_id)
    not_yours = _(
        "refusal_advice_give_not_allowed",
        default="Only the adviser who was asked gives this advice, before the act is "
        "adopted: nothing was saved.",
    )
    _check_permission(act, GIVE_PERMISSION, not_yours)
    user = api.user.get_current()
    if record["adviser"] not in (user.getGroups() or []):
        raise refusal(NotAllowed, not_yours)
    if record["status"] == rules.GIVEN:
        raise refusal(
            StateRefusal,
            _(
                "refusal_advice_already_given",
                default="This advice was already given on ${date}: it is not given twice.",
                mapping={"date": f"{record['given_on']:%d/%m/%Y}"},
            ),
        )
    if record["status"] == rules.PASSED_OVER:
        raise refusal(
            StateRefusal,
            _(
                "refusal_advice_passed_over",
                default="The act went on without this advice on ${date}, after its delay.",
                mapping={"date": f"{record['passed_over_on']:%d/%m/%Y}"},
            ),
        )
    text = (text or "").strip() if isinstance(text, str) else None
    if text is None or len(text) > MAX_TEXT:
        raise refusal(InvalidInput, _("refusal_advice_too_long", default="The text is too long."))
    try:
        rules.check_sense(sense, text)
    except ValueError as error:
        if str(error) == "text_required":
            raise refusal(
                InvalidInput,
                _(
                    "refusal_advice_text_required",
                    default="An unfavourable advice, or one with remarks, says why: "
                    "write its text.",
                ),
            ) from None
        raise refusal(
            InvalidInput,
            _(
                "refusal_advice_sense",
                default="The advice is favourable, favourable_with_remarks or unfavourable.",
            ),
        ) from None
    record.update(
        status=rules.GIVEN,
        sense=sense,
        text=text,
        given_on=today or calendar.belgian_today(),
        given_by=user.getId(),
    )
    act.reindexObject(idxs=["modified"])
    advice_mail.advice_given(act, record)
    return dict(record)


def _facts(act) -> list[rules.AdviceFacts]:
    return [
        rules.AdviceFacts(r["kind"], r["status"], r["due"], r["adviser_title"])
        for r in _records(act)
    ]


def advice_refusals(act, today: date | None = None) -> list:
    """Why ``act`` may not go before its deciding body yet (empty: it may).

    Translatable messages; the sessions' agenda calls it too.
    """
    today = today or calendar.belgian_today()
    reasons = []
    impact = getattr(act, "financial_impact", None)
    for missing in rules.missing_advice(impact, _facts(act), today):
        if missing.code == "not_asked":
            reasons.append(
                _(
                    "refusal_advice_not_asked",
                    default="The financial impact exceeds 22 000 € excl. VAT: ask the "
                    "directeur financier's legality advice first (CDLD L1124-40).",
                )
            )
        else:
            reasons.append(
                _(
                    "refusal_advice_pending",
                    default="The advice ${adviser} is awaited until ${date}: the act goes "
                    "on once it is given or after that day.",
                    mapping={"adviser": missing.adviser_title, "date": f"{missing.due:%d/%m/%Y}"},
                )
            )
    return reasons


def record_passed_over(act, today: date | None = None) -> None:
    """The act goes on: every advice asked and past its delay is passed over, with the day."""
    today = today or calendar.belgian_today()
    for record in _records(act):
        if record["status"] == rules.ASKED and rules.may_go_on_without(record["due"], today):
            record.update(status=rules.PASSED_OVER, passed_over_on=today)


def recitals(act) -> list[str]:
    """The deliberation's « Vu » lines: advice given, and advice passed over."""
    lines = []
    for r in _records(act):
        extended_on = r.get("extended_on")
        if r["status"] == rules.GIVEN:
            lines.append(
                rules.recital(
                    r["kind"], r["adviser_title"], r["sense"], r["given_on"], r["due"], extended_on
                )
            )
        elif r["status"] == rules.PASSED_OVER:
            lines.append(
                rules.recital(r["kind"], r["adviser_title"], None, None, r["due"], extended_on)
            )
    return lines


def as_json(record: dict) -> dict:
    """One advice for REST: dates in ISO format."""
    return {
        key: value.isoformat() if isinstance(value, date) else value
        for key, value in record.items()
    }


def forget_on_copy(act, event) -> None:
    """A copy is a new draft: its advice is asked again, the advisers lose their access."""
    IAnnotations(act).pop(ANNOTATION_KEY, None)
    advisers = [
        principal for principal, roles in (act.get_local_roles() or ()) if ADVISER_ROLE in roles
    ]
    for principal in advisers:
        kept = [role for role in act.get_local_roles_for_userid(principal) if role != ADVISER_ROLE]
        act.manage_delLocalRoles([principal])
        if kept:
            act.manage_setLocalRoles(principal, kept)
