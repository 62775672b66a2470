"""Where and how a municipality sends to each target.

The transport and endpoint are configuration stored on the Municipality
(Plone control panels are site-wide, each municipality has its own
credentials); the tokens are secrets and come from the environment or from
zope.conf (``<product-config imio.municipal> token-etutelle-92094 …``), never
from content or the registry.
"""

from dataclasses import dataclass
from imio.municipal.exchange.targets import token_variables

import os


@dataclass(frozen=True)
class Route:
    transport: str  # "http" | "package"
    url: str | None
    token: str | None

    @property
    def usable(self) -> bool:
        return self.transport == "http" and bool(self.url) and bool(self.token)


def product_config() -> dict:
    try:
        from App.config import getConfiguration

        return (getattr(getConfiguration(), "product_config", None) or {}).get("imio.municipal", {})
    except ImportError:  # outside Zope (unit tests)
        return {}


def token(target_id: str, ins_code: str) -> str | None:
    config = product_config()
    for variable in token_variables(target_id, ins_code):
        value = os.environ.get(variable) or config.get(
            variable.removeprefix("IMIO_MUNICIPAL_").lower().replace("_", "-")
        )
        if value:
            return value
    return None


def route(municipality, target_id: str) -> Route:
    # The permit platform is HTTP only: configured when it has an endpoint.
    default = "http" if target_id == "permits" else "package"
    transport = getattr(municipality, f"{target_id}_transport", None) or default
    url = getattr(municipality, f"{target_id}_url", None)
    return Route(
        transport, url, token(target_id, municipality.ins_code) if transport == "http" else None
    )
