"""Names of people and of companies in the French texts of acts.

- ``NameIndex`` finds the names of the private persons linked to an act (full
  name, "DUPONT Jean", "J.-P. Van den Berghe", the surname alone) and protects
  the officials given by name;
- ``find_titled_names`` finds names after a civil title ("M. Jean Dupont",
  "Mme Martin"): suspects, unless a function introduces them ("le Bourgmestre,
  M. Maxence Hérion", "Mme Claire Lambert, Échevine");
- ``find_companies`` protects companies ("la SRL Dupont Construct",
  "l'ASBL Les Amis du Parc", "Dupont Frères SA").

>>> index = NameIndex([split_name("Jean-Pierre Van den Berghe")], kind="person")
>>> sorted(h.finding.text for h in index.find("Vu la demande de M. VAN DEN BERGHE Jean-Pierre"))
['VAN DEN BERGHE', 'VAN DEN BERGHE Jean-Pierre']
"""

from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from imio.municipal.publication.core.findings import Finding
from imio.municipal.publication.core.findings import Hit
from imio.municipal.publication.core.text import fold
from imio.municipal.publication.core.text import loose

import re


RANK_PERSON = 1
RANK_PROTECTED = 4
RANK_SUSPECT = 5

PARTICLES = {
    "van", "der", "den", "de", "la", "du", "des", "d'", "le", "von", "vander",
    "vanden", "del", "della", "di", "da", "dos", "ter", "ten", "zu", "d", "l",
}  # fmt: skip

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_CAPWORD = rf"[{_UP}][{_LOW}]+(?:['’][{_UP}][{_LOW}]+)?(?:-[{_UP}][{_LOW}]+)*"
_UPWORD = rf"[{_UP}]{{2,}}(?:['’][{_UP}]{{2,}})?(?:-[{_UP}]{{2,}})*"
# Words of the headings and operative verbs of acts, written in capitals.
_HEADINGS = (
    "DÉCIDE|DECIDE|DÉCIDENT|DÉCIDONS|ARRÊTE|ARRETE|ARRÊTENT|ARRÊTONS|APPROUVE|ADOPTE"
    "|PREND|PRENNENT|ÉMET|EMET|AUTORISE|DÉSIGNE|DESIGNE|RATIFIE|CHARGE|PROPOSE|DONNE"
    "|ACCORDE|REFUSE|OCTROIE|PAR|CES|MOTIFS|ACTE|ARTICLE|OBJET|PRÉSENTS|PRESENTS"
    "|ABSENTS|EXCUSÉS|EXCUSES|SÉANCE|SEANCE|COLLÈGE|COLLEGE|CONSEIL|COMMUNAL|VU"
    "|CONSIDÉRANT|CONSIDERANT|ATTENDU|ORDRE|JOUR|AVIS|ANNEXE|EXTRAIT|DÉLIBÉRATION"
    "|DELIBERATION|POUR|CONTRE|ABSTENTION|ABSTENTIONS|UNANIMITÉ|UNANIMITE"
)
_COMPANY_FORMS = (
    r"S\.?A|S\.?R\.?L|S\.?P\.?R\.?L|A\.?S\.?B\.?L|S\.?C\.?R\.?L|SCRIS|SCS|SNC|SComm|SC|SE"
)
_NOT_A_NAME = (
    rf"(?!(?:{_COMPANY_FORMS}|CPAS|RGPD|TVA|BCE|ONSS|SPW|AIEG|ISSeP)\b)"
    r"(?!(?:Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|Maître|Docteur)\b)"
    r"(?!(?i:Bourgmestre|[ÉE]chevin|Présidente?\b|Vice-|Direct(?:eur|rice)|Conseill"
    r"|Receveu|Secrétaire|Gouverneur|Ministre|Commissaire|Notaire|Député|Greffi"
    r"|Premi(?:er|ère)s?\b))"
    # headings in capitals: "DÉCIDE :", "ARRÊTE", "PAR CES MOTIFS"
    rf"(?!{_UPWORD}\s*:)"
    rf"(?!(?:{_HEADINGS})(?![{_UP}{_LOW}]))"
)
_INITIALS = rf"[{_UP}]\.(?:\s*-?\s*[{_UP}]\.)*"
_PARTICLE = (
    r"(?i:van\s+der|van\s+den|van\s+de|vander|vanden|van|von|de\s+la|du|des|de|d['’]"
    r"|le|la|del|della|di|da|dos|ter|ten)"
)
_TOKEN = rf"{_NOT_A_NAME}(?:{_CAPWORD}|{_UPWORD})"
_NAME = (
    rf"(?:{_INITIALS}\s*)?"
    rf"(?:(?:{_PARTICLE})(?:\s+|(?<=['’]))(?=[{_UP}]))*{_TOKEN}"
    rf"(?:\s+(?:(?:{_PARTICLE})(?:\s+|(?<=['’]))(?=[{_UP}]))*{_TOKEN}){{0,3}}"
)
TITLE = (
    r"(?:M\.|MM\.|Mr\.?|Monsieur|Messieurs|Madame|Mesdames|Mme\.?|Mmes\.?"
    r"|Mademoiselle|Mlle\.?|Maître|Me|Dr\.?|Docteur)"
)
_TITLED = re.compile(
    rf"(?<![\w.])(?P<title>{TITLE})\s+(?P<names>{_NAME}"
    rf"(?:(?:\s*,\s*|\s+et\s+)(?:{TITLE}\s+)?{_NAME})*)"
)
_ONE_NAME = re.compile(rf"(?:{TITLE}\s+)?(?P<name>{_NAME})")

