"""What the detectors report: findings (personal data) and protected spans.

>>> Finding("person", "DUPONT", True, ref="Jean Dupont").key
'person:jean dupont'
"""

from dataclasses import dataclass
from imio.municipal.publication.core.text import fold
from imio.municipal.publication.core.text import fold_words

import re


KINDS = (
    "manual",
    "niss",
    "iban",
    "email",
    "phone",
    "person",
    "address",
    "birth",
    "suspect-name",
    "suspect-address",
    "suspect-niss",
    "suspect-iban",
)

# Certain findings a decision may still publish: a valid IBAN may be the
# municipality's own account. Every other certain finding (a NISS, an
# e-mail, a phone, a linked person's name or address, a date or place of
# birth, an editor's mark) is
# personal data by nature: always masked, whoever decides.
RELEASABLE_CERTAIN = frozenset({"iban"})


def normalise(kind: str, text: str) -> str:
    """The comparable form of a finding's text, used in its key."""
    if kind in ("niss", "suspect-niss"):
        return re.sub(r"\D", "", text)
    if kind in ("iban", "suspect-iban"):
        return re.sub(r"\s", "", text).upper()
    if kind == "email":
        return text.strip().lower()
    if kind == "phone":
        digits = re.sub(r"\D", "", text)
        for prefix in ("0032", "32"):
            if text.strip().startswith(("+", "00")) and digits.startswith(prefix):
                digits = digits[len(prefix) :]
                break
        return "0" + digits.lstrip("0")
    if kind in ("address", "suspect-address"):
        return fold_words(text)
    return fold(text)


@dataclass(frozen=True)
class Finding:
    """An item of personal data found in a text.

    ``ref`` groups several mentions under one decision: the surname alone
    after a first mention has the full name as ``ref``, a person's address
    the address given for that person.
    """

    kind: str
    text: str
    certain: bool
    ref: str = ""

    @property
    def key(self) -> str:
        """Stable id for a decision: ``f"{kind}:{normalised text}"``."""
        return f"{self.kind}:{normalise(self.kind, self.ref or self.text)}"

    @property
    def releasable(self) -> bool:
        """May a decision publish it: a suspect, or an IBAN."""
        return not self.certain or self.kind in RELEASABLE_CERTAIN


@dataclass(frozen=True)
class Hit:
    """Where a finding (or a protected span, ``finding=None``) is in a text.

    Overlapping hits are resolved longest first, then by ``rank`` (lower wins).
    """

    start: int
    end: int
    finding: "Finding | None"
    rank: int
