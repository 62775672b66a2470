"""Street addresses in the French texts of acts.

An address is a street (a street type and a capitalised name) with a house
number before or after it, optionally a box and a postal code with a city:
"rue de Fer 25", "rue de Fer, 25", "rue de Fer n° 25", "25, rue de Fer",
"au n° 25 de la rue de Fer", "Rue de Fer 25 bte 3 à 5000 Namur". A street
without a house number is not an address here: it names a public place
(works "rue de Fer", a terrace "rue de Bruxelles"), not where someone lives.

>>> [m.group() for m in ADDRESS.finditer("domicilié Rue de Fer 25 bte 3 à 5000 Namur.")]
['Rue de Fer 25 bte 3 à 5000 Namur']
>>> [m.group() for m in ADDRESS.finditer("devant le n° 74 de la rue de Bruxelles, du 1er avril")]
['n° 74 de la rue de Bruxelles']
>>> street_key("25, Rue de FER")
('rue de fer', '25')
>>> street_key("n° 74 de la Rue de Bruxelles") == street_key("rue de Bruxelles 74, 5000 Namur")
True
>>> street_key("Bd. d'Avroy 12") == street_key("boulevard d'Avroy, n. 12")
True

``address_pattern`` finds the variants of one given address, whatever
their case and accents, even when the street name is not capitalised:

>>> pattern = address_pattern("rue de Bruxelles 74, 5000 Namur")
>>> pattern.search("au 74, RUE DE BRUXELLES").group()
'74, RUE DE BRUXELLES'
>>> pattern.search("rue de bruxelles 76") is None
True
"""

from imio.municipal.publication.core.text import fold_words
from imio.municipal.publication.core.text import loose

import re


_UP = "A-ZÀ-ÖØ-Þ"
# Each street type (folded) with the spellings met in acts, as regexes.
_STREET_TYPES = {
    "rue": ("rue",),
    "ruelle": ("ruelle",),
    "avenue": (r"av\.", "av", "avenue"),
    "chaussee": ("chée", "chee", "chaussée", "chaussee"),
    "boulevard": (r"bd\.", "bd", r"bld\.", "bld", "boulevard"),
    "place": (r"pl\.", "place"),
    "chemin": ("chemin",),
    "route": ("route",),
    "allee": ("allée", "allee"),
    "impasse": ("impasse",),
    "quai": ("quai",),
    "square": ("square",),
    "clos": ("clos",),
    "dreve": ("drève", "dreve"),
    "sentier": ("sentier",),
    "venelle": ("venelle",),
    "rempart": ("rempart",),
    "faubourg": ("faubourg",),
    "cour": ("cour",),
    "voie": ("voie",),
    "thier": ("thier",),
    "tienne": ("tienne",),
    "esplanade": ("esplanade",),
    "parvis": ("parvis",),
    "cite": ("cité", "cite"),
    "residence": ("résidence", "residence"),
    "hameau": ("hameau",),
    "passage": ("passage",),
    "promenade": ("promenade",),
    "galerie": ("galerie",),
    "trieu": ("trieu",),
}
# The folded spelling (as fold_words gives it) -> the type it stands for.
_CANONICAL = {
    fold_words(spelling.replace("\\", "")): canonical
    for canonical, spellings in _STREET_TYPES.items()
    for spelling in spellings
}


def _type_regex(spellings) -> str:
    """The spellings of a street type: a word is not followed by a letter
    ("av" is not "avis"); an abbreviation's dot may touch the name."""
    dotted = [s for s in spellings if s.endswith(r"\.")]
    words = sorted((s for s in spellings if not s.endswith(r"\.")), key=len, reverse=True)
    alternatives = [*dotted, rf"(?:{'|'.join(words)})(?!\w)"] if words else dotted
    return rf"(?i:\b(?:{'|'.join(alternatives)}))"


