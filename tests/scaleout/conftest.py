"""Scale-out tests: real processes on a shared database (ZEO, RelStorage).

They reuse the process handling of the reliability test (its own ZEO server,
processes in their own sessions, stopped with their group): see
tests/exchange/reliability/zeo_cluster.py.
"""

from pathlib import Path

import os
import pytest
import shutil
import sys


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "exchange" / "reliability"))

from default_ports import Watch  # noqa: E402
from imio.municipal.documents import libreoffice  # noqa: E402


def missing(reason: str):
    """On CI (CI=true) what these tests need must be there: fail; else skip."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI installs it: .ci/run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_bin() -> Path:
    """Debian's PostgreSQL server programs (initdb, postgres, createdb)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        missing("PostgreSQL is not installed (apt-get install postgresql)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        missing("as root, PostgreSQL runs as the postgres user through runuser")
    try:
        import psycopg2  # noqa: F401
        import relstorage  # noqa: F401
    except ImportError as error:
        missing(f"RelStorage or psycopg2 is not installed ({error}): make install")
    return found[-1].parent


@pytest.fixture(scope="session")
def documents(tmp_path_factory):
    """The LibreOffice of these tests (a free port, its own profile); without
    LibreOffice a free port nobody listens on: never the one of a demo."""
    tmp = tmp_path_factory.mktemp("libreoffice")
    uno_path = libreoffice.write_uno_wrapper(tmp / "python-uno")
    server = None
    if libreoffice.installed():
        server = libreoffice.Server(
            port=libreoffice.free_port(), profile=tmp / "profile", log=tmp / "soffice.log"
        ).start()
    try:
        yield {"port": server.port if server else libreoffice.free_port(), "uno_path": uno_path}
    finally:
        if server is not None:
            server.stop()


@pytest.fixture
def default_ports():
    """While the test runs, who connects to a default port of `make run`."""
    watch = Watch()
    try:
        yield watch
    finally:
        watch.close()


# These tests run their own processes on their own databases: the test layers
# of tests/conftest.py, which pytest-plone keeps up for the whole session
# through autouse fixtures, are not needed (alone they cost ~40 s to set up).
@pytest.fixture(scope="session")
def _keep_acceptance_session():
    pass


@pytest.fixture(scope="session")
def _keep_functional_session():
    pass


@pytest.fixture(scope="session")
def _keep_integration_session():
    pass
