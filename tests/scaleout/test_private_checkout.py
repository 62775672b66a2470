"""`make run-cluster` from a checkout in a private directory (mode 0700).

As root, PostgreSQL runs as the system's ``postgres`` user, who cannot reach
a checkout under ``/root``: ``initdb`` used to fail with « Permission denied ».
``scripts/cluster.sh`` now keeps PostgreSQL's data, settings and log in a
folder of its own that this user owns, and says where. Root only (CI runs as
root); skipped without PostgreSQL.
"""

from pathlib import Path
from zeo_cluster import free_port
from zeo_cluster import REPO

import os
import pytest
import shutil
import subprocess
import tempfile


pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="only root runs PostgreSQL as postgres")

CLUSTER_SH = REPO / "scripts" / "cluster.sh"


def cluster_sh(command: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CLUSTER_SH, command], env=env, cwd=REPO, capture_output=True, text=True, timeout=300
    )


def test_postgres_starts_from_a_private_directory(postgres_bin: Path):
    private = Path(tempfile.mkdtemp(prefix="imio-municipal-private-"))  # mode 0700
    pg_root = Path(tempfile.mkdtemp(prefix="imio-municipal-pgroot-"))
    pg_root.chmod(0o755)
    port = free_port()
    env = {
        **os.environ,
        "CLUSTER_VAR": str(private / "checkout" / "var" / "cluster"),
        "CLUSTER_PG_ROOT": str(pg_root),
        "PG_PORT": str(port),
        "ZOPE_PORTS": f"{free_port()} {free_port()}",
    }
    assert oct(private.stat().st_mode & 0o777) == "0o700"
    try:
        started = cluster_sh("postgres", env)
        assert started.returncode == 0, started.stdout + started.stderr
        homes = [path for path in pg_root.iterdir() if path.name.startswith("cluster-")]
        assert len(homes) == 1
        assert f"are in {homes[0]}" in started.stdout
        assert (homes[0] / "pg" / "PG_VERSION").exists()
        assert homes[0].stat().st_uid != 0  # the postgres user's
        assert not (private / "checkout" / "var" / "cluster" / "pg").exists()
        answer = subprocess.run(
            [postgres_bin / "psql", "-h", "127.0.0.1", "-p", str(port), "-U", "plone",
             "-d", "imio_municipal", "-tAc", "SELECT current_database()"],
            capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        assert answer.stdout.strip() == "imio_municipal"
        # and the access journal's own database beside it
        journal = subprocess.run(
            [postgres_bin / "psql", "-h", "127.0.0.1", "-p", str(port), "-U", "plone",
             "-d", "imio_municipal_journal", "-tAc", "SELECT current_database()"],
            capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        assert journal.stdout.strip() == "imio_municipal_journal"
        # a second start finds the same database (same checkout, same home)
        stopped = cluster_sh("stop", env)
        assert stopped.returncode == 0, stopped.stdout + stopped.stderr
        again = cluster_sh("postgres", env)
        assert again.returncode == 0, again.stdout + again.stderr
        assert "Creating the PostgreSQL cluster" not in again.stdout
    finally:
        cluster_sh("stop", env)
        shutil.rmtree(private, ignore_errors=True)
        shutil.rmtree(pg_root, ignore_errors=True)
