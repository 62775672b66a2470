"""Closed case files and adopted acts past their retention: proposed, signed
off, then disposed of.

A run never destroys what nobody approved. In two steps:

1. :func:`propose` lists, per municipality, the closed case files and the
   adopted acts whose retention has ended (the table of
   :mod:`imio.municipal.records.retention`; an act's period runs from its
   session) and that are not under a legal hold: the *proposal*, kept on the
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
#: The states of an act once adopted (annulled and refused acts excluded).
ADOPTED_STATES = ("adopted", "transmitted", "executory", "published")
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


def adopted_on(act) -> date | None:
    """The session day of an adopted act, else None."""
    if api.content.get_state(act, default=None) not in ADOPTED_STATES:
        return None
    return act.session_date


def _candidates(municipality):
    """(object, rule, start day) of every closed file and adopted act."""
    for portal_type, states, subject, code, start in (
        ("Dossier", FINAL_STATES, "procedure", "procedure", closed_on),
        ("Act", ADOPTED_STATES, "act", "kind", adopted_on),
    ):
        brains = api.content.find(
            context=municipality,
            portal_type=portal_type,
            review_state=list(states),
            unrestricted=True,
        )
        for brain in brains:
            obj = brain._unrestrictedGetObject()
            yield obj, rule_for(subject, getattr(obj, code)), start(obj)


def due_files(municipality, today: date):
    """(object, rule, start day) of every closed file or adopted act past
    retention, not on hold and not yet disposed of."""
    for obj, rule, start in _candidates(municipality):
        if start is None or on_hold(obj) or IAnnotations(obj).get(DONE_KEY):
            continue
        if rule.is_due(start, today):
            yield obj, rule, start


def _item(obj, rule, start: date) -> dict:
    item = {
        "uid": api.content.get_uuid(obj),
        "title": obj.Title(),
        "fate": rule.fate,
        "rule": f"{rule.code}: {rule.years} ans, {rule.fate} ({rule.source})",
    }
    if rule.subject == "act":
        return {
            **item,
            "type": "act",
            "reference": obj.number or "",
            "kind": obj.kind,
            "adopted": start.isoformat(),
        }
    return {
        **item,
        "type": "dossier",
        "reference": obj.reference or "",
        "procedure": obj.procedure,
        "closed": start.isoformat(),
    }


def propose(municipality, today: date) -> list[dict]:
    """The files to dispose of, kept as the municipality's proposal to sign off."""
    items = [_item(obj, rule, start) for obj, rule, start in due_files(municipality, today)]
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
