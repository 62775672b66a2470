"""The ZIP package: deterministic, checksummed, tamper-evident."""

from exchange_samples import namur_tax_files
from imio.municipal.exchange.common import FileEntry
from imio.municipal.exchange.package import build_package
from imio.municipal.exchange.package import read_package
from imio.municipal.exchange.package import sha256_hex

import io
import pytest
import zipfile


MANIFEST = b"<?xml version='1.0' encoding='UTF-8'?>\n<m/>\n"


def rezip(data: bytes, change) -> bytes:
    """``data`` rewritten member by member, ``change(name, content)`` giving the new content."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info.filename))
            if content is not None:
                target.writestr(info, content)
    return out.getvalue()


def test_round_trip_and_layout():
    files = namur_tax_files()
    data = build_package(MANIFEST, files)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [
            "manifest.xml",
            *(f"files/{entry.name}" for entry in files),
            "checksums.sha256",
        ]
        sums = archive.read("checksums.sha256").decode()
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert sums.splitlines()[0] == f"{sha256_hex(MANIFEST)}  manifest.xml"
    assert sums.splitlines()[1] == f"{files[0].sha256}  files/{files[0].name}"
    manifest, content = read_package(data)
    assert manifest == MANIFEST
    assert content == {entry.name: entry.data for entry in files}


def test_same_content_same_bytes():
    one = build_package(MANIFEST, namur_tax_files())
    assert one == build_package(MANIFEST, namur_tax_files())
    assert sha256_hex(one) == sha256_hex(build_package(MANIFEST, namur_tax_files()))
    assert one != build_package(MANIFEST, namur_tax_files()[:2])


def test_tampered_file_is_named():
    data = build_package(MANIFEST, namur_tax_files())
    name = "files/" + namur_tax_files()[1].name
    tampered = rezip(data, lambda path, content: content + b"x" if path == name else content)
    with pytest.raises(ValueError, match=f"Checksum mismatch for {name}: checksums.sha256 says"):
        read_package(tampered)


def test_tampered_manifest_and_missing_or_extra_members():
    data = build_package(MANIFEST, namur_tax_files())
    with pytest.raises(ValueError, match="Checksum mismatch for manifest.xml"):
        read_package(rezip(data, lambda p, c: b"<other/>" if p == "manifest.xml" else c))
    with pytest.raises(ValueError, match="The package has no checksums.sha256"):
        read_package(rezip(data, lambda p, c: None if p == "checksums.sha256" else c))
    dropped = "files/" + namur_tax_files()[2].name
    with pytest.raises(ValueError, match=f"checksums.sha256 lists missing members: {dropped}"):
        read_package(rezip(data, lambda p, c: None if p == dropped else c))
    extra = io.BytesIO(data)
    with zipfile.ZipFile(extra, "a") as archive:
        archive.writestr("../evil.sh", b"rm -rf /")
    with pytest.raises(ValueError, match="Unexpected member '../evil.sh' in the package"):
        read_package(extra.getvalue())


def test_bad_input():
    with pytest.raises(ValueError, match="The package is not a readable ZIP file"):
        read_package(b"%PDF-1.7")
    with pytest.raises(ValueError, match="cannot be used in a package"):
        build_package(MANIFEST, [FileEntry("../a.pdf", "application/pdf", b"", "deliberation")])
    twice = [FileEntry("a.pdf", "application/pdf", b"", "deliberation")] * 2
    with pytest.raises(ValueError, match="The file name 'a.pdf' is used twice in the package."):
        build_package(MANIFEST, twice)
