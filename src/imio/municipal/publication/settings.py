"""Which timestamp authority proves the publication time, and with which
certificate each municipality signs its documents.

Configuration, not content: the authority's URL and the path of its root
certificate (PEM) come from the environment (``IMIO_MUNICIPAL_TSA_URL``,
``IMIO_MUNICIPAL_TSA_ROOT``) or from zope.conf::

    <product-config imio.municipal>
        tsa-url https://tsa.example.be/tsr
        tsa-root /etc/imio.municipal/tsa-root.pem
    </product-config>

Without an authority, acts are still published: the hash and the time are
recorded and the public page says that no qualified timestamp was obtained.
"""

from dataclasses import dataclass
from imio.municipal.exchange.settings import product_config
from pathlib import Path

import os
import re


@dataclass(frozen=True)
class Authority:
    url: str
    root_pem: bytes


def _setting(variable: str, key: str) -> str:
    return (os.environ.get(variable) or product_config().get(key) or "").strip()


def timestamp_authority() -> Authority | None:
    """The configured authority, or None (publication without timestamp)."""
    url = _setting("IMIO_MUNICIPAL_TSA_URL", "tsa-url")
    root = _setting("IMIO_MUNICIPAL_TSA_ROOT", "tsa-root")
    if not url or not root:
        return None
    return Authority(url, Path(root).read_bytes())


@dataclass(frozen=True)
class SigningIdentity:
    """A municipality's signing certificate and key (PKCS#12) and its passphrase."""

    p12: bytes
    passphrase: str
    source: str  # the file, for messages to the platform admin


def _municipality_variable(prefix: str, municipality_id: str) -> str:
    return prefix + re.sub(r"[^A-Z0-9]", "_", municipality_id.upper())


def signing_identity(municipality_id: str) -> SigningIdentity | None:
    """The municipality's signing identity, None when it has none.

    Outside the database: ``IMIO_MUNICIPAL_SIGNING_P12_<ID>`` (or zope.conf
    ``signing-p12-<id>``), else ``<signing dir>/<id>.p12`` with the signing dir
    from ``IMIO_MUNICIPAL_SIGNING_DIR`` (``signing-dir``). The passphrase:
    ``IMIO_MUNICIPAL_SIGNING_PASSPHRASE_<ID>`` (``signing-passphrase-<id>``),
    else the first line of the file beside it, ``<id>.pass``. A file named
    explicitly that cannot be read raises ``OSError``: a configuration
    mistake is shown, not turned into unsigned documents.
    """
    explicit = _setting(
        _municipality_variable("IMIO_MUNICIPAL_SIGNING_P12_", municipality_id),
        f"signing-p12-{municipality_id}",
    )
    directory = _setting("IMIO_MUNICIPAL_SIGNING_DIR", "signing-dir")
    if explicit:
        path = Path(explicit)
    elif directory and (Path(directory) / f"{municipality_id}.p12").exists():
        path = Path(directory) / f"{municipality_id}.p12"
    else:
        return None
    passphrase = _setting(
        _municipality_variable("IMIO_MUNICIPAL_SIGNING_PASSPHRASE_", municipality_id),
        f"signing-passphrase-{municipality_id}",
    )
    if not passphrase:
        pass_file = path.with_suffix(".pass")
        passphrase = pass_file.read_text().splitlines()[0] if pass_file.exists() else ""
    return SigningIdentity(path.read_bytes(), passphrase, str(path))


def signing_roots() -> bytes | None:
    """The roots that signatures are verified against (PEM), None if unknown.

    ``IMIO_MUNICIPAL_SIGNING_ROOTS`` (``signing-roots``), else ``ca.pem`` in
    the signing dir (the local test CA of `make run` and the tests).
    """
    roots = _setting("IMIO_MUNICIPAL_SIGNING_ROOTS", "signing-roots")
    directory = _setting("IMIO_MUNICIPAL_SIGNING_DIR", "signing-dir")
    if not roots and directory and (Path(directory) / "ca.pem").exists():
        roots = str(Path(directory) / "ca.pem")
    return Path(roots).read_bytes() if roots else None
