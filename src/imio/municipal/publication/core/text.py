"""Text helpers shared by the personal-data detectors.

>>> fold("  Van  den BERGHE ")
'van den berghe'
>>> bool(re.fullmatch(loose("Lefèvre"), "LEFEVRE"))
True
"""

import re
import unicodedata


_VARIANTS = {
    "a": "aàâäáã",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïí",
    "n": "nñ",
    "o": "oôöóõ",
    "u": "uùûüú",
    "y": "yÿý",
}


def strip_accents(text: str) -> str:
    """``strip_accents("Échevine")`` is ``"Echevine"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form, for comparisons and keys."""
    text = strip_accents(text).casefold().replace("’", "'")
    text = re.sub(r"\s*-\s*", "-", text)
    return " ".join(text.split())


def fold_words(text: str) -> str:
    """``fold`` without punctuation: ``"rue de Fer, 25"`` -> ``"rue de fer 25"``."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def loose(text: str) -> str:
    """A regex matching ``text`` whatever its case, accents and spacing.

    Hyphens and apostrophes may be surrounded by spaces or be typographic.
    """
    out = []
    for ch in text.strip():
        base = strip_accents(ch).lower()
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in "-‐‑–":
            out.append(r"\s*[-‐‑–]\s*")
        elif ch in "'’":
            out.append(r"['’]\s*")
        elif base in _VARIANTS:
            variants = _VARIANTS[base]
            out.append(f"[{variants}{variants.upper()}]")
        elif ch.isalpha():
            out.append(f"[{re.escape(ch.lower())}{re.escape(ch.upper())}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)
