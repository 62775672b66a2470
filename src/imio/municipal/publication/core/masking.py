"""Personal data masked in the public version of an act.

What is masked (certain findings, always, whatever a decision says; only
an IBAN may be released with a reason, it may be the municipality's own):

- text an editor marked ``<span class="donnee-personnelle">…</span>``;
- NISS/BIS numbers, IBANs, e-mail addresses, Belgian phone numbers;
- the names and addresses of the private persons linked to the act: full
  name in either order, initials ("J.-P. Van den Berghe"), the surname alone,
  their street with their house number in any notation ("n° 74 de la rue
  de Bruxelles", "74, Rue de Bruxelles", "av."/"avenue", box, postal code).

What needs a decision (suspects, masked until released with a reason):

- names after a civil title ("M. Jean Dupont", "Mme Martin") that are not
  introduced by a function, and later mentions of their surname;
- street addresses with a house number not linked to a person;
- numbers laid out as a NISS or a Belgian IBAN whose checksum fails (a
  mistyped identifier is still personal data).

Never flagged: officials (the names given, and names a function introduces:
"le Bourgmestre, M. Maxence Hérion", "Mme Annick Wauthier, Échevine"), companies
("la SRL Dupont Construct"), company numbers, articles, amounts, dates and
references. A person linked to the act is masked even if a function is
mentioned next to the name: the explicit list wins over the heuristic.

Limits: the text of inline tags is read as one string per block, so a name
split by ``<strong>`` inside a paragraph is found; a name split across
blocks (two paragraphs, two cells) is not. Names without a civil title of
people not linked to the act are not detected. Comments are dropped; an
``href`` holding masked data is removed; ``title``/``alt`` are masked.

>>> result = mask_html(
...     "<p>M. Jean Dupont (jean@dupont.be), le Bourgmestre, M. Maxence Hérion.</p>",
...     persons=[Person("Jean Dupont")],
... )
>>> result.html
'<p>M. [donnée masquée – RGPD] ([donnée masquée – RGPD]), le Bourgmestre, M. Maxence Hérion.</p>'
"""

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from imio.municipal.publication.core.addresses import ADDRESS
from imio.municipal.publication.core.addresses import address_pattern
from imio.municipal.publication.core.addresses import street_key
from imio.municipal.publication.core.births import find_births
from imio.municipal.publication.core.findings import Finding
from imio.municipal.publication.core.findings import Hit
from imio.municipal.publication.core.findings import normalise
from imio.municipal.publication.core.htmltext import attribute_texts
from imio.municipal.publication.core.htmltext import manual_spans
from imio.municipal.publication.core.htmltext import parse
from imio.municipal.publication.core.htmltext import Pieces
from imio.municipal.publication.core.htmltext import replace_with
from imio.municipal.publication.core.htmltext import SEPARATOR
from imio.municipal.publication.core.htmltext import serialise
from imio.municipal.publication.core.identifiers import find_identifiers
from imio.municipal.publication.core.identifiers import find_public_numbers
from imio.municipal.publication.core.names import find_companies
from imio.municipal.publication.core.names import find_functions
from imio.municipal.publication.core.names import find_titled_names
from imio.municipal.publication.core.names import NameIndex
from imio.municipal.publication.core.names import RANK_PERSON
from imio.municipal.publication.core.names import RANK_PROTECTED
from imio.municipal.publication.core.names import RANK_SUSPECT
from imio.municipal.publication.core.names import split_name
from imio.municipal.publication.core.text import fold
from imio.municipal.publication.core.text import loose

import re


__all__ = [
    "MARKER",
    "MANUAL_CLASS",
    "Decision",
    "Finding",
    "MaskResult",
    "Person",
    "find_personal_data",
    "mask_html",
    "mask_text",
]

MARKER = "[donnée masquée – RGPD]"
MANUAL_CLASS = "donnee-personnelle"

