"""The sentences of the minutes (procès-verbal), in French (Plone-free).

The minutes say who was there, and for each item what the assembly did and
how it voted. A secret ballot (CDLD L1122-27) is written as its totals only,
never who voted what; members out of the room for a personal interest
(L1122-19) are named as not taking part.
"""

from imio.municipal.documents.formatting import join


# The outcomes and ways of voting of the session records (as stored there).
OUTCOME_SENTENCES = {
    "adopted": "Le point est adopté.",
    "amended": "Le point est adopté tel qu'amendé.",
    "refused": "Le point est refusé.",
    "postponed": "Le point est reporté à une séance ultérieure.",
    "withdrawn": "Le point est retiré de l'ordre du jour.",
}
UNANIMITY = "unanimity"
SECRET = "secret"  # noqa: S105 (a way of voting)


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def presence_lines(present: list[str], excused: list[str], absent: list[str]) -> list[str]:
    """« Présents : … », « Excusés : … », « Absents : … » (empty groups left out).

    >>> presence_lines(["A", "B"], [], ["C"])
    ['Présents : A et B', 'Absent : C']
    """
    groups = (
        ("Présent", "Présents", present),
        ("Excusé", "Excusés", excused),
        ("Absent", "Absents", absent),
    )
    return [
        f"{singular if len(names) == 1 else plural} : {join(names)}"
        for singular, plural, names in groups
        if names
    ]


def movement_line(person: str, movement: str, at: str) -> str:
    """An arrival or a departure during the session, with its time.

    >>> movement_line("Alice Fictive", "left", "2026-11-30T10:12:00")
    'Alice Fictive quitte la séance à 10:12.'
    """
    hour = at[11:16] if at and len(at) >= 16 else ""
    verb = "entre en séance" if movement == "arrived" else "quitte la séance"
    return f"{person} {verb}" + (f" à {hour}." if hour else ".")


def vote_line(vote: dict | None, names: dict[str, str] | None = None) -> str:
    """How the assembly voted, as the minutes record it.

    >>> vote_line({"mode": "unanimity", "present": 4})
    "À l'unanimité des 4 membres présents."
    >>> vote_line({"mode": "secret", "votes_for": 5, "votes_against": 2, "abstentions": 0})
    'Au scrutin secret, par 5 voix pour et 2 voix contre.'
    >>> vote_line({"mode": "public", "votes_for": 3, "votes_against": 1, "abstentions": 0,
    ...            "ballots": {"a": "for", "b": "for", "c": "for", "d": "against"}},
    ...           {"d": "David Modèle"})
    'Par 3 voix pour et 1 voix contre. A voté contre : David Modèle.'
    >>> vote_line(None)
    ''
    """
    if not vote:
        return ""
    mode = vote.get("mode")
    if mode == UNANIMITY:
        present = _count(vote.get("present") or 0, "membre présent", "membres présents")
        return f"À l'unanimité des {present}."
    parts = [_count(vote.get("votes_for") or 0, "voix pour", "voix pour")]
    if vote.get("votes_against"):
        parts.append(_count(vote["votes_against"], "voix contre", "voix contre"))
    if vote.get("abstentions"):
        parts.append(_count(vote["abstentions"], "abstention", "abstentions"))
    counted = f"par {join(parts)}."
    if mode == SECRET:
        # Totals only: who voted what is never written.
        return f"Au scrutin secret, {counted}"
    sentence = counted[0].upper() + counted[1:]
    names = names or {}
    ballots = vote.get("ballots") or {}
    for choice, singular, plural in (
        ("against", "A voté contre", "Ont voté contre"),
        ("abstention", "S'est abstenu(e)", "Se sont abstenus"),
    ):
        voters = sorted(
            names.get(member, member) for member, cast in ballots.items() if cast == choice
        )
        if voters:
            sentence += f" {singular if len(voters) == 1 else plural} : {join(voters)}."
    return sentence


def interest_line(persons: list[str]) -> str:
    """Members out of the room for a personal interest (L1122-19).

    >>> interest_line(["Chloé Exemple"])[:60]
    'Chloé Exemple, ayant un intérêt personnel, quitte la salle e'
    >>> interest_line([])
    ''
    """
    if not persons:
        return ""
    if len(persons) == 1:
        return (
            f"{persons[0]}, ayant un intérêt personnel, quitte la salle et ne prend pas "
            "part au vote (CDLD L1122-19)."
        )
    return (
        f"{join(persons)}, ayant un intérêt personnel, quittent la salle et ne prennent pas "
        "part au vote (CDLD L1122-19)."
    )


def outcome_sentence(outcome: str | None, comment: str = "") -> str:
    """What the assembly did with the item (the reason of a postponement).

    >>> outcome_sentence("postponed", "Avis juridique attendu")
    'Le point est reporté à une séance ultérieure (Avis juridique attendu).'
    """
    sentence = OUTCOME_SENTENCES.get(outcome or "", "")
    if sentence and comment:
        sentence = f"{sentence[:-1]} ({comment})."
    return sentence


def approval_line(session_title: str, day: str, remarks: str) -> str:
    """The approval of the minutes at the next session (L1122-16).

    >>> approval_line("Collège communal du 07/12/2026", "07/12/2026", "")[-48:]
    '(Collège communal du 07/12/2026), sans remarque.'
    """
    line = f"Le présent procès-verbal a été approuvé en séance du {day} ({session_title})"
    if remarks.strip():
        return f"{line}, avec les remarques suivantes : {remarks.strip()}"
    return f"{line}, sans remarque."
