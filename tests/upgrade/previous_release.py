"""The previous release's demo database, and the current code opening it.

Each step runs in its own process of this virtualenv: the previous release's
code is its ``src`` tree, extracted from git and put first on PYTHONPATH (it
comes before the editable install's path entry, which only appends ours).
"""

from importlib.metadata import entry_points
from io import BytesIO
from pathlib import Path

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile


# The last commit of the release before the capability packages.
PREVIOUS_RELEASE = "64dde665db8cbac6de24da3e363b33d3e7853fbb"
REPOSITORY = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
PACKAGE = "imio.municipal"
ADMIN = ("admin", "admin")
BUILD_TIMEOUT = 600
UPDATE_TIMEOUT = 300
OPEN_TIMEOUT = 600
LOG_TAIL = 60

ZOPE_CONF = """\
%define INSTANCE {instance}
instancehome $INSTANCE
clienthome $INSTANCE
debug-mode off
security-policy-implementation C
default-zpublisher-encoding utf-8
<zodb_db main>
  {storage}
  mount-point /
</zodb_db>
"""
STORAGE = """<filestorage>
    path {instance}/filestorage/Data.fs
    blob-dir {instance}/blobstorage
  </filestorage>"""


class Unavailable(Exception):
    """The previous release's code cannot be had here (no git, no history)."""


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [shutil.which("git"), "-C", str(REPOSITORY), *args], capture_output=True, check=False
    )


# The previous release's src and scripts trees, for clones without its commit
# (shallow clones, sdists); test_the_fixture_is_the_previous_release checks it.
FIXTURE = Path(__file__).parent / "previous-release.tar.xz"


def git_archive(commit: str) -> bytes:
    """The commit's src and scripts trees as a tar, from this clone's history."""
    if shutil.which("git") is None:
        raise Unavailable("git is not installed")
    if git("rev-parse", "--git-dir").returncode != 0:
        raise Unavailable(f"{REPOSITORY} is not a git clone (an sdist?)")
    if git("cat-file", "-e", f"{commit}^{{commit}}").returncode != 0:
        raise Unavailable(f"commit {commit} is not in this clone (shallow? git fetch --unshallow)")
    archive = git("archive", "--format=tar", commit, "src", "scripts")
    if archive.returncode != 0:
        raise RuntimeError(archive.stderr.decode())
    return archive.stdout


def extract(commit: str, destination: Path) -> Path:
    """The commit's src and scripts trees under destination: from git, or
    from the committed fixture when this clone lacks the commit."""
    try:
        with tarfile.open(fileobj=BytesIO(git_archive(commit))) as tar:
            tar.extractall(destination, filter="data")
    except Unavailable:
        if not FIXTURE.exists():
            raise
        with tarfile.open(FIXTURE) as tar:
            tar.extractall(destination, filter="data")
    return destination


def make_instance(directory: Path) -> Path:
    """A Zope instance home over a plain FileStorage; returns its zope.conf."""
    from Zope2.utilities.mkwsgiinstance import write_inituser

    (directory / "filestorage").mkdir(parents=True)
    (directory / "blobstorage").mkdir(mode=0o700)
    storage = STORAGE.format(instance=directory)
    (directory / "zodb.conf").write_text(storage + "\n")
    conf = directory / "zope.conf"
    conf.write_text(ZOPE_CONF.format(instance=directory, storage=storage))
    # Zope reads the admin from inituser when it creates the database.
    write_inituser(str(directory / "inituser"), *ADMIN)
    return conf


def environment(**extra: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        # The demo would send to a regional simulator, or reuse a running LibreOffice.
        if key not in {"PYTHONPATH", "IMIO_MUNICIPAL_REGION_URL", "OO_PORT", "PYTHON_UNO"}
    }
    env.update(zope_i18n_compile_mo_files="true", MAILHOST_QUEUE_ONLY="1", **extra)
    return env


def run(command: list, log: Path, timeout: int, env: dict) -> None:
    """Run command; on failure or timeout, fail with the tail of its log."""
    with open(log, "wb") as out:
        try:
            process = subprocess.run(  # noqa: S603
                [str(part) for part in command],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=log.parent,
                timeout=timeout,
                check=False,
            )
            problem = f"exit status {process.returncode}" if process.returncode else None
        except subprocess.TimeoutExpired:
            problem = f"no end after {timeout}s"
    if problem:
        tail = log.read_text(errors="replace").splitlines()[-LOG_TAIL:]
        step = Path(command[1] if Path(command[0]).name == "python" else command[0]).name
        raise AssertionError(f"{step}: {problem}; end of {log}:\n" + "\n".join(tail))


def build(old_tree: Path, instance: Path, conf: Path, documents_env: dict) -> dict:
    """The demo site made by the previous release; what that release showed."""
    baseline = instance / "previous.json"
    run(
        [
            BIN / "python",
            HERE / "build_previous.py",
            conf,
            old_tree / "src",
            old_tree / "scripts" / "create_site.py",
            instance / "mail",
            baseline,
        ],
        instance / "build_previous.log",
        BUILD_TIMEOUT,
        environment(PYTHONPATH=str(old_tree / "src"), **documents_env),
    )
    return json.loads(baseline.read_text())


def declared_renames() -> bool:
    """setup.py declares a zodbupdate entry point."""
    return bool(re.search(r"""["']zodbupdate["']\s*:""", (REPOSITORY / "setup.py").read_text()))


def registered_renames() -> bool:
    return any(
        entry_point.dist is not None and entry_point.dist.name.replace("_", ".").lower() == PACKAGE
        for entry_point in entry_points(group="zodbupdate")
    )


def scan_before_update(instance: Path) -> dict:
    """The records as the current code reads them before zodbupdate."""
    summary = instance / "before_update.json"
    run(
        [BIN / "python", HERE / "scan_records.py", instance / "filestorage" / "Data.fs", summary],
        instance / "scan_records.log",
        UPDATE_TIMEOUT,
        environment(),
    )
    return json.loads(summary.read_text())


def update_class_paths(instance: Path) -> str | None:
    """zodbupdate with the package's renames, as operators run it (the CLI,
    the storage closed). None when the package declares no renames."""
    declared, registered = declared_renames(), registered_renames()
    if not (declared or registered):
        return None
    assert registered, "setup.py declares a zodbupdate entry point: reinstall (make install)"
    zodbupdate = BIN / "zodbupdate"
    assert zodbupdate.exists(), f"{zodbupdate} is missing: zodbupdate is not installed"
    log = instance / "zodbupdate.log"
    run([zodbupdate, "-c", instance / "zodb.conf"], log, UPDATE_TIMEOUT, environment())
    return log.read_text(errors="replace")


def open_with_new_code(instance: Path, conf: Path) -> dict:
    summary = instance / "current.json"
    run(
        [BIN / "python", HERE / "open_with_new_code.py", conf, REPOSITORY / "src", summary],
        instance / "open_with_new_code.log",
        OPEN_TIMEOUT,
        environment(),
    )
    return json.loads(summary.read_text())
