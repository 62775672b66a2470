"""Who sits in the college and the council on a given day (Plone-free).

A mandate is one person in one function for a period. The function says in
which assemblies the person sits and votes: the bourgmestre, the échevins and
the président(e) du CPAS form the college (CDLD L1123-1, not read) and sit in
the council; a conseiller sits in the council only. The directeur général is
the secretary of both assemblies and the directeur financier attends: neither
votes, and neither counts for the quorum. An acting official (f.f.) replaces
one who is away and is recorded as a mandate of their own.
"""

from dataclasses import dataclass
from datetime import date
from imio.municipal.sessions.rules import COLLEGE
from imio.municipal.sessions.rules import COUNCIL


BOURGMESTRE = "bourgmestre"
ECHEVIN = "echevin"
PRESIDENT_CPAS = "president_cpas"
CONSEILLER = "conseiller"
DIRECTEUR_GENERAL = "directeur_general"
DIRECTEUR_FINANCIER = "directeur_financier"

# In the order of precedence of the functions.
FUNCTIONS = (
    BOURGMESTRE,
    ECHEVIN,
    PRESIDENT_CPAS,
    CONSEILLER,
    DIRECTEUR_GENERAL,
    DIRECTEUR_FINANCIER,
)
VOTING_SEATS = {
    BOURGMESTRE: (COLLEGE, COUNCIL),
    ECHEVIN: (COLLEGE, COUNCIL),
    PRESIDENT_CPAS: (COLLEGE, COUNCIL),
    CONSEILLER: (COUNCIL,),
}
OFFICIALS = (DIRECTEUR_GENERAL, DIRECTEUR_FINANCIER)


@dataclass(frozen=True)
class Seat:
    """What the composition needs of a mandate."""

    member_id: str
    person: str
    function: str
    start: date
    end: date | None = None
    rank: int | None = None
    precedence: int | None = None


def votes_in(function: str, body: str) -> bool:
    """Whether a mandate of ``function`` votes in ``body``.

    >>> votes_in("echevin", "college"), votes_in("conseiller", "college")
    (True, False)
    >>> votes_in("directeur_general", "conseil")
    False
    """
    return body in VOTING_SEATS.get(function, ())


def in_office(seat: Seat, day: date) -> bool:
    """Whether the mandate runs on ``day`` (its first and last days included)."""
    return seat.start <= day and (seat.end is None or day <= seat.end)


def precedence_key(seat: Seat):
    # Functions first, échevins by rank, then the order of the precedence table.
    big = 10**6
    return (
        FUNCTIONS.index(seat.function),
        seat.rank if seat.rank is not None else big,
        seat.precedence if seat.precedence is not None else big,
        seat.person,
    )


def members_in_office(seats, body: str, day: date) -> list[Seat]:
    """The voting members of ``body`` on ``day``, in order of precedence."""
    chosen = [s for s in seats if votes_in(s.function, body) and in_office(s, day)]
    return sorted(chosen, key=precedence_key)


def mandate_refusal(function: str, start: date | None, end: date | None, rank: int | None):
    """Why a mandate cannot be recorded as given, or None (a msgid and mapping).

    >>> mandate_refusal("echevin", date(2024, 12, 2), None, None)[0]
    'refusal_mandate_rank'
    >>> mandate_refusal("conseiller", date(2024, 12, 2), date(2024, 12, 1), None)[0]
    'refusal_mandate_end_before_start'
    """
    if function not in FUNCTIONS:
        return ("refusal_mandate_function", {"function": str(function)})
    if start is not None and end is not None and end < start:
        return ("refusal_mandate_end_before_start", {})
    if function == ECHEVIN and not rank:
        return ("refusal_mandate_rank", {})
    return None
