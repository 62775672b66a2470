"""The sentences of the minutes (Plone-free)."""

from imio.municipal.sessions import minutes_text

import doctest


def test_doctests():
    assert doctest.testmod(minutes_text).failed == 0


def test_a_secret_ballot_names_nobody():
    vote = {
        "mode": "secret",
        "votes_for": 7,
        "votes_against": 1,
        "abstentions": 1,
        "ballots": {"m1": "against"},
    }
    line = minutes_text.vote_line(vote, {"m1": "Alice Fictive"})
    assert line == "Au scrutin secret, par 7 voix pour, 1 voix contre et 1 abstention."


def test_a_public_vote_names_who_voted_against_and_abstained():
    ballots = {"a": "for", "b": "against", "c": "against", "d": "abstention"}
    vote = {"mode": "public", "votes_for": 1, "votes_against": 2, "abstentions": 1}
    line = minutes_text.vote_line(vote | {"ballots": ballots}, {"b": "Bruno", "c": "Chloé"})
    assert line == (
        "Par 1 voix pour, 2 voix contre et 1 abstention. Ont voté contre : Bruno et Chloé. "
        "S'est abstenu(e) : d."
    )


def test_presences_and_approval():
    assert minutes_text.presence_lines([], ["A"], []) == ["Excusé : A"]
    assert minutes_text.approval_line("Conseil communal du 14/12/2026", "14/12/2026", " Lire X. ")
    assert minutes_text.approval_line("C", "14/12/2026", "Lire X.").endswith(
        "avec les remarques suivantes : Lire X."
    )
    assert minutes_text.outcome_sentence(None) == ""
