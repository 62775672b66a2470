"""Which of a municipality's people a sharing-page search term finds (Plone-free).

The sharing page of a municipality's content searches only that
municipality's users and groups (see browser/sharing.py); this module says
whether one of them answers the term typed, as Plone's user and group
sources do: a part of the login, id, full name, e-mail or group title,
here without regard to case or accents (« Dubois » finds « dubois » and
« Andre » finds « André »).
"""

import unicodedata


def folded(text: str | None) -> str:
    """Lower case, without accents.

    >>> folded("Élodie DUBOIS")
    'elodie dubois'
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def matches(term: str | None, *values: str | None) -> bool:
    """Whether every word of `term` is part of one of `values`.

    >>> matches("dubois", "u92094-01", "Marie Dubois", "marie@namur.be")
    True
    >>> matches("marie dub", "u92094-01", "Marie Dubois", None)
    True
    >>> matches("gembloux", "u92094-01", "Marie Dubois", None)
    False
    >>> matches("  ", "anything")
    False
    """
    words = folded(term).split()
    if not words:
        return False
    haystacks = [folded(value) for value in values if value]
    return all(any(word in haystack for haystack in haystacks) for word in words)
