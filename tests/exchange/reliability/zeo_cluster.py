"""Processes of the reliability test: a ZEO server, zconsole scripts, workers.

Every process is started in its own session (its own process group) and is
stopped with its group: nothing is left behind, even when the test fails.
"""

from pathlib import Path

import os
import signal
import socket
import subprocess
import sys
import time


VENV_BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[3]

ZEO_CONF = """\
<zeo>
  address 127.0.0.1:{port}
  read-only false
  invalidation-queue-size 1000
</zeo>

<filestorage 1>
  path {var}/Data.fs
  blob-dir {var}/blobstorage
</filestorage>

<eventlog>
  level INFO
  <logfile>
    path {var}/log/zeo.log
  </logfile>
</eventlog>
"""

# A ZEO client like etc/zope.conf.in (rendered by scripts/run.sh), trimmed to
# what the site, the zconsole scripts and the worker need.
ZOPE_CONF = """\
%define INSTANCE {var}

instancehome $INSTANCE
clienthome $INSTANCE
debug-mode off
security-policy-implementation C
verbose-security off
default-zpublisher-encoding utf-8

<environment>
  CHAMELEON_CACHE $INSTANCE/cache/chameleon
  MAILHOST_QUEUE_ONLY 1
</environment>

<zodb_db main>
  cache-size 50000
  <zeoclient>
    server 127.0.0.1:{port}
    storage 1
    name zeostorage
    blob-dir $INSTANCE/cache/blobs
    shared-blob-dir false
    blob-cache-size 512MB
    cache-size 64MB
  </zeoclient>
  mount-point /
</zodb_db>
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_port(port: int, deadline: float, process: subprocess.Popen) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} ended with {process.returncode}")
        with socket.socket() as probe:
            probe.settimeout(0.2)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


class Cluster:
    """A temporary ZEO server with its database, and the processes using it."""

    def __init__(self, var: Path) -> None:
        self.var = var
        self.port = free_port()
        self.logs = var / "log"
        for folder in ("log", "blobstorage", "cache/blobs", "cache/chameleon"):
            (var / folder).mkdir(parents=True, exist_ok=True)
        (var / "blobstorage").chmod(0o700)
        self.zeo_conf = var / "zeo.conf"
        self.zeo_conf.write_text(ZEO_CONF.format(port=self.port, var=var))
        self.zope_conf = var / "zope.conf"
        self.zope_conf.write_text(ZOPE_CONF.format(port=self.port, var=var))
        self.processes: list[subprocess.Popen] = []
        self.zeo = None

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)

    def spawn(self, name: str, args: list, env: dict | None = None) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("ab")
        try:
            process = subprocess.Popen(
                [str(arg) for arg in args],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=REPO,
                env={**os.environ, **(env or {})},
                start_new_session=True,
            )
        finally:
            log.close()
        process.log_path = self.logs / f"{name}.log"
        self.processes.append(process)
        return process

    def start_zeo(self, timeout: float = 30) -> None:
        self.zeo = self.spawn("zeo", [VENV_BIN / "runzeo", "-C", self.zeo_conf])
        wait_port(self.port, time.monotonic() + timeout, self.zeo)

    def zconsole(self, name: str, script: Path, *args, timeout: float = 300) -> str:
        """Run ``script`` with ``zconsole run`` (a ZEO client); its output."""
        process = self.spawn(name, [VENV_BIN / "zconsole", "run", self.zope_conf, script, *args])
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill(process)
            raise
        output = process.log_path.read_text(errors="replace")
        if process.returncode:
            raise RuntimeError(f"{script.name} failed ({process.returncode}):\n{output[-4000:]}")
        return output

    def kill(self, process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        if sig == signal.SIGKILL:
            process.wait(10)

    def stop(self, process: subprocess.Popen, grace: float = 15) -> None:
        """SIGTERM, then SIGKILL after ``grace`` seconds (the whole process group)."""
        if process.poll() is None:
            self.kill(process, signal.SIGTERM)
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                pass
        self.kill(process)

    def stop_all(self) -> None:
        """Every process but ZEO first (clients), ZEO last."""
        for process in reversed(self.processes):
            if process is not self.zeo:
                self.stop(process)
        if self.zeo is not None:
            self.stop(self.zeo)
