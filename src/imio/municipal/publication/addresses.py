"""Street addresses in the French texts of acts.

An address is a street (a street type and a capitalised name) with a house
number before or after it, optionally a box and a postal code with a city:
"rue de Fer 25", "rue de Fer, 25", "25, rue de Fer", "Rue de Fer 25 bte 3 à
5000 Namur". A street without a house number is not an address here (works
"rue de Fer" are not personal data).

>>> [m.group() for m in ADDRESS.finditer("domicilié Rue de Fer 25 bte 3 à 5000 Namur.")]
['Rue de Fer 25 bte 3 à 5000 Namur']
>>> street_key("25, Rue de FER")
('rue de fer', '25')
"""

from imio.municipal.publication.text import fold_words

import re


_UP = "A-ZÀ-ÖØ-Þ"
_TYPES = (
    r"rue|ruelle|avenue|av\.|chaussée|chée|boulevard|bd|place|chemin|route|allée|impasse"
    r"|quai|square|clos|drève|sentier|venelle|rempart|faubourg|cour|voie|thier|tienne"
    r"|esplanade|parvis|cité|résidence|hameau|passage|promenade|galerie|ruelle|trieu"
)
_CONNECTOR = r"(?:d['’]|l['’]|(?:de|du|des|la|le|les|aux|au|à|et|sur|sous|en)\s+)"
_WORD = rf"[{_UP}][\w'’]*(?:-[\w'’]+)*"
_STREET = (
    rf"(?i:\b(?:{_TYPES}))(?!\w)\s+(?i:{_CONNECTOR})*{_WORD}"
    rf"(?:\s+(?i:{_CONNECTOR})*{_WORD})*"
)
_NUMBER = r"(?:n°\s*)?\d{1,4}(?:\s?[a-zA-Z](?![\w]))?"
_BOX = r"(?:,?\s*(?:bte|boîte|boite|bus|bt)\.?\s*\d+\w*|\s*/\s*\d+\w*)"
_CITY = rf"(?:\s*,\s*|\s+à\s+|\s+-\s+|\s+)(?:B-)?\d{{4}}\s+{_WORD}(?:[\s-]+{_WORD})*"

ADDRESS = re.compile(
    rf"(?P<s1>{_STREET}),?\s*(?P<n1>{_NUMBER})(?!\s*(?:€|%|m²|m\b|ans\b))"
    rf"{_BOX}?(?:{_CITY})?"
    rf"|(?<![\w,.])(?P<n2>\d{{1,4}}(?:\s?[a-zA-Z](?![\w]))?),?\s+(?P<s2>{_STREET}){_BOX}?(?:{_CITY})?"
)

_ABBREVIATIONS = {"av": "avenue", "bd": "boulevard", "chee": "chaussee"}


def street_key(address: str) -> tuple[str, str] | None:
    """``(street, number)`` in comparable form, or None if not an address."""
    match = ADDRESS.search(address)
    if match is None:
        return None
    street = fold_words(match.group("s1") or match.group("s2"))
    number = fold_words(match.group("n1") or match.group("n2")).replace("n ", "")
    words = street.split(" ")
    words[0] = _ABBREVIATIONS.get(words[0], words[0])
    return " ".join(words), number.replace(" ", "")
