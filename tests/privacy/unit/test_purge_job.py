"""The daily purge of the access journal: dry run, then purge, then nothing
(on a SQLite file and on PostgreSQL)."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from imio.municipal.jobs import access_journal as job
from imio.municipal.privacy.settings import open_journal
from imio.municipal.privacy.store import Access
from zeo_cluster import free_port

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "journal.sqlite")
    return request.getfixturevalue("journal_dsn")


def test_dry_run_then_purge_then_nothing_left(location, capsys):
    journal = open_journal(location)
    now = datetime.now(UTC)
    for days, detail in ((40, "old"), (1, "recent")):
        journal.append(
            Access(
                "ana",
                "namur",
                "u",
                "/p",
                "Dossier",
                "view",
                detail=detail,
                at=now - timedelta(days=days),
            )
        )
    assert job.main(["--journal", location, "--retention-days", "30", "--dry-run"]) == 0
    assert "would purge 1 access(es)" in capsys.readouterr().out
    assert len(journal.query("namur")) == 2
    job.main(["--journal", location, "--retention-days", "30"])
    assert "purged 1 access(es)" in capsys.readouterr().out
    assert [a.detail for a in journal.query("namur")] == ["recent"]
    job.main(["--journal", location, "--retention-days", "30"])
    assert "purged 0 access(es)" in capsys.readouterr().out
    journal.close()


def test_an_unreachable_journal_fails_the_job_with_its_reason(capsys):
    dsn = f"postgresql://purger:secret@127.0.0.1:{free_port()}/journal"
    assert job.main(["--journal", dsn, "--retention-days", "30"]) == 1
    error = capsys.readouterr().err
    assert "access journal unavailable" in error
    assert "secret" not in error and "purger:***@" in error
