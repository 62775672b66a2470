"""The ZIP package that carries a manifest and its files (Plone-free).

A package holds ``manifest.xml``, every file under ``files/<name>`` and
``checksums.sha256``: one ``<sha256>  <path>`` line per member, the format of
``sha256sum``, so that anybody can check a package by hand::

    unzip package.zip -d package && cd package && sha256sum -c checksums.sha256

Packages are deterministic: the members are written in a fixed order with a
fixed timestamp and fixed permissions, so the same manifest and files always
give the same bytes, hence the same SHA-256. The outbox relies on it: a
message sent again is byte for byte the one sent first.

>>> from imio.municipal.exchange.common import FileEntry
>>> data = build_package(b"<m/>", [FileEntry("a.pdf", "application/pdf", b"%PDF", "deliberation")])
>>> manifest, files = read_package(data)
>>> manifest, files
(b'<m/>', {'a.pdf': b'%PDF'})
"""

from collections.abc import Sequence
from typing import Protocol

import hashlib
import io
import zipfile
import zlib


MANIFEST = "manifest.xml"
CHECKSUMS = "checksums.sha256"
FILES_DIR = "files/"
# The earliest date a ZIP can hold; any fixed date would do.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
# Regular file, rw-r--r--.
FILE_MODE = 0o100644 << 16


class _File(Protocol):
    name: str
    data: bytes


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data``, 64 lowercase hexadecimal characters.

    >>> sha256_hex(b"")[:16]
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(data).hexdigest()


def check_file_name(name: str) -> str:
    """``name`` if it can be a member of ``files/``; else ValueError.

    A name is one path segment: no slash or backslash, no leading dot (so no
    ``..``), no control character.

    >>> check_file_name("../etc/passwd")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: The file name '../etc/passwd' cannot be used in a package; use ...
    """
    bad = (
        not name
        or name.startswith(".")
        or any(char in name for char in '/\\:*?"<>|')
        or any(ord(char) < 32 or ord(char) == 127 for char in name)
        or len(name) > 200
    )
    if bad:
        raise ValueError(
            f"The file name {name!r} cannot be used in a package; use 1 to 200 "
            'characters, without / \\ : * ? " < > |, control characters or a leading dot.'
        )
    return name


def _member(path: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=FIXED_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = FILE_MODE
    info.create_system = 3  # Unix, whatever system builds it
    return info


def build_package(manifest: bytes, files: Sequence[_File]) -> bytes:
    """A ZIP of ``manifest``, ``files`` (in the given order) and their checksums.

    Refuses (ValueError) a file name that is not a plain name, and a name used
    twice.
    """
    members: list[tuple[str, bytes]] = [(MANIFEST, manifest)]
    seen: set[str] = set()
    for entry in files:
        check_file_name(entry.name)
        if entry.name in seen:
            raise ValueError(f"The file name {entry.name!r} is used twice in the package.")
        seen.add(entry.name)
        members.append((FILES_DIR + entry.name, entry.data))
    checksums = "".join(f"{sha256_hex(data)}  {path}\n" for path, data in members)
    members.append((CHECKSUMS, checksums.encode("utf-8")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path, data in members:
            archive.writestr(_member(path), data, compresslevel=9)
    return buffer.getvalue()


def _parse_checksums(text: str) -> dict[str, str]:
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        digest, separator, path = line.partition("  ")
        if not separator or len(digest) != 64:
            raise ValueError(
                f"{CHECKSUMS}, line {number}: expected '<sha256>  <path>', got {line!r}."
            )
        sums[path] = digest.lower()
    return sums


def read_package(data: bytes) -> tuple[bytes, dict[str, bytes]]:
    """The manifest and the files (by name) of a package, after checking it.

    Raises ValueError, naming the member, when the data is not a ZIP, a member
    is missing or unexpected, or a checksum does not match.
    """
    try:
        return _read(data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as error:
        raise ValueError(f"The package is not a readable ZIP file ({error}).") from None


def _read(data: bytes) -> tuple[bytes, dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        for required in (MANIFEST, CHECKSUMS):
            if required not in names:
                raise ValueError(f"The package has no {required}.")
        sums = _parse_checksums(archive.read(CHECKSUMS).decode("utf-8", "replace"))
        manifest = b""
        files: dict[str, bytes] = {}
        for path in names:
            if path == CHECKSUMS:
                continue
            if path != MANIFEST and not path.startswith(FILES_DIR):
                raise ValueError(f"Unexpected member {path!r} in the package.")
            content = archive.read(path)
            expected = sums.pop(path, None)
            if expected is None:
                raise ValueError(f"{path} is not listed in {CHECKSUMS}.")
            actual = sha256_hex(content)
            if actual != expected:
                raise ValueError(
                    f"Checksum mismatch for {path}: {CHECKSUMS} says {expected}, "
                    f"the content hashes to {actual}."
                )
            if path == MANIFEST:
                manifest = content
            else:
                files[check_file_name(path[len(FILES_DIR) :])] = content
        if sums:
            raise ValueError(f"{CHECKSUMS} lists missing members: {', '.join(sorted(sums))}.")
    return manifest, files