# Functions that make a name public: municipal officers acting in their function.
_FUNCTION = (
    r"(?:(?:Premi(?:er|ère)s?|Vice-?)\s*)?"
    r"(?:Bourgmestres?|[ÉE]chevine?s?|Présidente?s?|Vice-présidente?s?"
    r"|Direct(?:eur|rice)s?\s+(?:général|générale|financier|financière)s?"
    r"|Conseill(?:er|ère)s?(?:\s+(?:communal|communale|communaux|communales|CPAS"
    r"|de\s+l['’]action\s+sociale))?"
    r"|Receveu(?:r|se)s?\s+régional(?:e|es|aux)?|Secrétaires?\s+communal(?:e|es|aux)?"
    r"|Gouverneure?|Ministres?|Commissaire\s+d['’]arrondissement|Chef\s+de\s+corps"
    r"|Notaires?|Députée?s?|Greffi(?:er|ère)s?)"
)
_FUNCTION_RE = re.compile(rf"(?i:{_FUNCTION})\b")
_FUNCTION_WORDS = {
    fold(w)
    for w in (
        "Bourgmestre Échevin Échevine Président Présidente Directeur Directrice Conseiller "
        "Conseillère Receveur Receveuse Secrétaire Gouverneur Ministre Commissaire Notaire "
        "Député Députée Greffier Greffière Juge Procureur Premier Première"
    ).split()
}
# after a name: ", Échevine", " (Bourgmestre)", ", en qualité de Président"
_FUNCTION_AFTER = re.compile(
    rf"\s*(?:,|\(|–|-)?\s*(?:(?:agissant\s+)?en\s+(?:sa\s+)?qualité\s+d['’e]\s*)?"
    rf"(?:(?:le|la|l['’]|notre|sa|son)\s*)?(?i:{_FUNCTION})\b"
)
# before a name: "le Bourgmestre, M.", "Échevin des Travaux : Mme", "Échevine Claire"
_COMPLEMENT = (
    r"(?:\s+(?:f\.\s?f\.|faisant\s+fonction|adjointe?))?"
    r"(?:\s+(?:de\s+la|de|des|du|d['’]|aux|au|en\s+charge\s+d(?:e|u|es|['’]))\s*(?:l['’])?"
    r"[\w'’-]+(?:\s+(?:et|de|des|du|de\s+la|d['’]|l['’])\s*(?:l['’])?[\w'’-]+)*)?"
)
_FUNCTION_BEFORE = re.compile(rf"(?i:{_FUNCTION}){_COMPLEMENT}\s*[,:–]?\s*(?:{TITLE}\s+)?$")


@dataclass(frozen=True)
class SplitName:
    """A name cut into first names and surname(s) (the longest first)."""

    full: str
    first: str
    surnames: tuple[str, ...]


def split_name(name: str) -> SplitName:
    """Cut a person's name into first names and surname.

    The surname is the last word with the particles before it; upper-case
    words first ("DUPONT Jean") or a comma ("Dupont, Jean") put it first.
    The words after the first one are a second, longer surname candidate.

    >>> split_name("Jean Marie Dupont")
    SplitName(full='Jean Marie Dupont', first='Jean Marie', surnames=('Marie Dupont', 'Dupont'))
    """
    name = " ".join(name.replace("’", "'").split())
    if "," in name:
        surname, first = (part.strip() for part in name.split(",", 1))
        return SplitName(name, first, (surname,))
    words = name.split(" ")
    upper = [w for w in words if len(w) > 1 and w.isupper()]
    if upper and words[0].isupper() and len(words[0]) > 1:
        count = next((i for i, w in enumerate(words) if not w.isupper()), len(words))
        return SplitName(name, " ".join(words[count:]), (" ".join(words[:count]),))
    if len(words) == 1:
        return SplitName(name, "", (name,))
    start = len(words) - 1
    while start > 1 and fold(words[start - 1]) in PARTICLES:
        start -= 1
    surnames = [" ".join(words[start:])]
    if start > 1:
        surnames.insert(0, " ".join(words[1:]))
    return SplitName(name, " ".join(words[:start]), tuple(surnames))


