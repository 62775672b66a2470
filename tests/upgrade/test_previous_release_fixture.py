"""The committed copy of the previous release is that release, file for file."""

from io import BytesIO
from previous_release import FIXTURE
from previous_release import git_archive
from previous_release import PREVIOUS_RELEASE
from previous_release import Unavailable

import pytest
import tarfile


def files_of(tar: tarfile.TarFile) -> dict:
    return {
        member.name: tar.extractfile(member).read()
        for member in tar.getmembers()
        if member.isfile()
    }


def test_the_fixture_is_the_previous_release():
    try:
        archive = git_archive(PREVIOUS_RELEASE)
    except Unavailable as missing:
        pytest.skip(f"the fixture is what this clone has of the previous release: {missing}")
    with tarfile.open(fileobj=BytesIO(archive)) as from_git, tarfile.open(FIXTURE) as committed:
        expected, found = files_of(from_git), files_of(committed)
    assert sorted(found) == sorted(expected)
    assert found == expected
