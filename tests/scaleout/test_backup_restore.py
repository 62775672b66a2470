"""Backups that restore: the platform backed up while it runs, changed, and
restored exactly as it was (objects, files, act numbers and counters, the
outbox, down to the last transaction).

Two deployments: the default one (a ZEO server on a FileStorage with its blob
directory: repozo + blob snapshots) and the cluster's (RelStorage on
PostgreSQL, blobs in the database: pg_dump/pg_restore). Both through
``municipal-backup``, the command behind ``make backup``/``make restore``.
The access journal goes with each (its SQLite file, its PostgreSQL database):
accesses journalled before the backup come back, later ones are gone.
"""

from imio.municipal.privacy.store import Access
from imio.municipal.privacy.store_postgresql import PostgresqlAccessJournal
from imio.municipal.privacy.store_sqlite import SqliteAccessJournal
from pathlib import Path
from scaleout_scenario import environment
from scaleout_scenario import run
from test_relstorage import relstorage  # noqa: F401 (the PostgreSQL fixture)
from zeo_cluster import Cluster
from zeo_cluster import REPO
from zeo_cluster import VENV_BIN

import json
import os
import psycopg2
import subprocess


ACTOR = REPO / "tests" / "scaleout" / "backup_actor.py"
BACKUP = VENV_BIN / "municipal-backup"


def backup_command(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BACKUP, *map(str, args)], capture_output=True, text=True, timeout=300, check=False
    )


def postgres_tool(name: str) -> str:
    folder = os.environ.get("PG_BIN")
    return str(Path(folder) / name) if folder else name


def journalled(store, user_id: str) -> None:
    store.append(Access(user_id, "namur", "u1", "/Plone/namur/d1", "Dossier", "view"))


def readers(store) -> list[str]:
    return sorted(access.user_id for access in store.query("namur"))


def fingerprint(cluster, conf, out, env) -> dict:
    run(cluster, f"fingerprint-{out.stem}", conf, ACTOR, "fingerprint", "--out", out, env=env)
    return json.loads(out.read_text())


def change_and_check(cluster, conf, work, env, before) -> None:
    run(cluster, "change", conf, ACTOR, "change", env=env)
    changed = fingerprint(cluster, conf, work / "changed.json", env)
    assert changed["last_transaction"] != before["last_transaction"]
    assert len(changed["objects"]) == len(before["objects"])  # one deleted, one added
    assert changed["objects"] != before["objects"]
    assert changed["counters"] != before["counters"]
    assert len(changed["outbox"]) == len(before["outbox"]) + 1


