"""What a municipality holds on one person, for the DPO answering a request.

Searched by NISS (or BIS) number or by name across the municipality: its case
files (applicants), its acts (texts included), what their publication masked
or released and why, the messages sent to the region, and the access journal.
The DPO needs to see everything to answer (GDPR art. 15, 38.2), so the search
runs unrestricted inside the one municipality the DPO's permission covers; it
answers references, titles and decisions, never the files themselves, and the
search itself is journalled.
"""

from dataclasses import dataclass
from datetime import datetime
from datetime import UTC
from imio.municipal import _
from imio.municipal.exchange.outbox import get_outbox
from imio.municipal.platform.validators import format_niss
from imio.municipal.privacy import journal_query
from imio.municipal.privacy.refusals import PrivacyInputRefusal
from imio.municipal.privacy.subjects import compact_niss
from imio.municipal.publication.decisions import finding_decisions
from imio.municipal.publication.sections import versions
from imio.municipal.publication.texts import public_texts
from plone import api

import io
import logging
import re
import zipfile


logger = logging.getLogger(__name__)
NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
MAX_NAME_LENGTH = 100


@dataclass(frozen=True)
class Person:
    niss: str = ""  # 11 digits
    name: str = ""

    @property
    def label(self) -> str:
        return " / ".join(
            part for part in (self.name, self.niss and format_niss(self.niss)) if part
        )

    def needles(self) -> list[str]:
        """The forms the person may take in a text: NISS written or not, the name."""
        found = []
        if self.niss:
            found += [self.niss, format_niss(self.niss)]
        if self.name:
            found.append(self.name)
        return found


def person_from(form: dict) -> Person:
    niss_text = (form.get("niss") or "").strip()
    name = " ".join((form.get("name") or "").split())
    if not niss_text and not name:
        raise PrivacyInputRefusal(
            _("error_subject_missing", default="Give the person's NISS or BIS number, or a name.")
        )
    niss = ""
    if niss_text:
        niss = compact_niss(niss_text) or ""
        if not niss:
            raise PrivacyInputRefusal(
                _(
                    "error_journal_niss",
                    default="${value} is not a valid NISS or BIS number (11 digits with a "
                    "valid check number).",
                    mapping={"value": niss_text},
                )
            )
    words = NAME_WORD.findall(name)
    if name and (len(name) > MAX_NAME_LENGTH or len(words) < 2 or " ".join(words) != name):
        raise PrivacyInputRefusal(
            _(
                "error_subject_name",
                default="Give the first name and surname (letters only, at most 100 characters).",
            )
        )
    return Person(niss=niss, name=name)


def _text_query(needle: str) -> str:
    # A phrase query: ZCTextIndex would read bare words as AND/OR operators.
    return '"' + needle.replace('"', " ") + '"'


def _find(municipality, **query) -> list:
    return api.content.find(context=municipality, unrestricted=True, **query)


def _item(brain) -> dict:
    return {
        "UID": brain.UID,
        "@id": brain.getURL(),
        "title": brain.Title,
        "portal_type": brain.portal_type,
        "review_state": brain.review_state,
        "reference": getattr(brain, "reference", None) or getattr(brain, "number", None) or "",
    }


def _dossiers(municipality, person: Person) -> list:
    found = {}
    if person.niss:
        for brain in _find(municipality, portal_type="Dossier", applicant_niss=person.niss):
            found[brain.UID] = brain
    if person.name:
        query = _text_query(person.name)
        for brain in _find(municipality, portal_type="Dossier", SearchableText=query):
            found[brain.UID] = brain
    return sorted(found.values(), key=lambda brain: brain.getPath())


def _acts(municipality, person: Person, dossiers: list) -> list:
    found = {}
    for needle in person.needles():
        query = _text_query(needle)
        for brain in _find(municipality, portal_type="Act", SearchableText=query):
            found[brain.UID] = brain
    # Acts deciding the person's case files name him even when their text does not.
    for dossier_brain in dossiers:
        dossier = dossier_brain._unrestrictedGetObject()
        for relation in getattr(dossier, "linked_acts", None) or []:
            act = relation.to_object
            if act is not None:
                for brain in _find(municipality, UID=act.UID()):
                    found[brain.UID] = brain
    return sorted(found.values(), key=lambda brain: brain.getPath())


def _mentions(text: str, person: Person) -> bool:
    lowered = (text or "").casefold()
    return any(needle.casefold() in lowered for needle in person.needles()) or bool(
        person.name and lowered and lowered in person.name.casefold()
    )


def _publications(act_brains: list, person: Person) -> list:
    published = []
    for brain in act_brains:
        act = brain._unrestrictedGetObject()
        public = versions(act)
        if not public:
            continue
        stored = finding_decisions(act)
        findings = []
        for finding in public_texts(act).findings:
            if not _mentions(finding.text, person):
                continue
            decision = stored.get(finding.key)
            findings.append(
                {
                    "text": finding.text,
                    "kind": finding.kind,
                    "action": decision.action if decision else "mask",
                    "reason": decision.reason if decision else "",
                }
            )
        published.append(
            {
                "act": brain.getURL(),
                "title": brain.Title,
                "versions": [version.absolute_url() for version in public],
                "findings": findings,
            }
        )
    return published


def _payload_text(message) -> str:
    data = message.read_payload()
    if data[:4] == b"PK\x03\x04":
        parts = []
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".json", ".txt", ".csv")):
                    parts.append(archive.read(info).decode("utf-8", errors="replace"))
        return "\n".join(parts)
    return data.decode("utf-8", errors="replace")


def _exchanges(municipality, person: Person, related_uids: set) -> list:
    outbox = get_outbox(api.portal.get())
    if outbox is None:
        return []
    ids = (getattr(outbox, "by_municipality", None) or {}).get(municipality.ins_code, ())
    found = []
    for message_id in ids:
        message = outbox.messages.get(message_id)
        if message is None:
            continue
        about = message.obj_uid in related_uids
        if not about:
            try:
                about = _mentions(_payload_text(message), person)
            except (zipfile.BadZipFile, OSError):
                logger.warning("Unreadable payload of message %s", message.id)
        if about:
            found.append(
                {
                    "id": message.id,
                    "target": message.target,
                    "created": message.created_at.isoformat(),
                    "title": message.obj_title,
                    "state": message.state,
                    "sha256": message.payload_sha256,
                }
            )
    return found


def search(municipality, person: Person, *, source: str) -> dict:
    """Everything the municipality holds on the person; the search is journalled."""
    dossiers = _dossiers(municipality, person)
    acts = _acts(municipality, person, dossiers)
    related = {brain.UID for brain in dossiers + acts}
    journal = journal_query.entries(municipality, {"niss": person.niss}) if person.niss else []
    report = {
        "@id": f"{municipality.absolute_url()}/@data-subject",
        "municipality": municipality.Title(),
        "person": {"niss": person.niss, "name": person.name},
        "generated": datetime.now(UTC).isoformat(),
        "dossiers": [_item(brain) for brain in dossiers],
        "acts": [_item(brain) for brain in acts],
        "publications": _publications(acts, person),
        "exchanges": _exchanges(municipality, person, related),
        "journal": [journal_query.as_json(access) for access in journal],
    }
    journal_query.record_consultation(
        municipality,
        "search",
        f"data-subject {source}" + (f" name={person.name}" if person.name else ""),
        persons=[person.niss] if person.niss else (),
    )
    return report
