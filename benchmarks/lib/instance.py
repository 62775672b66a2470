"""A throwaway Zope instance of a benchmark, under var/bench/NAME.

Configured from the project's own etc/ templates (zope-base.conf.in,
zope.ini.in, zeo.conf.in), so the benchmarks run the settings `make run`
runs, except the database: a FileStorage of the benchmark's own (or a private
ZEO server on a free port) with one ZODB cache size for every site in it.
Never the demo's var/filestorage.
"""

from contextlib import contextmanager
from pathlib import Path

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request


ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
BENCH_VAR = ROOT / "var" / "bench"
CACHE_SIZE = 50000  # objects, as in etc/zope*.conf.in
ZRUN = Path(__file__).with_name("zrun.py")

_STARTED: list[subprocess.Popen] = []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, timeout: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process {process.args} ended with status {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


def render(template: str, values: dict[str, str]) -> str:
    text = (ROOT / "etc" / template).read_text()
    for key, value in values.items():
        text = text.replace(f"@{key}@", str(value))
    return text


def write(path: Path, text: str) -> None:
    """Write only a changed file (another process may be reading it)."""
    if not path.exists() or path.read_text() != text:
        path.write_text(text)


MAIN_DB = {
    "filestorage": """
<zodb_db main>
  cache-size {cache_size}
  <filestorage>
    path {var}/filestorage/Data.fs
    blob-dir {var}/blobstorage
  </filestorage>
  mount-point /
</zodb_db>
""",
    "zeo": """
<zodb_db main>
  cache-size {cache_size}
  <zeoclient>
    server 127.0.0.1:{zeo_port}
    storage 1
    name zeostorage
    blob-dir {var}/cache/blobs-{client}
    shared-blob-dir false
    cache-size 256MB
  </zeoclient>
  mount-point /
</zodb_db>
""",
}


class Instance:
    """var/bench/NAME: etc/, filestorage/, blobstorage/, log/, mail/."""

    def __init__(self, name: str, cache_size: int = CACHE_SIZE):
        self.name = name
        self.var = BENCH_VAR / name
        self.cache_size = cache_size
        self.http_port = None
        self.zeo_port = None
        # no LibreOffice: no benchmark renders PDF (an unused port, not 2002)
        self.libreoffice_port = free_port()
        # the access journal of its processes: a SQLite file beside the
        # database unless set (a postgresql:// URI)
        self.access_journal = "$INSTANCE/access-journal.sqlite"

    @property
    def data_fs(self) -> Path:
        return self.var / "filestorage" / "Data.fs"

    def reset(self, source: Path | None = None) -> "Instance":
        """A fresh instance directory; the database copied from `source`
        (the directory of another instance) when given."""
        shutil.rmtree(self.var, ignore_errors=True)
        for sub in ("etc", "filestorage", "blobstorage", "log", "cache/chameleon"):
            (self.var / sub).mkdir(parents=True, exist_ok=True)
        self.make_maildir()
        (self.var / "blobstorage").chmod(0o700)
        if source is not None:
            shutil.copy2(source / "filestorage" / "Data.fs", self.data_fs)
            shutil.copytree(source / "blobstorage", self.var / "blobstorage", dirs_exist_ok=True)
        return self

    def make_maildir(self) -> None:
        """mail/ as a maildir (cur, new, tmp): the sites queue their mail
        there, and zope.sendmail refuses an existing folder without them
        (the notification then fails and is only logged)."""
        for sub in ("cur", "new", "tmp"):
            (self.var / "mail" / sub).mkdir(parents=True, exist_ok=True)

    def configure(self, storage: str = "filestorage", client: str = "a") -> Path:
        """Write etc/zope-CLIENT.conf (and etc/zope.ini, etc/zeo.conf)."""
        values = {
            "VAR": self.var,
            "HTTP_HOST": "localhost",
            "HTTP_PORT": self.http_port or 0,
            "ZEO_ADDRESS": f"127.0.0.1:{self.zeo_port or 0}",
            "DEBUG_MODE": "off",
            "MAIL_ENV": "MAILHOST_QUEUE_ONLY 1",
            "LIBREOFFICE_PORT": self.libreoffice_port,
            "RELSTORAGE_DSN": "",
            "ACCESS_JOURNAL": self.access_journal,
        }
        etc = self.var / "etc"
        write(etc / "zope-base.conf", render("zope-base.conf.in", values))
        write(etc / "zeo.conf", render("zeo.conf.in", values))
        conf = etc / f"zope-{client}.conf"
        main_db = MAIN_DB[storage].format(
            cache_size=self.cache_size, var=self.var, zeo_port=self.zeo_port, client=client
        )
        write(conf, "%include zope-base.conf\n" + main_db)
        ini = render("zope.ini.in", values).replace("%(here)s/zope.conf", str(conf))
        write(etc / f"zope-{client}.ini", ini)
        return conf

    # -- processes -------------------------------------------------------

    def start(self, *command, log: str) -> subprocess.Popen:
        with open(self.var / "log" / log, "ab") as output:
            process = subprocess.Popen(  # noqa: S603 (our own commands)
                command,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                env={**os.environ, "zope_i18n_compile_mo_files": "true"},
            )
        _STARTED.append(process)
        return process

    @contextmanager
    def zeo(self):
        """A private ZEO server over this instance's FileStorage."""
        self.zeo_port = free_port()
        self.configure("zeo")
        process = self.start(
            str(BIN / "runzeo"), "-C", str(self.var / "etc" / "zeo.conf"), log="zeo.log"
        )
        try:
            wait_port(self.zeo_port, 60, process)
            yield process
        finally:
            stop(process)

    @contextmanager
    def serve(self, storage: str = "filestorage", client: str = "a"):
        """runwsgi on a free port (four threads, as zope.ini.in); yields the base URL."""
        self.http_port = free_port()
        self.configure(storage, client)
        ini = self.var / "etc" / f"zope-{client}.ini"
        process = self.start(str(BIN / "runwsgi"), str(ini), log=f"runwsgi-{client}.log")
        self.http_process = process  # read by benchmarks measuring its CPU time
        try:
            wait_port(self.http_port, 180, process)
            url = f"http://localhost:{self.http_port}"
            # The first request loads the application: not part of any figure.
            wait_http(url + "/", 120)
            yield url
        finally:
            stop(process)

    def zrun(self, target: str, storage: str = "filestorage", client: str = "a", **kwargs):
        """Run `module:function(app, **kwargs)` in a Zope process of its own
        (see zrun.py); returns what the function returned (JSON)."""
        process = self.zrun_start(target, storage, client, **kwargs)
        return zrun_result(process)

    def zrun_start(self, target: str, storage: str = "filestorage", client: str = "a", **kwargs):
        conf = self.configure(storage, client)
        result = self.var / "log" / f"zrun-{client}.json"
        result.unlink(missing_ok=True)
        command = [sys.executable, str(ZRUN), str(conf), target, json.dumps(kwargs), str(result)]
        process = subprocess.Popen(command, start_new_session=True)  # noqa: S603
        process.result_file = result
        _STARTED.append(process)
        return process


def zrun_result(process: subprocess.Popen):
    status = process.wait()
    if status != 0:
        raise RuntimeError(f"{process.args[3]} failed (status {status})")
    return json.loads(process.result_file.read_text())


def wait_http(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
                response.read()
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """End a process this module started (its session: runwsgi, runzeo)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    if process in _STARTED:
        _STARTED.remove(process)


@atexit.register
def _stop_all():
    for process in reversed(list(_STARTED)):
        stop(process, timeout=10)


def _terminated(signum, frame):
    sys.exit(128 + signum)  # atexit then stops what this module started


signal.signal(signal.SIGTERM, _terminated)