_STRONG = {"niss", "iban", "email", "birth"}
# Between a company's name and its registered seat: ", ", " (BCE 0…), ",
# ", dont le siège social est situé ", " ayant son siège à ", ", sise ".
_SEAT_GAP = re.compile(
    r"\s*(?:\([^()]{0,40}\))?\s*[,:–-]?\s*"
    r"(?:(?:dont\s+le\s+|ayant\s+son\s+|avec\s+)?si[èe]ge(?:\s+social)?"
    r"(?:\s+(?:est\s+)?(?:situé|établi|sis))?\s*(?:à(?:\s+la)?|au|:)?\s*"
    r"|(?:sise?|établie?|située?)\s+(?:à(?:\s+la)?|au)?\s*)?(?:,\s*)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Person:
    """A private person linked to the act (applicant, person concerned)."""

    name: str
    address: str = ""


@dataclass(frozen=True)
class Decision:
    """The secretariat's decision on a finding: ``"mask"`` or ``"release"``.

    A release needs a reason: ``Decision("release")`` raises ValueError.
    """

    action: str
    reason: str = ""

    def __post_init__(self):
        if self.action not in ("mask", "release"):
            raise ValueError(f"unknown action {self.action!r}: 'mask' or 'release'")
        if self.action == "release" and not self.reason.strip():
            raise ValueError("a release needs a reason")


@dataclass(frozen=True)
class MaskResult:
    """The public text and what happened to each finding.

    ``undecided`` suspects are masked in ``html`` too, so nothing leaks by
    default, but publication must refuse until each one has a decision.
    """

    html: str
    masked: tuple[Finding, ...]
    released: tuple[Finding, ...]
    undecided: tuple[Finding, ...]


class _Detector:
    """Finds personal data in the texts of one act (all its pieces)."""

    def __init__(
        self, persons: Sequence[Person], officials: Sequence[str], contacts: Sequence[str] = ()
    ):
        self.contacts = {normalise(kind, c) for c in contacts for kind in ("email", "phone")}
        self.persons = NameIndex([split_name(p.name) for p in persons if p.name.strip()], "person")
        self.officials = NameIndex([split_name(n) for n in officials if n.strip()], None)
        self.streets = {}
        self.person_addresses = []
        for person in persons:
            if not person.address.strip():
                continue
            key = street_key(person.address)
            if key:
                self.streets.setdefault(key, person.address)
            regex = re.compile(rf"(?<!\w){loose(person.address)}(?!\w)")
            self.person_addresses.append((regex, person.address))
            variants = address_pattern(person.address)
            if variants is not None:
                self.person_addresses.append((variants, person.address))
        self.suspect_surnames: dict[str, str] = {}
        self.official_surnames: set[str] = set()

    def learn(self, text: str) -> None:
        """First pass: the names after a title, for later mentions of their surname."""
        persons = [(h.start, h.end) for h in self.persons.find(text)]
        for start, end, official in find_titled_names(text):
            if any(s <= start and end <= e for s, e in persons):
                continue
            name = split_name(text[start:end])
            if official:
                self.official_surnames.update(name.surnames)
            elif name.first:
                for surname in name.surnames:
                    self.suspect_surnames.setdefault(fold(surname), name.full)

    def _names(self, text: str) -> list[Hit]:
        hits = [*self.persons.find(text), *self.officials.find(text)]
        for start, end, official in find_titled_names(text):
            if official:
                hits.append(Hit(start, end, None, RANK_PROTECTED))
                continue
            name = text[start:end]
            ref = self.suspect_surnames.get(fold(name), "")
            hits.append(Hit(start, end, Finding("suspect-name", name, False, ref), RANK_SUSPECT))
        for surname, ref in self.suspect_surnames.items():
            for match in re.finditer(rf"(?<![\w'’-]){loose(surname)}(?![\w-])", text):
                if match.group()[0].isupper() or "'" in surname or " " in surname:
                    finding = Finding("suspect-name", match.group(), False, ref)
                    hits.append(Hit(match.start(), match.end(), finding, RANK_SUSPECT))
        for surname in self.official_surnames:
            for match in re.finditer(rf"(?<![\w'’-]){loose(surname)}(?![\w-])", text):
                hits.append(Hit(match.start(), match.end(), None, RANK_PROTECTED))
        return hits

    def _addresses(self, text: str, company_ends: set[int]) -> list[Hit]:
        hits = []
        for match in ADDRESS.finditer(text):
            person_address = self.streets.get(street_key(match.group()))
            if person_address:
                finding = Finding("address", match.group(), True, person_address)
                hits.append(Hit(match.start(), match.end(), finding, RANK_PERSON))
            elif _is_company_seat(text, match.start(), company_ends):
                hits.append(Hit(match.start(), match.end(), None, RANK_PROTECTED))
            else:
                finding = Finding("suspect-address", match.group(), False)
                hits.append(Hit(match.start(), match.end(), finding, RANK_SUSPECT))
        for regex, address in self.person_addresses:
            for match in regex.finditer(text):
                finding = Finding("address", match.group(), True, address)
                hits.append(Hit(match.start(), match.end(), finding, RANK_PERSON))
        return hits

    def _is_public_contact(self, finding: Finding) -> bool:
        """The municipality's own e-mail or phone, given in its data."""
        return finding.kind in ("email", "phone") and (
            normalise(finding.kind, finding.text) in self.contacts
        )

    def hits(self, text: str) -> list[Hit]:
        """The findings of ``text``, without overlaps, in order."""
        identifiers = [*find_identifiers(text), *find_births(text)]
        public = [h for h in identifiers if self._is_public_contact(h.finding)]
        identifiers = [h for h in identifiers if not self._is_public_contact(h.finding)]
        strong = [h for h in identifiers if h.finding.kind in _STRONG]
        strong += [Hit(h.start, h.end, None, RANK_PROTECTED) for h in public]
        others = [h for h in identifiers if h.finding.kind not in _STRONG]
        companies = list(find_companies(text))
        others += find_public_numbers(text)
        others += companies
        others += find_functions(text)
        others += self._names(text)
        others += self._addresses(text, {h.end for h in companies})
        chosen: list[Hit] = []

        def free(hit: Hit) -> bool:
            return all(hit.end <= c.start or hit.start >= c.end for c in chosen)

        for hit in sorted(strong, key=lambda h: (h.start, h.start - h.end)):
            if free(hit):
                chosen.append(hit)
        for hit in sorted(others, key=lambda h: (h.start - h.end, h.rank, h.start)):
            if free(hit):
                chosen.append(hit)
        return sorted((h for h in chosen if h.finding is not None), key=lambda h: h.start)


def _is_company_seat(text: str, start: int, company_ends: set[int]) -> bool:
    """An address given right after a company's name is its registered seat."""
    return any(
        end <= start and (gap := _SEAT_GAP.fullmatch(text, end, start)) is not None and gap
        for end in company_ends
    )


class _Outcome:
    """Collects what happened to each finding, in order, once per key.

    The first mention stands for the others: one decision covers them all.
    """

    def __init__(self, decisions: Mapping[str, Decision]):
        self.decisions = decisions
        self.lists: dict[str, list[Finding]] = {"mask": [], "release": [], "undecided": []}
        self.seen: dict[str, Finding] = {}

    def decide(self, finding: Finding) -> bool:
        """Record the finding; True if it must be masked."""
        decision = self.decisions.get(finding.key)
        if decision is not None and decision.action == "release" and finding.releasable:
            outcome = "release"
        elif finding.certain or decision is not None:
            outcome = "mask"
        else:
            outcome = "undecided"
        if finding.key not in self.seen:
            self.seen[finding.key] = finding
            self.lists[outcome].append(finding)
        return outcome != "release"

    def result(self, text: str) -> MaskResult:
        lists = self.lists
        return MaskResult(
            text, tuple(lists["mask"]), tuple(lists["release"]), tuple(lists["undecided"])
        )


def _mask_string(text: str, detector: _Detector, outcome: _Outcome) -> str:
    for hit in reversed(detector.hits(text)):
        if outcome.decide(hit.finding):
            text = text[: hit.start] + MARKER + text[hit.end :]
    return text


def _mask_tree(root, detector: _Detector, outcome: _Outcome) -> None:
    for element in manual_spans(root, MANUAL_CLASS):
        text = " ".join(element.text_content().split())
        if text and outcome.decide(Finding("manual", text, True)):
            replace_with(element, MARKER)
    pieces = Pieces(root)
    attributes = list(attribute_texts(root))
    detector.learn(SEPARATOR.join([pieces.text, *(value for _, _, value in attributes)]))
    masked = [(h.start, h.end) for h in detector.hits(pieces.text) if outcome.decide(h.finding)]
    pieces.replace(masked, MARKER)
    for element, name, value in attributes:
        public = _mask_string(value, detector, outcome)
        if public == value:
            continue
        if name == "href":
            del element.attrib[name]
        else:
            element.set(name, public)


def find_personal_data(
    html: str,
    persons: Sequence[Person] = (),
    officials: Sequence[str] = (),
    contacts: Sequence[str] = (),
) -> list[Finding]:
    """Every finding of an HTML text, in order, once each (no decision applied)."""
    outcome = _Outcome({})
    _mask_tree(parse(html), _Detector(persons, officials, contacts), outcome)
    return list(outcome.seen.values())


def mask_html(
    html: str,
    persons: Sequence[Person] = (),
    officials: Sequence[str] = (),
    decisions: Mapping[str, Decision] | None = None,
    contacts: Sequence[str] = (),
) -> MaskResult:
    """The public version of an HTML text: MARKER in place of personal data.

    ``contacts``: the municipality's public e-mails and phones, never masked.
    """
    outcome = _Outcome(decisions or {})
    root = parse(html)
    _mask_tree(root, _Detector(persons, officials, contacts), outcome)
    return outcome.result(serialise(root))


def mask_text(
    text: str,
    persons: Sequence[Person] = (),
    officials: Sequence[str] = (),
    decisions: Mapping[str, Decision] | None = None,
    contacts: Sequence[str] = (),
) -> MaskResult:
    """The public version of a plain text (title, summary, annex text).

    ``MaskResult.html`` holds the masked plain text (not HTML-escaped).

    >>> mask_text("IBAN BE71 0961 2345 6769").html
    'IBAN [donnée masquée – RGPD]'
    """
    outcome = _Outcome(decisions or {})
    detector = _Detector(persons, officials, contacts)
    detector.learn(text)
    return outcome.result(_mask_string(text, detector, outcome))
