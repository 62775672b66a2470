"""A private, throw-away PostgreSQL server for tests (Debian's binaries).

``initdb`` in a temporary directory (reachable by the ``postgres`` user when
the tests run as root), a free loopback port, trust authentication, fsync
off; started in its own session through zeo_cluster.Cluster, so that it is
stopped with its process group even when a test fails.
"""

from pathlib import Path
from zeo_cluster import Cluster
from zeo_cluster import wait_port

import os
import shutil
import subprocess
import tempfile
import time


AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
SUPERUSER = "plone"


def postgres_binaries() -> Path | None:
    """Debian's server programs (initdb, postgres), or None."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found or (AS_POSTGRES and shutil.which("runuser") is None):
        return None
    return found[-1].parent


class PostgresServer:
    def __init__(self, bin_dir: Path) -> None:
        self.var = Path(tempfile.mkdtemp(prefix="imio-municipal-pg-"))
        self.var.chmod(0o755)
        self.cluster = Cluster(self.var)  # its free port is PostgreSQL's
        self.port = self.cluster.port
        self.bin_dir = bin_dir
        self.process = None

    def start(self) -> "PostgresServer":
        pgdata = self.var / "pg"
        pgdata.mkdir(mode=0o700)
        if AS_POSTGRES:
            shutil.chown(pgdata, "postgres", "postgres")
        subprocess.run(
            [*AS_POSTGRES, self.bin_dir / "initdb", "-D", pgdata, "-U", SUPERUSER,
             "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            check=True, timeout=120, capture_output=True,
        )  # fmt: skip
        with (pgdata / "postgresql.conf").open("a") as conf:
            conf.write(
                f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
                "unix_socket_directories = ''\nfsync = off\n"
            )
        self.process = self.cluster.spawn(
            "postgres", [*AS_POSTGRES, self.bin_dir / "postgres", "-D", pgdata]
        )
        wait_port(self.port, time.monotonic() + 60, self.process)
        return self

    def dsn(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"

    def stop(self) -> None:
        self.cluster.stop_all()
        shutil.rmtree(self.var, ignore_errors=True)
