"""The public texts of an act: its title, motivation and decision, masked.

Who is masked: the private persons linked to the act (its « persons
concerned » and the applicants of its related case file, with their
addresses); who is not: the signatories, acting in their function.
"""

from dataclasses import dataclass
from imio.municipal.documents.helpers import signatories_of
from imio.municipal.platform.lookup import municipality_of
from imio.municipal.publication.core.contacts import public_contacts
from imio.municipal.publication.core.masking import mask_html
from imio.municipal.publication.core.masking import mask_text
from imio.municipal.publication.core.masking import MaskResult
from imio.municipal.publication.core.masking import Person
from imio.municipal.publication.decisions import finding_decisions


def parse_persons(text: str | None) -> list[Person]:
    """One person per line, the address after the first comma.

    >>> parse_persons("Jean Dupont, rue de Fer 25, 5000 Namur")
    [Person(name='Jean Dupont', address='rue de Fer 25, 5000 Namur')]
    """
    persons = []
    for line in (text or "").splitlines():
        name, _sep, address = line.partition(",")
        if name.strip():
            persons.append(Person(name.strip(), address.strip()))
    return persons


def dossier_persons(dossier) -> list[Person]:
    persons = []
    for row in getattr(dossier, "applicants", None) or []:
        if row.get("kind") == "person" and (row.get("name") or "").strip():
            persons.append(Person(row["name"].strip(), (row.get("address") or "").strip()))
        if (row.get("contact") or "").strip():
            persons.append(Person(row["contact"].strip()))
    return persons


def persons_of(act) -> list[Person]:
    persons = parse_persons(getattr(act, "persons_concerned", None))
    relation = getattr(act, "related_dossier", None)
    dossier = relation.to_object if relation is not None and not relation.isBroken() else None
    if dossier is not None:
        persons.extend(dossier_persons(dossier))
    return persons


def officials_of(act) -> list[str]:
    return [signatory.name for signatory in signatories_of(act) if signatory.name]


def contacts_of(act) -> list[str]:
    """The public e-mails and phones of the municipality and its services."""
    municipality = municipality_of(act)
    if municipality is None:
        return []
    return public_contacts(
        {
            "email": getattr(municipality, "email", None),
            "phone": getattr(municipality, "phone", None),
            "services": getattr(municipality, "services", None) or [],
        }
    )


def rich_html(obj, name: str) -> str:
    """The HTML of a rich text field, "" when empty."""
    value = getattr(obj, name, None)
    return value.output if value is not None and value.raw else ""


def _unique(findings):
    """Each finding once (by key), in reading order."""
    seen, found = set(), []
    for finding in findings:
        if finding.key not in seen:
            seen.add(finding.key)
            found.append(finding)
    return found


@dataclass(frozen=True)
class PublicTexts:
    title: MaskResult
    motivation: MaskResult
    decision: MaskResult

    @property
    def parts(self) -> tuple[MaskResult, ...]:
        return (self.title, self.motivation, self.decision)

    @property
    def html(self) -> str:
        """The public text: motivation, then decision."""
        return self.motivation.html + self.decision.html

    @property
    def findings(self):
        """Every item found, once (by key), in reading order."""
        return _unique(
            finding
            for part in self.parts
            for finding in (*part.masked, *part.released, *part.undecided)
        )

    @property
    def undecided(self):
        return _unique(finding for part in self.parts for finding in part.undecided)


def public_texts(act) -> PublicTexts:
    persons, officials = persons_of(act), officials_of(act)
    decisions, contacts = finding_decisions(act), contacts_of(act)
    return PublicTexts(
        title=mask_text(act.Title(), persons, officials, decisions, contacts),
        motivation=mask_html(rich_html(act, "motivation"), persons, officials, decisions, contacts),
        decision=mask_html(rich_html(act, "decision"), persons, officials, decisions, contacts),
    )


class Masker:
    """IPublicVersionMasker for the deliberation template (documents/masking.py)."""

    def __init__(self, act):
        self.act = act

    def mask(self, html: str) -> str:
        act = self.act
        return mask_html(
            html, persons_of(act), officials_of(act), finding_decisions(act), contacts_of(act)
        ).html