_ALL_SPELLINGS = [s for spellings in _STREET_TYPES.values() for s in spellings]
_CONNECTOR = r"(?:d['’]|l['’]|(?:de|du|des|la|le|les|aux|au|à|et|sur|sous|en)\s+)"
_WORD = rf"[{_UP}][\w'’]*(?:-[\w'’]+)*"
_ANY_WORD = r"[^\W\d_][\w'’]*(?:-[\w'’]+)*"
_TYPE = _type_regex(_ALL_SPELLINGS)


def _street(word: str) -> str:
    return rf"{_TYPE}\s*(?i:{_CONNECTOR})*{word}(?:\s+(?i:{_CONNECTOR})*{word})*"


# "n° 25", "nº 25", "n. 25", "numéro 25" (the sign stays in the masked span).
_PREFIX = r"(?:(?i:n°|nº|n\.|numéro)\s*)"
_NUMBER = r"\d{1,4}(?:\s?[a-zA-Z](?!\w))?(?!\w)"
_BOX = r"(?:,?\s*(?i:bte|boîte|boite|bus|bt)\.?\s*\d+\w*|\s*/\s*\d+\w*)"
_CITY = rf"(?:\s*,\s*|\s+à\s+|\s+-\s+|\s+)(?:B-)?\d{{4}}\s+{_WORD}(?:[\s-]+{_WORD})*"
# Between a number given first and its street: "25, rue", "25 de la rue".
_BEFORE_STREET = r"(?:,\s*|\s+)(?:(?i:de\s+la|du|des)\s+|(?i:de\s+l)['’]\s*)?"
_NOT_A_MEASURE = r"(?!\s*(?:€|%|m²|m\b|ans\b))"


def _grammar(street: str, number: str) -> str:
    """Both orders: street then number, number then street."""
    return (
        rf"(?P<s1>{street}),?\s*{_PREFIX}?(?P<n1>{number}){_NOT_A_MEASURE}"
        rf"{_BOX}?(?:{_CITY})?"
        rf"|(?<![\w,.°]){_PREFIX}?(?P<n2>{number}){_BEFORE_STREET}(?P<s2>{street})"
        rf"{_BOX}?(?:{_CITY})?"
    )


ADDRESS = re.compile(_grammar(_street(_WORD), _NUMBER))
# To read an address typed in a form (any case): "rue de bruxelles 74".
_GIVEN = re.compile(_grammar(_street(_ANY_WORD), _NUMBER))


def _parts(match: re.Match) -> tuple[str, str]:
    street = fold_words(match.group("s1") or match.group("s2"))
    number = fold_words(match.group("n1") or match.group("n2")).replace(" ", "")
    return street, number


def _canonical_street(street: str) -> str:
    kind, _sep, name = street.partition(" ")
    return f"{_CANONICAL.get(kind, kind)} {name}".strip()


def street_key(address: str) -> tuple[str, str] | None:
    """``(street, number)`` in comparable form, or None if not an address."""
    match = _GIVEN.search(address)
    if match is None:
        return None
    street, number = _parts(match)
    return _canonical_street(street), number


def address_pattern(address: str) -> re.Pattern | None:
    """A regex for the variants of one address (None if it has no number).

    The street name is matched whatever its case and accents; the type in
    any of its spellings; the number in either place, with or without "n°",
    a box or the postal code and city; never another number.
    """
    match = _GIVEN.search(address)
    if match is None:
        return None
    street = match.group("s1") or match.group("s2")
    kind = re.match(_TYPE, street)
    name = street[kind.end() :].strip()
    spellings = _STREET_TYPES.get(_CANONICAL.get(fold_words(kind.group()), ""), ())
    street_regex = rf"{_type_regex(spellings or [re.escape(kind.group())])}\s*{loose(name)}(?!\w)"
    digits, letter = re.fullmatch(r"(\d+)\s?([a-zA-Z]?)", _parts(match)[1]).groups()
    number = rf"(?<!\d){digits}" + (rf"\s?[{letter.lower()}{letter.upper()}]" if letter else "")
    return re.compile(_grammar(street_regex, rf"{number}(?!\w)"))
