"""Pieces joined by a citizen: recognised by their content, never by their
name (Plone-free).

A PDF must open with pikepdf (an unreadable or encrypted file is refused, as
the service could not read it either); images are recognised by their magic
bytes. Each refused file gets its own reason.

A virus scan plugs in here: ``check_piece`` is the one place every uploaded
byte goes through before anything is stored; a scanner (e.g. clamd over its
socket, ``INSTREAM``) would be one more check returning a refusal.
"""

from dataclasses import dataclass
from imio.municipal import _
from imio.municipal.counter.catalogue import Piece

import io
import pikepdf


MAGIC = {
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "pdf": (b"%PDF-",),
}
MIME_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
TYPE_NAMES = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG"}


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


def detected_type(data: bytes) -> str | None:
    for kind, prefixes in MAGIC.items():
        if data.startswith(prefixes):
            return kind
    return None


def _readable_pdf(data: bytes) -> bool:
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return len(pdf.pages) > 0 and not pdf.is_encrypted
    except Exception:  # pikepdf raises PdfError, PasswordError, and more
        return False


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",")


def check_piece(piece: Piece, upload: Upload):
    """None when the file is accepted, otherwise the reason (a message)."""
    name = upload.filename or "?"
    if not upload.data:
        return _(
            "refusal_piece_empty", default="${file}: the file is empty.", mapping={"file": name}
        )
    if len(upload.data) > piece.max_bytes:
        return _(
            "refusal_piece_too_large",
            default="${file}: ${size} MB, more than the ${limit} MB allowed for this piece.",
            mapping={
                "file": name,
                "size": megabytes(len(upload.data)),
                "limit": megabytes(piece.max_bytes),
            },
        )
    kind = detected_type(upload.data)
    allowed = ", ".join(TYPE_NAMES[kind] for kind in piece.types)
    if kind not in piece.types:
        return _(
            "refusal_piece_type",
            default="${file}: its content is not an accepted type (${allowed}).",
            mapping={"file": name, "allowed": allowed},
        )
    if kind == "pdf" and not _readable_pdf(upload.data):
        return _(
            "refusal_piece_pdf",
            default="${file}: this PDF cannot be read (damaged or protected by a password).",
            mapping={"file": name},
        )
    return None