def test_the_default_deployment_restores_what_was_backed_up(tmp_path, documents, default_ports):
    cluster = Cluster(tmp_path)
    env = environment(documents)
    journal_file = tmp_path / "access-journal.sqlite"
    env["IMIO_MUNICIPAL_ACCESS_JOURNAL"] = str(journal_file)
    storage = ["--data-fs", tmp_path / "Data.fs", "--blob-dir", tmp_path / "blobstorage"]
    storage += ["--journal", journal_file]
    target = ["--target", tmp_path / "backups"]
    store = SqliteAccessJournal(str(journal_file))
    try:
        cluster.start_zeo()
        run(cluster, "create-site", cluster.zope_conf, REPO / "scripts" / "create_site.py",
            "--mail-queue", tmp_path / "mail", env=env, timeout=400)  # fmt: skip
        before = fingerprint(cluster, cluster.zope_conf, tmp_path / "before.json", env)
        assert len(before["objects"]) > 50
        assert any(entry["files"] for entry in before["objects"].values())
        assert any(before["counters"].values())
        journalled(store, "namur-agent-avant")

        done = backup_command("backup", *storage, *target)  # while ZEO serves
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["kind"] == "full"
        assert json.loads(done.stdout)["journal_rows"] == 1

        change_and_check(cluster, cluster.zope_conf, tmp_path, env, before)
        journalled(store, "namur-agent-apres")
        assert readers(store) == ["namur-agent-apres", "namur-agent-avant"]
        store.close()  # the server stops before a restore

        refused = backup_command("restore", *storage, *target)
        assert refused.returncode == 1
        assert "stop it first" in refused.stderr

        cluster.stop(cluster.zeo)
        restored = backup_command("restore", *storage, *target)
        assert restored.returncode == 0, restored.stderr
        cluster.start_zeo()
        after = fingerprint(cluster, cluster.zope_conf, tmp_path / "after.json", env)
        assert after == before
        assert readers(store) == ["namur-agent-avant"]

        # `make pack`: the old revisions go, the platform stays as it is
        size = (tmp_path / "Data.fs").stat().st_size
        packed = subprocess.run(
            [VENV_BIN / "zeopack", "-d", "0", f"127.0.0.1:{cluster.port}"],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert packed.returncode == 0, packed.stderr
        assert (tmp_path / "Data.fs").stat().st_size < size
        packed_state = fingerprint(cluster, cluster.zope_conf, tmp_path / "packed.json", env)
        assert packed_state["objects"] == before["objects"]
        assert packed_state["counters"] == before["counters"]
        assert packed_state["outbox"] == before["outbox"]
        assert default_ports.connections == []
    finally:
        store.close()
        cluster.stop_all()


def test_the_cluster_database_restores_what_was_backed_up(relstorage, documents):  # noqa: F811
    cluster, conf, work = relstorage["cluster"], relstorage["a"], relstorage["var"] / "work"
    work.mkdir()
    env = environment(documents)
    dsn = f"dbname=imio_municipal user=plone host=127.0.0.1 port={cluster.port}"
    journal_dsn = f"dbname=imio_municipal_journal user=plone host=127.0.0.1 port={cluster.port}"
    target = ["--target", work / "backups", "--dsn", dsn, "--journal-dsn", journal_dsn]
    store = PostgresqlAccessJournal(
        f"postgresql://plone@127.0.0.1:{cluster.port}/imio_municipal_journal"
    )
    run(cluster, "create-site", relstorage["setup"], REPO / "scripts" / "create_site.py",
        "--mail-queue", work / "mail", env=env, timeout=400)  # fmt: skip
    before = fingerprint(cluster, conf, work / "before.json", env)
    journalled(store, "namur-agent-avant")

    done = backup_command("backup", *target)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["journal"] == f"{json.loads(done.stdout)['stamp']}.dump"

    change_and_check(cluster, conf, work, env, before)
    journalled(store, "namur-agent-apres")
    assert readers(store) == ["namur-agent-apres", "namur-agent-avant"]

    session = psycopg2.connect(dsn)  # a Zope process still connected
    try:
        refused = backup_command("restore", *target)
    finally:
        session.close()
    assert refused.returncode == 1
    assert "stop the Zope processes" in refused.stderr
    # a process still writing the journal: refused too, before anything is restored
    refused = backup_command("restore", *target)
    store.close()
    assert refused.returncode == 1
    assert "use the access journal" in refused.stderr
    assert fingerprint(cluster, conf, work / "still.json", env)["outbox"] != before["outbox"]

    restored = backup_command("restore", *target)
    assert restored.returncode == 0, restored.stderr
    after = fingerprint(cluster, conf, work / "after.json", env)
    # history-free RelStorage: the restored database is the saved one, and
    # its next transactions get later ids than any the processes cached
    assert after == before
    assert readers(store) == ["namur-agent-avant"]
    store.close()
    # the replaced journal is kept as a dump: who read what after the backup
    # leaves the live journal, not the record
    [kept] = json.loads(restored.stdout)["journal_kept_aside"]
    kept_rows = subprocess.run(
        [postgres_tool("pg_restore"), "--data-only", "--table=access", "--file=-", kept],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    assert "namur-agent-apres" in kept_rows and "namur-agent-avant" in kept_rows
