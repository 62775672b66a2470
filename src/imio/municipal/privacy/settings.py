"""Where the access journal lives and how long it keeps accesses.

Configuration, not content, like the signing and timestamp settings: from the
environment (``IMIO_MUNICIPAL_ACCESS_JOURNAL``,
``IMIO_MUNICIPAL_ACCESS_JOURNAL_RETENTION_DAYS``) or from zope.conf::

    <product-config imio.municipal>
        access-journal /var/lib/imio.municipal/access-journal.sqlite
        access-journal-retention-days 1827
    </product-config>
"""

from imio.municipal import logger
from imio.municipal.exchange.settings import product_config
from imio.municipal.privacy.store import AccessJournal

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


def journal() -> AccessJournal:
    """The process's journal (one per configured path)."""
    path = journal_path()
    found = _journals.get(path)
    if found is None:
        with _lock:
            found = _journals.get(path)
            if found is None:
                os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
                found = _journals[path] = AccessJournal(path)
    return found
