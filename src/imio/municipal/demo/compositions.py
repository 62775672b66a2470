"""The demo's college and council of Namur and Gembloux: fictitious people.

Sizes follow the legal scale of the council by population (CDLD L1122-3,
scale not read in the text: 25,000 to 29,999 inhabitants elect 29
councillors, 100,000 to 149,999 elect 47), with Namur (about 113,000
inhabitants) and Gembloux (about 27,000). The bourgmestre, the échevins and
the président(e) du CPAS are elected councillors: they count among the
council's seats. The number of échevins is a plausible one (L1123-9 not
read). Every name is made up from common first and last names; none is a
real official's. Members who have a demo login are linked to it.
"""

from dataclasses import dataclass
from datetime import date
from imio.municipal.demo.acts import SIGNATORIES
from imio.municipal.sessions import composition


MANDATE_START = date(2024, 12, 2)  # Councils installed after the elections of 13/10/2024.

FIRST_NAMES = (
    "Sandrine", "Michel", "Caroline", "Pascal", "Isabelle", "Frédéric", "Valérie",
    "Christophe", "Nathalie", "Jean-Marc", "Martine", "Didier", "Catherine", "Laurent",
    "Florence", "Thomas", "Amélie", "Nicolas", "Julie", "Vincent", "Aurélie", "Grégory",
    "Céline", "Damien", "Émilie", "Sébastien", "Laetitia", "Jérôme", "Mélanie", "Fabrice",
    "Virginie", "Alain", "Françoise", "Patrick", "Dominique", "Cédric", "Marie", "Xavier",
    "Anne-Sophie", "Guillaume", "Justine", "Quentin", "Pauline", "Hugo", "Camille",
    "Arnaud", "Chantal", "Yves", "Gaëlle", "Renaud",
)  # fmt: skip
LAST_NAMES = (
    "Jacquet", "Delvaux", "Collignon", "Hubert", "Wauthier", "Thiry", "Lemaire", "Michaux",
    "Collard", "Henrard", "Lecocq", "Bodart", "Pirson", "Marchal", "Closset", "Fontaine",
    "Delhaye", "Baudoux", "Poncelet", "Lhoest", "Lurquin", "Masson", "Jadot", "Piret",
    "Gillet", "Nicolay", "Wilmotte", "Evrard", "Bastin", "Hennuy", "Demoulin", "Defays",
    "Tasiaux", "Dewez", "Baijot", "Mottet", "Herbiet", "Rondeux", "Sacré", "Gobert",
    "Leclercq", "Mahy", "Dochain", "Fraiture", "Grégoire", "Kinet", "Lonnoy",
)  # fmt: skip


@dataclass(frozen=True)
class Assembly:
    """What differs between the demo municipalities."""

    seats: int  # council members, college members included (L1122-3)
    echevins: int
    groups: tuple[str, ...]  # the majority's groups first
    college_login: str  # the demo login of the first échevin
    name_offset: int  # so that the two municipalities do not share names


ASSEMBLIES = {
    "namur": Assembly(
        seats=47,
        echevins=8,
        groups=("Namur Ensemble", "Confluence", "Citadelle citoyenne", "Alternative namuroise"),
        college_login="namur-college",
        name_offset=0,
    ),
    "gembloux": Assembly(
        seats=29,
        echevins=6,
        groups=("Gembloux Demain", "Agir pour Gembloux", "Vivre Gembloux"),
        college_login="gembloux-college",
        name_offset=49,
    ),
}


def fictitious_people(count: int, offset: int = 0) -> list[str]:
    """``count`` distinct made-up names (first and last names paired with a stride).

    >>> fictitious_people(2)
    ['Sandrine Jacquet', 'Michel Michaux']
    """
    people = []
    for index in range(count):
        position = index + offset
        first = FIRST_NAMES[position % len(FIRST_NAMES)]
        last = LAST_NAMES[(position * 7) % len(LAST_NAMES)]
        people.append(f"{first} {last}")
    if len(set(people)) != count:
        raise ValueError("Not enough fictitious names for this assembly")
    return people


def _signatory(city: str, function_word: str) -> str:
    return next(row["name"] for row in SIGNATORIES[city] if function_word in row["function"])


def composition_rows(city: str) -> list[dict]:
    """The mandates of ``city``'s college and council, as fields of Mandate."""
    assembly = ASSEMBLIES[city]
    mayor = _signatory(city, "Bourgmestre")
    councillors = assembly.seats - 2 - assembly.echevins  # bourgmestre, CPAS president
    people = iter(fictitious_people(assembly.seats + 2, assembly.name_offset))
    majority = assembly.groups[0]
    rows = [{"person": mayor, "office": composition.BOURGMESTRE, "political_group": majority}]
    for rank in range(1, assembly.echevins + 1):
        row = {"person": next(people), "office": composition.ECHEVIN, "rank": rank}
        row["political_group"] = assembly.groups[(rank - 1) % 2]
        if rank == 1:
            row["user_id"] = assembly.college_login
        rows.append(row)
    rows.append(
        {
            "person": next(people),
            "office": composition.PRESIDENT_CPAS,
            "political_group": assembly.groups[1],
        }
    )
    for number in range(councillors):
        group = assembly.groups[number % len(assembly.groups)]
        rows.append(
            {"person": next(people), "office": composition.CONSEILLER, "political_group": group}
        )
    for precedence, row in enumerate(rows, 1):
        row["precedence"] = precedence
    rows.extend(_officials(city, people))
    return rows


def _officials(city: str, people) -> list[dict]:
    """The directeur général and the directeur financier, each with a substitute (f.f.)."""
    # The demo's site module imports this one: read its names when building.
    from imio.municipal.demo.site import FINANCIAL_DIRECTORS

    return [
        {
            "person": _signatory(city, "général"),
            "office": composition.DIRECTEUR_GENERAL,
            "user_id": f"{city}-secretaire",
        },
        {"person": next(people), "office": composition.DIRECTEUR_GENERAL, "acting": True},
        {
            "person": " ".join(FINANCIAL_DIRECTORS[city]),
            "office": composition.DIRECTEUR_FINANCIER,
            "user_id": f"{city}-directeur-financier",
        },
        {"person": next(people), "office": composition.DIRECTEUR_FINANCIER, "acting": True},
    ]
