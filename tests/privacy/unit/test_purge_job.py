"""The daily purge of the access journal: dry run, then purge, then nothing."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from imio.municipal.jobs import access_journal as job
from imio.municipal.privacy.store import Access
from imio.municipal.privacy.store import AccessJournal


def test_dry_run_then_purge_then_nothing_left(tmp_path, capsys):
    path = str(tmp_path / "journal.sqlite")
    journal = AccessJournal(path)
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
    assert job.main(["--journal", path, "--retention-days", "30", "--dry-run"]) == 0
    assert "would purge 1 access(es)" in capsys.readouterr().out
    assert len(journal.query("namur")) == 2
    job.main(["--journal", path, "--retention-days", "30"])
    assert "purged 1 access(es)" in capsys.readouterr().out
    assert [a.detail for a in journal.query("namur")] == ["recent"]
    job.main(["--journal", path, "--retention-days", "30"])
    assert "purged 0 access(es)" in capsys.readouterr().out
