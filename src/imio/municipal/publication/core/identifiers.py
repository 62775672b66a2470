"""Identifiers that are personal data, and numbers that are not.

Checksums come from ``python-stdnum`` (never hand-written checks).

>>> [h.finding.text for h in find_identifiers("NISS 85.07.30-033.28, tél. 081/24.60.00")]
['85.07.30-033.28', '081/24.60.00']

A number laid out as a NISS or a Belgian IBAN whose checksum fails is
still someone's number, mistyped: it is a suspect, masked unless the
secretariat releases it.

>>> [(h.finding.kind, h.finding.certain) for h in find_identifiers("NISS 85.07.30-033.29")]
[('suspect-niss', False)]
"""

from collections.abc import Iterator
from imio.municipal.publication.core.findings import Finding
from imio.municipal.publication.core.findings import Hit
from stdnum import iban
from stdnum.be import bis
from stdnum.be import nn
from stdnum.be import vat

import re


RANK_IDENTIFIER = 0
RANK_BCE = 2
RANK_PHONE = 3
RANK_PROTECTED = 4

_NISS = re.compile(
    r"(?<![\w./-])\d{2}[.\s-]?\d{2}[.\s-]?\d{2}[\s.-]?\d{3}[\s.-]?\d{2}(?![\w]|[.,/-]\d)"
)
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){8,30}")
# The layout of a Belgian account number, whatever its checksum.
_BE_ACCOUNT = re.compile(r"(?<![A-Za-z0-9])[Bb][Ee]\d{2}(?:[ ]?\d{4}){3}(?![\w])")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_PHONE = re.compile(
    r"(?<![\w+/.-])(?<!\d\s)(?<!\d\.)"
    r"(?:(?:\+|00)\s?32[\s.]?(?:\(0\)\s?)?|0)"
    r"\d(?:[\s./-]?\d){6,8}(?![\w]|[.,/-]\d)"
)
# Numbers that look like identifiers but are not personal data.
_BCE = re.compile(
    r"(?:\bBE\s?|\b(?:BCE|KBO)\s*:?\s*(?:n°\s*)?)?(?<!\d)[01]\d{3}\.\d{3}\.\d{3}(?!\d)"
    r"|\b(?:BE\s?|(?:BCE|KBO)\s*:?\s*(?:n°\s*)?)[01]\d{9}(?!\d)"
)
_AMOUNT = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[ .\u00a0\u202f]\d{3})*(?:,\d{1,2})?\s?(?:€|EUR\b|euros?\b)"
    r"|€\s?\d{1,3}(?:[ .\u00a0\u202f]\d{3})*(?:,\d{1,2})?"
)
_DATE = re.compile(r"(?<![\w./-])\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![\w]|[./-]\d)")
_ARTICLE = re.compile(
    r"\b(?:art(?:icles?|\.)\s*)?[LDR]\.?\s?(?:[IVX]+\.)?\d+(?:[.-]\d+)*(?:,\s*§\s*\d+)?"
    r"|\bart(?:icles?|\.)\s*\d+(?:er)?(?:[.-]\d+)*"
)
_REFERENCE = re.compile(r"\b[A-Z]{2,6}/\d{2,4}(?:/[\w-]+)+")


def _niss(text: str) -> Iterator[Hit]:
    for match in _NISS.finditer(text):
        number = re.sub(r"\D", "", match.group())
        valid = nn.is_valid(number) or bis.is_valid(number)
        kind = "niss" if valid else "suspect-niss"
        yield Hit(match.start(), match.end(), Finding(kind, match.group(), valid), RANK_IDENTIFIER)


def _iban(text: str) -> Iterator[Hit]:
    pos = 0
    while match := _IBAN_START.search(text, pos):
        candidate = match.group()
        # the longest prefix that is a valid IBAN, ending at a group boundary
        for end in range(len(candidate), 11, -1):
            if end < len(candidate) and candidate[end] not in " ":
                continue
            if iban.is_valid(candidate[:end]):
                start = match.start()
                finding = Finding("iban", candidate[:end], True)
                yield Hit(start, start + end, finding, RANK_IDENTIFIER)
                pos = start + end
                break
        else:
            pos = match.start() + 2
            account = _BE_ACCOUNT.match(text, match.start())
            if account:
                finding = Finding("suspect-iban", account.group(), False)
                yield Hit(account.start(), account.end(), finding, RANK_IDENTIFIER)
                pos = account.end()


def _email(text: str) -> Iterator[Hit]:
    for match in _EMAIL.finditer(text):
        yield Hit(match.start(), match.end(), Finding("email", match.group(), True), 0)


def _is_belgian_phone(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if text.startswith(("+", "00")):
        digits = digits[4:] if digits.startswith("0032") else digits[2:]
    digits = digits.lstrip("0") if digits.startswith("0") else digits
    if digits.startswith("4"):
        return len(digits) == 9 and digits[1] in "56789"
    return len(digits) == 8


def _phone(text: str) -> Iterator[Hit]:
    for match in _PHONE.finditer(text):
        if _is_belgian_phone(match.group()):
            yield Hit(match.start(), match.end(), Finding("phone", match.group(), True), RANK_PHONE)


def find_identifiers(text: str) -> list[Hit]:
    """NISS/BIS numbers, IBANs, e-mail addresses and Belgian phone numbers,
    and mistyped NISS and Belgian account numbers (suspects)."""
    hits = [*_niss(text), *_iban(text), *_email(text), *_phone(text)]
    return sorted(hits, key=lambda hit: hit.start)


def find_public_numbers(text: str) -> list[Hit]:
    """Spans never to flag: company numbers, amounts, dates, articles, references."""
    hits = []
    for match in _BCE.finditer(text):
        if vat.is_valid(re.sub(r"\D", "", match.group())):
            hits.append(Hit(match.start(), match.end(), None, RANK_BCE))
    for pattern in (_AMOUNT, _DATE, _ARTICLE, _REFERENCE):
        hits.extend(Hit(m.start(), m.end(), None, RANK_PROTECTED) for m in pattern.finditer(text))
    return hits
