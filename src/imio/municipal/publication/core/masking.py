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
"le Bourgmestre, M. Maxime Prévot", "Mme Anne Barzin, Échevine"), companies
("la SRL Dupont Construct"), company numbers, articles, amounts, dates and
references. A person linked to the act is masked even if a function is
mentioned next to the name: the explicit list wins over the heuristic.

Limits: the text of inline tags is read as one string per block, so a name
split by ``<strong>`` inside a paragraph is found; a name split across
blocks (two paragraphs, two cells) is not. Names without a civil title of
people not linked to the act are not detected. Comments are dropped; an
``href`` holding masked data is removed; ``title``/``alt`` are masked.

>>> result = mask_html(
...     "<p>M. Jean Dupont (jean@dupont.be), le Bourgmestre, M. Maxime Prévot.</p>",
...     persons=[Person("Jean Dupont")],
... )
>>> result.html
'<p>M. [donnée masquée – RGPD] ([donnée masquée – RGPD]), le Bourgmestre, M. Maxime Prévot.</p>'
"""

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from imio.municipal.publication.core.addresses import ADDRESS
from imio.municipal.publication.core.addresses import address_pattern
from imio.municipal.publication.core.addresses import street_key
from imio.municipal.publication.core.findings import Finding
from imio.municipal.publication.core.findings import Hit
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
from lxml import etree

import lxml.html
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

_SEPARATOR = "\x00"  # between blocks: no pattern matches across it
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
}  # fmt: skip
_TEXT_ATTRIBUTES = {"title", "alt", "aria-label", "aria-description", "placeholder", "value"}
_STRONG = {"niss", "iban", "email"}


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

    def __init__(self, persons: Sequence[Person], officials: Sequence[str]):
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

    def _addresses(self, text: str) -> list[Hit]:
        hits = []
        for match in ADDRESS.finditer(text):
            person_address = self.streets.get(street_key(match.group()))
            if person_address:
                finding = Finding("address", match.group(), True, person_address)
                hits.append(Hit(match.start(), match.end(), finding, RANK_PERSON))
            else:
                finding = Finding("suspect-address", match.group(), False)
                hits.append(Hit(match.start(), match.end(), finding, RANK_SUSPECT))
        for regex, address in self.person_addresses:
            for match in regex.finditer(text):
                finding = Finding("address", match.group(), True, address)
                hits.append(Hit(match.start(), match.end(), finding, RANK_PERSON))
        return hits

    def hits(self, text: str) -> list[Hit]:
        """The findings of ``text``, without overlaps, in order."""
        identifiers = find_identifiers(text)
        strong = [h for h in identifiers if h.finding.kind in _STRONG]
        others = [h for h in identifiers if h.finding.kind not in _STRONG]
        others += find_public_numbers(text)
        others += find_companies(text)
        others += find_functions(text)
        others += self._names(text)
        others += self._addresses(text)
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


class _Pieces:
    """The text nodes of a tree, read as one string with block separators."""

    def __init__(self, root: etree._Element):
        self.slots: list[tuple[etree._Element, str] | None] = []
        self.parts: list[str] = []
        self._walk(root, is_root=True)
        self.text = "".join(self.parts)

    def _add(self, slot, part):
        self.slots.append(slot)
        self.parts.append(part)

    def _walk(self, element, is_root=False):
        block = element.tag in _BLOCKS
        if block:
            self._add(None, _SEPARATOR)
        if element.text:
            self._add((element, "text"), element.text)
        for child in element:
            self._walk(child)
        if block:
            self._add(None, _SEPARATOR)
        if element.tail and not is_root:
            self._add((element, "tail"), element.tail)

    def replace(self, spans: list[tuple[int, int]]) -> None:
        """Put MARKER in place of each span (which may cross inline tags)."""
        edits: dict[int, list[tuple[int, int, str]]] = {}
        offset = 0
        ranges = []
        for part in self.parts:
            ranges.append((offset, offset + len(part)))
            offset += len(part)
        for start, end in spans:
            first = True
            for index, (low, high) in enumerate(ranges):
                if high <= start or low >= end or self.slots[index] is None:
                    continue
                replacement = MARKER if first else ""
                edits.setdefault(index, []).append(
                    (max(start, low) - low, min(end, high) - low, replacement)
                )
                first = False
        for index, changes in edits.items():
            part = self.parts[index]
            for low, high, replacement in sorted(changes, reverse=True):
                part = part[:low] + replacement + part[high:]
            element, attribute = self.slots[index]
            setattr(element, attribute, part)


def _parse(html: str) -> etree._Element:
    root = lxml.html.fragment_fromstring(html or "", create_parent="div")
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return root


def _serialise(root: etree._Element) -> str:
    html = lxml.html.tostring(root, encoding="unicode")
    return html[len("<div>") : -len("</div>")] if html != "<div></div>" else ""


def _manual_spans(root: etree._Element) -> list[etree._Element]:
    """Outermost elements marked by an editor as personal data."""
    marked = root.xpath(
        "//*[contains(concat(' ', normalize-space(@class), ' '), $mark)]", mark=f" {MANUAL_CLASS} "
    )
    ids = {id(e) for e in marked}
    return [e for e in marked if not any(id(a) in ids for a in e.iterancestors())]


def _replace_with_marker(element: etree._Element) -> None:
    text = MARKER + (element.tail or "")
    previous = element.getprevious()
    parent = element.getparent()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(element)


def _attribute_texts(root: etree._Element):
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name in _TEXT_ATTRIBUTES or name == "href" or name.startswith("data-"):
                yield element, name, value


def _mask_tree(root, detector: _Detector, outcome: _Outcome) -> None:
    for element in _manual_spans(root):
        text = " ".join(element.text_content().split())
        if text and outcome.decide(Finding("manual", text, True)):
            _replace_with_marker(element)
    pieces = _Pieces(root)
    attributes = list(_attribute_texts(root))
    detector.learn(_SEPARATOR.join([pieces.text, *(value for _, _, value in attributes)]))
    masked = [(h.start, h.end) for h in detector.hits(pieces.text) if outcome.decide(h.finding)]
    pieces.replace(masked)
    for element, name, value in attributes:
        public = _mask_string(value, detector, outcome)
        if public == value:
            continue
        if name == "href":
            del element.attrib[name]
        else:
            element.set(name, public)


def find_personal_data(
    html: str, persons: Sequence[Person] = (), officials: Sequence[str] = ()
) -> list[Finding]:
    """Every finding of an HTML text, in order, once each (no decision applied)."""
    outcome = _Outcome({})
    _mask_tree(_parse(html), _Detector(persons, officials), outcome)
    return list(outcome.seen.values())


def mask_html(
    html: str,
    persons: Sequence[Person] = (),
    officials: Sequence[str] = (),
    decisions: Mapping[str, Decision] | None = None,
) -> MaskResult:
    """The public version of an HTML text: MARKER in place of personal data."""
    outcome = _Outcome(decisions or {})
    root = _parse(html)
    _mask_tree(root, _Detector(persons, officials), outcome)
    return outcome.result(_serialise(root))


def mask_text(
    text: str,
    persons: Sequence[Person] = (),
    officials: Sequence[str] = (),
    decisions: Mapping[str, Decision] | None = None,
) -> MaskResult:
    """The public version of a plain text (title, summary, annex text).

    ``MaskResult.html`` holds the masked plain text (not HTML-escaped).

    >>> mask_text("IBAN BE71 0961 2345 6769").html
    'IBAN [donnée masquée – RGPD]'
    """
    outcome = _Outcome(decisions or {})
    detector = _Detector(persons, officials)
    detector.learn(text)
    return outcome.result(_mask_string(text, detector, outcome))
