"""Closed case files past their retention: proposed, signed off, then disposed of.

A run never destroys what nobody approved. In two steps:

1. :func:`propose` lists, per municipality, the closed case files whose
   retention has ended (the table of :mod:`imio.municipal.records.retention`)
   and that are not under a legal hold: the *proposal*, kept on the
   municipality.
2. The secretariat signs it off (:func:`sign_off`); the next real run
   (:func:`dispose`) applies each rule's fate to the files of the signed-off
   proposal that are still due and not on hold — destroy, anonymise (the
   applicants' personal data removed) or transfer (marked as handed over to
   the archives) — and writes a *destruction record* per file (what, when,
   which rule, who signed off). A file already disposed of is skipped:
   running twice does nothing more.
"""

from DateTime import DateTime
from datetime import date
from datetime import datetime
from imio.municipal.dossiers.states import FINAL_STATES
from imio.municipal.records.retention import rule_for
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations


PROPOSAL_KEY = "imio.municipal.records.proposal"
RECORDS_KEY = "imio.municipal.records.disposals"
HOLD_KEY = "imio.municipal.records.legal_hold"
DONE_KEY = "imio.municipal.records.disposed"
WORKFLOW = "municipal_dossier_workflow"
ANONYMOUS = "Anonymisé"


def closed_on(dossier) -> date | None:
    """The day the case file entered its final state, else None."""
    if api.content.get_state(dossier, default=None) not in FINAL_STATES:
        return None
    for entry in reversed(dossier.workflow_history.get(WORKFLOW, ())):
        if entry.get("review_state") in FINAL_STATES and entry.get("action"):
            return entry["time"].asdatetime().date()
    return None


def on_hold(dossier) -> bool:
    return bool(IAnnotations(dossier).get(HOLD_KEY))


def set_hold(dossier, held: bool, reason: str = "") -> None:
    """Put (or lift) a legal hold: a file on hold is never disposed of."""
    annotations = IAnnotations(dossier)
    if held:
        annotations[HOLD_KEY] = {"reason": reason, "by": api.user.get_current().getId()}
    else:
        annotations.pop(HOLD_KEY, None)


def due_files(municipality, today: date):
    """(dossier, rule, closed day) of every closed file past retention, not on hold."""
    brains = api.content.find(
        context=municipality,
        portal_type="Dossier",
        review_state=list(FINAL_STATES),
        unrestricted=True,
    )
    for brain in brains:
        dossier = brain._unrestrictedGetObject()
        closed = closed_on(dossier)
        if closed is None or on_hold(dossier) or IAnnotations(dossier).get(DONE_KEY):
            continue
        rule = rule_for("procedure", dossier.procedure)
        if rule.is_due(closed, today):
            yield dossier, rule, closed


def propose(municipality, today: date) -> list[dict]:
    """The files to dispose of, kept as the municipality's proposal to sign off."""
    items = [
        {
            "uid": api.content.get_uuid(dossier),
            "reference": dossier.reference or "",
            "title": dossier.Title(),
            "procedure": dossier.procedure,
            "closed": closed.isoformat(),
            "fate": rule.fate,
            "rule": f"{rule.code}: {rule.years} ans, {rule.fate} ({rule.source})",
        }
        for dossier, rule, closed in due_files(municipality, today)
    ]
    current = IAnnotations(municipality).get(PROPOSAL_KEY)
    if current and [i["uid"] for i in current["items"]] == [i["uid"] for i in items]:
        return list(current["items"])  # the same list keeps its sign-off
    IAnnotations(municipality)[PROPOSAL_KEY] = PersistentMapping(
        {"items": items, "made": today.isoformat(), "signed_by": None, "signed_at": None}
    )
    return items


def proposal(municipality) -> dict | None:
    found = IAnnotations(municipality).get(PROPOSAL_KEY)
    return dict(found) if found else None


def sign_off(municipality) -> dict:
    """The secretariat approves the current proposal (its user and time)."""
    found = IAnnotations(municipality).get(PROPOSAL_KEY)
    if not found:
        return {}
    found["signed_by"] = api.user.get_current().getId()
    found["signed_at"] = DateTime().ISO8601()
    return dict(found)


def disposal_records(municipality) -> list[dict]:
    return [dict(record) for record in IAnnotations(municipality).get(RECORDS_KEY, [])]


def _anonymise(dossier) -> None:
    dossier.applicants = [
        {
            "kind": row.get("kind"),
            "name": ANONYMOUS,
            "niss": None,
            "bce": None,
            "address": None,
            "email": None,
            "phone": None,
            "contact": None,
        }
        for row in dossier.applicants or []
    ]
    dossier.personal_data = False
    dossier.reindexObject()


def _apply(dossier, fate: str) -> None:
    if fate == "destroy":
        api.content.delete(dossier, check_linkintegrity=False)
        return
    if fate == "anonymise":
        _anonymise(dossier)
    IAnnotations(dossier)[DONE_KEY] = {"fate": fate, "at": DateTime().ISO8601()}


def dispose(municipality, today: date, progress=None) -> dict:
    """Apply the signed-off proposal; a summary ``{fate: count, "skipped": n}``."""
    summary = {"destroy": 0, "anonymise": 0, "transfer": 0, "skipped": 0}
    found = IAnnotations(municipality).get(PROPOSAL_KEY)
    if not found or not found.get("signed_by"):
        summary["unsigned"] = len(found["items"]) if found else 0
        return summary
    due = {api.content.get_uuid(d): (d, r) for d, r, _closed in due_files(municipality, today)}
    records = IAnnotations(municipality).setdefault(RECORDS_KEY, PersistentList())
    for item in found["items"]:
        if progress:
            progress()
        if item["uid"] not in due:  # on hold since, reopened, or already done
            summary["skipped"] += 1
            continue
        dossier, rule = due[item["uid"]]
        # Done by the platform on the secretariat's sign-off, whoever runs it.
        with api.env.adopt_roles(["Manager"]):
            _apply(dossier, rule.fate)
        records.append(
            {
                **item,
                "fate": rule.fate,
                "done_at": datetime.now().isoformat(timespec="seconds"),
                "signed_by": found["signed_by"],
                "signed_at": found["signed_at"],
            }
        )
        summary[rule.fate] += 1
    IAnnotations(municipality).pop(PROPOSAL_KEY, None)
    return summary
