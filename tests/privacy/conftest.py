"""Each privacy test writes its own access journal."""

from imio.municipal.privacy import settings

import pytest


@pytest.fixture(autouse=True)
def access_journal(monkeypatch, tmp_path):
    path = str(tmp_path / "access-journal.sqlite")
    monkeypatch.setenv("IMIO_MUNICIPAL_ACCESS_JOURNAL", path)
    yield settings.journal()
