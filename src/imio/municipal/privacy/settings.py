"""Where the access journal lives and how long it keeps accesses.

Configuration, not content, like the signing and timestamp settings: from the
environment (``IMIO_MUNICIPAL_ACCESS_JOURNAL``,
``IMIO_MUNICIPAL_ACCESS_JOURNAL_RETENTION_DAYS``) or from zope.conf::

    <product-config imio.municipal>
        access-journal /var/lib/imio.municipal/access-journal.sqlite
        access-journal-retention-days 1827
    </product-config>

A path is a SQLite file (one host); a ``postgresql://`` URI is a journal in
PostgreSQL, shared by every process of a cluster (``make run-cluster``)::

    access-journal postgresql://municipal@db.example/imio_municipal_journal
"""

from imio.municipal import logger
from imio.municipal.exchange.settings import product_config
from imio.municipal.privacy.store import AccessJournal
from imio.municipal.privacy.store_sqlite import SqliteAccessJournal

import os
import tempfile
import threading


# Five years (with one leap day): long enough to answer a person who asks who
# read his file during the usual life of a case, short enough not to become a
# second file on him. Not a legal figure: each municipality may set its own.
DEFAULT_RETENTION_DAYS = 1827

_journals: dict[str, AccessJournal] = {}
_lock = threading.Lock()


def _setting(variable: str, key: str) -> str:
    return (os.environ.get(variable) or product_config().get(key) or "").strip()


def journal_path() -> str:
    """The configured SQLite path or PostgreSQL URI."""
    path = _setting("IMIO_MUNICIPAL_ACCESS_JOURNAL", "access-journal")
    if path:
        return path
    # Unconfigured (tests, a bare instance): a file of its own, said in the log.
    path = os.path.join(
        tempfile.gettempdir(), f"imio-municipal-access-journal-{os.getuid()}.sqlite"
    )
    if path not in _journals:
        logger.warning("IMIO_MUNICIPAL_ACCESS_JOURNAL is not set: the access journal is %s", path)
    return path


def retention_days() -> int:
    value = _setting(
        "IMIO_MUNICIPAL_ACCESS_JOURNAL_RETENTION_DAYS", "access-journal-retention-days"
    )
    return int(value) if value else DEFAULT_RETENTION_DAYS


def open_journal(location: str) -> AccessJournal:
    """The journal at a SQLite path or a ``postgresql://`` URI."""
    if location.startswith(("postgresql://", "postgres://")):
        # psycopg2 comes with the `relstorage` extra: a SQLite-only
        # installation must not need it
        from imio.municipal.privacy.store_postgresql import PostgresqlAccessJournal

        return PostgresqlAccessJournal(location)
    os.makedirs(os.path.dirname(os.path.abspath(location)), exist_ok=True)
    return SqliteAccessJournal(location)


def journal() -> AccessJournal:
    """The process's journal (one per configured location).

    JournalError when a SQLite file cannot be opened; a PostgreSQL journal
    connects on first use, so an unreachable server fails there, not here.
    """
    path = journal_path()
    found = _journals.get(path)
    if found is None:
        with _lock:
            found = _journals.get(path)
            if found is None:
                found = _journals[path] = open_journal(path)
    return found