def _initials(first: str) -> str:
    parts = [p for p in re.split(r"[\s-]+", first) if p]
    return r"\s*-?\s*".join(rf"{re.escape(p[0].upper())}\.?" for p in parts)


def _capitalised(matched: str) -> bool:
    """Every word that is not a particle starts with a capital letter."""
    words = [w for w in re.split(r"[\s'’.]+", matched) if w]
    return all(w[0].isupper() for w in words if fold(w) not in PARTICLES)


class NameIndex:
    """Find the mentions of known people in a text.

    ``kind="person"``: private persons, certain findings (rank beats protected
    spans of the same length); ``kind=None``: officials, protected spans.
    """

    def __init__(self, names: Sequence[SplitName], kind: str | None):
        self.kind = kind
        self.patterns: list[tuple[re.Pattern, SplitName]] = []
        for name in names:
            variants = {loose(name.full)}
            for surname in name.surnames:
                variants.add(loose(surname))
                if name.first:
                    variants.add(rf"{loose(surname)}\s+{loose(name.first)}")
                    variants.add(rf"{loose(name.first)}\s+{loose(surname)}")
                    variants.add(rf"{_initials(name.first)}\s*{loose(surname)}")
            for variant in variants:
                regex = re.compile(rf"(?<![\w'’-]){variant}(?![\w-])")
                self.patterns.append((regex, name))

    def find(self, text: str) -> Iterator[Hit]:
        for regex, name in self.patterns:
            for match in regex.finditer(text):
                if not _capitalised(match.group()):
                    continue
                if self.kind is None:
                    yield Hit(match.start(), match.end(), None, RANK_PROTECTED)
                else:
                    finding = Finding(self.kind, match.group(), True, ref=name.full)
                    yield Hit(match.start(), match.end(), finding, RANK_PERSON)


def _is_function_word(name: str) -> bool:
    return any(fold(w) in _FUNCTION_WORDS for w in re.split(r"[\s'’]+", name))


def find_titled_names(text: str) -> list[tuple[int, int, bool]]:
    """Names after a civil title: ``(start, end, official)`` for each name.

    A list of names after one title ("MM. Tanguy Lemoine et Annick Wauthier,
    Échevins") shares the function that follows or precedes it.
    """
    found = []
    used_until = 0  # end of the last function that followed a name
    for match in _TITLED.finditer(text):
        window = max(0, match.start() - 120)
        before = _FUNCTION_BEFORE.search(text[window : match.start()])
        # "M. A, Échevin, M. B": the function is A's, not B's
        official = before is not None and window + before.start() >= used_until
        after = _FUNCTION_AFTER.match(text, match.end())
        if after:
            official = True
            used_until = after.end()
        base = match.start("names")
        for one in _ONE_NAME.finditer(match.group("names")):
            name = one.group("name")
            if _is_function_word(name):
                continue
            start = base + one.start("name")
            found.append((start, start + len(name), official))
    return found


_COMPANY = re.compile(
    rf"(?:\b(?:la\s+)?(?:soci[ée]t[ée]|entreprise|association|firme|(?<![\w.])(?:{_COMPANY_FORMS}))"
    rf"\.?\s+(?:[«\"“]\s*)?(?:(?:{_PARTICLE})\s*)?[{_UP}0-9][\w&'’.-]*"
    rf"(?:\s+(?:&\s+|(?:{_PARTICLE}|et|en|sur|aux?)\s+)?[{_UP}0-9&][\w&'’.-]*)*(?:\s*[»\"”])?)"
    rf"|(?:(?!(?:La|Le|Les|Une?|Des|Vu|Par)\s)[{_UP}][\w&'’-]*\s+){{1,4}}(?:{_COMPANY_FORMS})\b\.?"
)


def find_companies(text: str) -> Iterator[Hit]:
    """Company names, protected: never personal data."""
    for match in _COMPANY.finditer(text):
        yield Hit(match.start(), match.end(), None, RANK_PROTECTED)


def find_functions(text: str) -> Iterator[Hit]:
    """Function words (Bourgmestre, Échevine…): protected, never a surname."""
    for match in _FUNCTION_RE.finditer(text):
        yield Hit(match.start(), match.end(), None, RANK_PROTECTED)
