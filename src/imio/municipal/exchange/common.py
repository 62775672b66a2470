"""What the exchange formats share: the sender, the files, the errors (Plone-free).

>>> entry = FileEntry("deliberation.pdf", "application/pdf", b"%PDF-1.7", "deliberation")
>>> entry.size, entry.sha256[:12]
(8, '86edbaa24831')
>>> format_amount(Decimal("1234.5"))
'1234.50'
>>> format_timestamp(datetime(2026, 11, 28, 19, 30, tzinfo=timezone(timedelta(hours=1))))
'2026-11-28T18:30:00Z'
"""

from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta  # noqa: F401 (doctest)
from datetime import timezone
from decimal import Decimal
from decimal import ROUND_HALF_UP
from imio.municipal.errors import InvalidInput
from imio.municipal.exchange.package import sha256_hex


#: What a file is in a submission: the act itself, or a piece justifying it.
FILE_ROLES = ("deliberation", "justificatory")
_CENT = Decimal("0.01")


class InvalidManifest(InvalidInput):
    """A manifest that does not follow its format; ``errors`` says why, one
    readable sentence each (with the line of the manifest when known)."""

    def __init__(self, errors: list[str], schema: str = "") -> None:
        self.errors = list(errors)
        self.schema = schema
        what = f"The {schema} manifest" if schema else "The manifest"
        super().__init__(f"{what} is not valid:\n- " + "\n- ".join(self.errors))


@dataclass(frozen=True)
class Sender:
    """The municipality that sends: INS code (92094), BCE number
    (0216.689.981) and name (Ville de Namur)."""

    ins_code: str
    bce_number: str
    name: str


@dataclass(frozen=True)
class FileEntry:
    """A file of a package; its size and SHA-256 are computed from ``data``."""

    name: str
    media_type: str
    data: bytes
    # One of FILE_ROLES.
    role: str

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return sha256_hex(self.data)


def format_amount(value: Decimal, name: str = "amount") -> str:
    """``value`` with a dot and exactly two decimals.

    A float is refused (TypeError): amounts are Decimals, end to end; so is a
    value with a fraction of a cent (ValueError): round it before.

    >>> format_amount(0.1)
    Traceback (most recent call last):
    ...
    TypeError: The amount is a float (0.1); amounts are Decimal, e.g. Decimal('0.10').
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        if isinstance(value, float):
            raise TypeError(
                f"The {name} is a float ({value!r}); amounts are Decimal, "
                f"e.g. Decimal('{value:.2f}')."
            )
        raise TypeError(f"The {name} must be a Decimal, not {type(value).__name__} ({value!r}).")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"The {name} must be a finite number, not {number}.")
    rounded = number.quantize(_CENT, rounding=ROUND_HALF_UP)
    if rounded != number:
        raise ValueError(f"The {name} {number} has a fraction of a cent; round it to {rounded}.")
    return format(rounded, "f")


def format_timestamp(moment: datetime) -> str:
    """``moment`` in UTC, to the second, with a ``Z``; a naive datetime is refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"The date and time {moment.isoformat()} has no time zone.")
    return moment.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def element(parent, tag: str, text: object = None):
    """A child ``tag`` of ``parent`` (in the parent's namespace) holding ``text``."""
    namespace = parent.tag[1:].split("}")[0] if parent.tag.startswith("{") else ""
    child = parent.makeelement(f"{{{namespace}}}{tag}" if namespace else tag, {})
    parent.append(child)
    if text is not None:
        child.text = "true" if text is True else "false" if text is False else str(text)
    return child


def serialize(root) -> bytes:
    """``root`` as UTF-8 XML with a declaration, indented two spaces, ending with a newline."""
    from lxml import etree

    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
