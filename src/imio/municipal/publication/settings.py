"""Which timestamp authority proves the publication time.

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
