"""A consultation of the authentic sources, always in a case file and for a purpose.

The checks run before the source is asked: the user may change the case
file (a closed one is not completed any more), the purpose serves the case
file's procedure and may look this kind of number up, the municipality holds
an authorisation for it, the number is valid. Each answer is recorded on the
case file (its history, and what the source said, to mark the fields filled
from it) and sent as an :class:`IAuthenticSourceLookup` event.
"""

from DateTime import DateTime
from imio.municipal import _
from imio.municipal.authentic import purposes
from imio.municipal.authentic.answers import applicant_fields
from imio.municipal.authentic.answers import Enterprise
from imio.municipal.authentic.answers import Person
from imio.municipal.authentic.answers import UnknownNumber
from imio.municipal.authentic.authorisations import authorisations
from imio.municipal.authentic.authorisations import refusal
from imio.municipal.authentic.client import BcedClient
from imio.municipal.authentic.identifiers import compact
from imio.municipal.authentic.identifiers import KINDS
from imio.municipal.authentic.interfaces import AuthenticSourceLookup
from imio.municipal.dossiers.content import APPLICANT_KEYS
from imio.municipal.dossiers.content import IDossierSchema
from imio.municipal.errors import InvalidInput
from imio.municipal.errors import NotAllowed
from imio.municipal.errors import StateRefusal
from imio.municipal.exchange.effects import in_site_language
from imio.municipal.interfaces import IDossier
from imio.municipal.platform.lookup import ins_code_of
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.event import notify


#: What the sources answered, per number: the values they gave (to mark fields).
ANSWERS_KEY = "imio.municipal.authentic.answers"
WORKFLOW = "municipal_dossier_workflow"
SOURCE_TITLES = {
    "person": _("authentic_source_person", default="national register"),
    "enterprise": _("authentic_source_enterprise", default="Crossroads Bank for Enterprises"),
}


def available_purposes(dossier) -> list[purposes.Purpose]:
    """The purposes the municipality is authorised for that this case file serves."""
    granted = authorisations(dossier)
    return [p for p in purposes.purposes_for_procedure(dossier.procedure) if p.id in granted]


def check_lookup(dossier, kind: str, purpose_id: str) -> purposes.Purpose:
    """The purpose, once every rule allows the lookup; a refusal saying why otherwise."""
    if not IDossier.providedBy(dossier):
        raise refusal(
            StateRefusal,
            _(
                "error_authentic_outside_dossier",
                default="The authentic sources are consulted only within a case file.",
            ),
        )
    if not api.user.has_permission("Modify portal content", obj=dossier):
        raise refusal(
            NotAllowed,
            _(
                "error_authentic_not_allowed",
                default="Only those who may change this case file, while it is open, may "
                "complete it from the authentic sources.",
            ),
        )
    if kind not in KINDS:
        raise refusal(
            InvalidInput,
            _(
                "error_authentic_kind",
                default="Choose what to look up: a person (NISS) or an enterprise (BCE).",
            ),
        )
    purpose = purposes.get(purpose_id)
    if dossier.procedure not in purpose.procedures or kind not in purpose.sources:
        raise refusal(
            InvalidInput,
            _(
                "error_authentic_purpose_procedure",
                default="The purpose « ${purpose} » does not serve a case file of this "
                "procedure: the authentic sources were not consulted.",
                mapping={"purpose": purpose.title_fr},
            ),
        )
    if purpose.id not in authorisations(dossier):
        raise refusal(
            NotAllowed,
            _(
                "error_authentic_not_authorised",
                default="The municipality holds no authorisation to consult the authentic "
                "sources for « ${purpose} »: ask the platform administrator to record it.",
                mapping={"purpose": purpose.title_fr},
            ),
        )
    return purpose


def lookup(dossier, kind: str, number: str, purpose_id: str, client=None) -> Person | Enterprise:
    """Ask the BCED about ``number`` for ``purpose_id`` within ``dossier``."""
    purpose = check_lookup(dossier, kind, purpose_id)
    number = compact(kind, number)
    client = client or BcedClient.from_environment()
    requester = ins_code_of(dossier) or ""
    userid = api.user.get_current().getId()
    try:
        record = client.lookup(kind, number, purpose.id, requester)
    except UnknownNumber:
        notify(
            AuthenticSourceLookup(dossier, kind, number, purpose.id, userid, "unknown", requester)
        )
        raise
    _remember(dossier, kind, number, purpose, record)
    notify(AuthenticSourceLookup(dossier, kind, number, purpose.id, userid, "found", requester))
    return record


def _remember(dossier, kind, number, purpose, record) -> None:
    annotations = IAnnotations(dossier)
    if ANSWERS_KEY not in annotations:
        annotations[ANSWERS_KEY] = PersistentMapping()
    annotations[ANSWERS_KEY][number] = {
        "kind": kind,
        "fields": applicant_fields(record),
        "purpose": purpose.id,
        "at": DateTime().ISO8601(),
    }
    comment = in_site_language(
        _(
            "history_authentic_lookup",
            default="Consulted the ${source} about ${number} for « ${purpose} ».",
            mapping={
                "source": in_site_language(SOURCE_TITLES[kind]),
                "number": number,
                "purpose": in_site_language(purpose.title),
            },
        )
    )
    api.portal.get_tool("portal_workflow").setStatusOf(
        WORKFLOW,
        dossier,
        {
            "action": "authentic_lookup",
            "review_state": api.content.get_state(dossier),
            "actor": api.user.get_current().getId(),
            "comments": comment,
            "time": DateTime(),
        },
    )


def fill_row(dossier, position: int, kind: str, record: Person | Enterprise) -> dict:
    """Write the record into applicant row ``position`` (0-based); the new row."""
    # Every column present: the table's schema refuses a row missing one.
    rows = [{key: row.get(key) for key in APPLICANT_KEYS} for row in (dossier.applicants or [])]
    if not 0 <= position < len(rows):
        raise refusal(
            InvalidInput,
            _(
                "error_authentic_row",
                default="There is no applicant number ${position} in this case file.",
                mapping={"position": position + 1},
            ),
        )
    row = rows[position]
    row.update(applicant_fields(record))
    row["kind"] = "person" if kind == "person" else "company"
    if kind == "person":
        row["niss"] = record.niss
    else:
        row["bce"] = record.bce
    IDossierSchema["applicants"].bind(dossier).validate(rows)
    dossier.applicants = rows
    return row


def filled_fields(dossier) -> list[list[str]]:
    """Per applicant row, the fields whose value is still what a source gave."""
    answers = IAnnotations(dossier).get(ANSWERS_KEY, {})
    marks = []
    for row in dossier.applicants or []:
        number = _row_number(row)
        answer = answers.get(number) if number else None
        fields = answer["fields"] if answer else {}
        marks.append(sorted(k for k, v in fields.items() if (row.get(k) or "").strip() == v))
    return marks


def _row_number(row: dict) -> str | None:
    for kind, key in (("person", "niss"), ("enterprise", "bce")):
        value = row.get(key)
        if value:
            try:
                return compact(kind, value)
            except InvalidInput:
                continue
    return None
