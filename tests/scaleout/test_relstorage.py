"""RelStorage on PostgreSQL: two Zope processes on one history-free database.

A private PostgreSQL cluster (Debian's, ``initdb`` in a temporary directory,
on a free loopback port; as root it runs as the ``postgres`` user), configured
by the files ``make run-cluster`` uses (``scripts/cluster.sh config``: the
RelStorage zope.conf of each process with its own blob cache, blobs in the
database, and the PostgreSQL settings). Then the scenario of scaleout_scenario.py:
the demo site, A writes, B reads (the file from the database through its
own cache) and transitions, both adopt acts at once and the numbers stay
gapless. Without PostgreSQL the test is skipped, and fails on CI.
"""

from pathlib import Path
from scaleout_scenario import check
from scaleout_scenario import report
from scaleout_scenario import two_processes
from zeo_cluster import Cluster
from zeo_cluster import free_port
from zeo_cluster import REPO
from zeo_cluster import wait_port

import os
import pytest
import shutil
import subprocess
import tempfile
import time


AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@pytest.fixture
def relstorage(postgres_bin: Path, documents):
    """PostgreSQL running, the zope.conf of each process rendered."""
    # Not pytest's tmp_path: as root the postgres user must reach the data
    # directory and the configuration, and /tmp/pytest-of-root is private.
    var = Path(tempfile.mkdtemp(prefix="imio-municipal-scaleout-"))
    var.chmod(0o755)
    cluster = Cluster(var)  # spawn/stop of the reliability test; its port is PostgreSQL's
    ports = (free_port(), free_port())
    try:
        subprocess.run(
            [REPO / "scripts" / "cluster.sh", "config"],
            env={
                **os.environ,
                "CLUSTER_VAR": str(var),
                "PG_PORT": str(cluster.port),
                "ZOPE_PORTS": " ".join(map(str, ports)),
                # rendered into zope-base.conf: the tests' LibreOffice, not 2012
                "CLUSTER_LIBREOFFICE_PORTS": str(documents["port"]),
                # no demo services in this scenario's zope.conf (the cluster's own
                # are tested by test_cluster_services.py)
                "TSA": "false",
                "REGION_SIMULATOR": "false",
            },
            check=True,
            timeout=60,
            capture_output=True,
        )
        pgdata = var / "pg"
        pgdata.mkdir(mode=0o700)
        if AS_POSTGRES:
            shutil.chown(pgdata, "postgres", "postgres")
        subprocess.run(
            [*AS_POSTGRES, postgres_bin / "initdb", "-D", pgdata, "-U", "plone", "--auth=trust",
             "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            check=True, timeout=120, capture_output=True,
        )  # fmt: skip
        with (pgdata / "postgresql.conf").open("a") as conf:
            # the cluster's settings (loopback, port, pg_hba); fsync off: a
            # throw-away database
            conf.write(f"include '{var}/etc/postgresql.conf'\nfsync = off\n")
        postgres = cluster.spawn(
            "postgres", [*AS_POSTGRES, postgres_bin / "postgres", "-D", pgdata]
        )
        wait_port(cluster.port, time.monotonic() + 60, postgres)
        subprocess.run(
            [postgres_bin / "createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "plone",
             "imio_municipal"],
            check=True, timeout=60, capture_output=True,
        )  # fmt: skip
        # the access journal of the rendered zope.conf (as cluster.sh creates it)
        subprocess.run(
            [postgres_bin / "createdb", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", "plone",
             "imio_municipal_journal"],
            check=True, timeout=60, capture_output=True,
        )  # fmt: skip
        yield {
            "cluster": cluster,
            "setup": var / "etc" / "zope-setup.conf",
            "a": var / "etc" / f"zope-{ports[0]}.conf",
            "b": var / "etc" / f"zope-{ports[1]}.conf",
            "var": var,
        }
    finally:
        cluster.stop_all()  # Zope processes first, PostgreSQL (started first) last
        shutil.rmtree(var, ignore_errors=True)


def test_relstorage_two_processes_share_writes_blobs_and_numbers(
    relstorage, documents, default_ports
):
    conf_a = relstorage["a"].read_text()
    # history-free, blobs in the database, each process its own blob cache
    assert "keep-history false" in conf_a
    assert "shared-blob-dir false" in conf_a
    port_a, port_b = (relstorage[key].stem.removeprefix("zope-") for key in ("a", "b"))
    assert f"cache/blobs-{port_a}" in conf_a
    assert f"cache/blobs-{port_b}" in relstorage["b"].read_text()
    work = relstorage["var"] / "work"
    work.mkdir()
    result = two_processes(
        relstorage["cluster"],
        relstorage["setup"],
        relstorage["a"],
        relstorage["b"],
        work,
        documents,
    )
    print("\n" + report("RelStorage", result))
    check(result)
    # B read the file into its own blob cache, from PostgreSQL
    assert f"cache/blobs-{port_b}/" in result["read_b"]["blob_file"]
    # documents went to the tests' LibreOffice, nothing to a demo's ports
    assert result["state"]["oo_port_list"] == str(documents["port"])
    assert default_ports.connections == []
