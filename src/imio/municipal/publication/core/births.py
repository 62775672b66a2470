"""Dates and places of birth in the French texts of acts.

A date or place of birth identifies a private person: it is masked wherever
it is given, keeping the words that announce it ("né le", "date de
naissance :") so that the sentence still reads.

>>> [h.finding.text for h in find_births("M. Jean Dupont, né le 12/04/1996 à Namur")]
['12/04/1996', 'Namur']
>>> [h.finding.text for h in find_births("née le 1er avril 2001 à La Louvière")]
['1er avril 2001', 'La Louvière']
>>> text = "Date de naissance : 3 mars 1958 ; lieu de naissance : Saint-Servais"
>>> [h.finding.text for h in find_births(text)]
['3 mars 1958', 'Saint-Servais']
>>> [h.finding.text for h in find_births("Marie Dupont (° 04.12.1961), au n° 74")]
['04.12.1961']
>>> find_births("la séance du 12/04/2026, il est né un projet")
[]
"""

from imio.municipal.publication.core.findings import Finding
from imio.municipal.publication.core.findings import Hit

import re


RANK_BIRTH = 1

_UP = "A-ZÀ-ÖØ-Þ"
_MONTHS = (
    r"(?i:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre"
    r"|octobre|novembre|décembre|decembre)"
)
_DATE = (
    r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![\w]|[./-]\d)"
    rf"|(?:\d{{1,2}}|1er)\s+{_MONTHS}\s+\d{{4}}(?!\d)"
)
# "Namur", "La Louvière", "Braine-l'Alleud", "Saint-Servais (Namur)"
_PLACE = (
    rf"(?:(?:La|Le|Les)\s+)?[{_UP}][\w'’]*(?:-[\w'’]+)*"
    rf"(?:\s+(?:(?:sur|lez|en|la|le|de)\s+)?[{_UP}][\w'’]*(?:-[\w'’]+)*){{0,2}}"
    rf"(?:\s*\([{_UP}][\w'’ -]*\))?"
)
_BORN = r"\b(?i:né|née|nés|nées|ne|nee)\b"
_BIRTH = re.compile(
    # "né le 12/04/1996", "née le 12 avril 1996 à Namur"
    rf"{_BORN}\s+(?i:le)\s+(?P<date1>{_DATE})(?:\s*,?\s+(?i:à)\s+(?P<place1>{_PLACE}))?"
    # "né à Namur", "née à Namur le 12 avril 1996"
    rf"|{_BORN}\s+(?i:à)\s+(?P<place2>{_PLACE})(?:\s*,?\s+(?i:le)\s+(?P<date2>{_DATE}))?"
    # "date de naissance : 12/04/1996", "lieu de naissance : Namur"
    rf"|\b(?i:date\s+de\s+naissance)\s*:?\s*(?:(?i:le)\s+)?(?P<date3>{_DATE})"
    rf"|\b(?i:lieu\s+de\s+naissance)\s*:?\s*(?:(?i:à)\s+)?(?P<place3>{_PLACE})"
    # "(° 12/04/1996)": the birth sign, not the number sign "n°"
    rf"|(?<![nN\w])°\s?(?P<date4>{_DATE})"
)
_GROUPS = ("date1", "place1", "place2", "date2", "date3", "place3", "date4")


def find_births(text: str) -> list[Hit]:
    """Each date and place of birth: certain findings (kind ``birth``)."""
    hits = []
    for match in _BIRTH.finditer(text):
        for group in _GROUPS:
            if match.group(group):
                finding = Finding("birth", match.group(group), True)
                hits.append(Hit(match.start(group), match.end(group), finding, RANK_BIRTH))
    return hits
