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
