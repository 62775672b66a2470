"""The HTTP client of the regional data bank (BCED) (Plone-free).

Protocol (the simulator implements it, ``docs/authentic-sources.md``)::

    GET {base}/persons/{niss}       -> 200 person | 404
    GET {base}/enterprises/{bce}    -> 200 enterprise | 404
    Authorization: Bearer <token>; X-Purpose: <purpose id>; X-Requester: <INS code>

Every lookup names its purpose and the municipality asking, as the BCED's
authorisations require. Timeouts are always set; any failure becomes a
:class:`SourceFailure` or an :class:`UnknownNumber`, never another exception.
"""

from imio.municipal.authentic.answers import Enterprise
from imio.municipal.authentic.answers import parse_enterprise
from imio.municipal.authentic.answers import parse_person
from imio.municipal.authentic.answers import Person
from imio.municipal.authentic.answers import SourceFailure
from imio.municipal.authentic.answers import UnknownNumber
from imio.municipal.authentic.identifiers import compact

import os
import requests


URL_VARIABLE = "IMIO_MUNICIPAL_BCED_URL"
TOKEN_VARIABLE = "IMIO_MUNICIPAL_BCED_TOKEN"  # noqa: S105 (a variable name)
TIMEOUT_VARIABLE = "IMIO_MUNICIPAL_BCED_TIMEOUT"
CONNECT_TIMEOUT = 3.0
READ_TIMEOUT = 10.0
PATHS = {"person": "persons", "enterprise": "enterprises"}


class BcedClient:
    """Asks the BCED about one person or enterprise at a time."""

    def __init__(
        self,
        base_url: str,
        token: str,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeouts = (connect_timeout, read_timeout)

    @classmethod
    def from_environment(cls) -> "BcedClient":
        """The client `make run` and the cluster configure (environment variables;
        the read timeout in seconds, 10 unless said otherwise)."""
        url = os.environ.get(URL_VARIABLE, "")
        if not url:
            raise SourceFailure("down", f"{URL_VARIABLE} is not set")
        timeout = os.environ.get(TIMEOUT_VARIABLE)
        read_timeout = float(timeout) if timeout else READ_TIMEOUT
        return cls(url, os.environ.get(TOKEN_VARIABLE, ""), read_timeout=read_timeout)

    def lookup(self, kind: str, number: str, purpose: str, requester: str) -> Person | Enterprise:
        """The record of ``number`` (checked first), or a refusal saying why not."""
        number = compact(kind, number)
        data = self._get(f"/{PATHS[kind]}/{number}", kind, number, purpose, requester)
        return parse_person(data, number) if kind == "person" else parse_enterprise(data, number)

    def _get(self, path: str, kind: str, number: str, purpose: str, requester: str) -> object:
        headers = {
            "Authorization": f"Bearer {self.token}",
            "X-Purpose": purpose,
            "X-Requester": requester,
            "Accept": "application/json",
        }
        try:
            response = requests.get(self.base_url + path, headers=headers, timeout=self.timeouts)
        except requests.Timeout as error:
            raise SourceFailure("timeout", str(error)) from error
        except requests.RequestException as error:
            raise SourceFailure("down", str(error)) from error
        if response.status_code == 404:
            raise UnknownNumber(kind, number)
        if response.status_code in (401, 403):
            raise SourceFailure("refused", f"HTTP {response.status_code}")
        if response.status_code != 200:
            raise SourceFailure("down", f"HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError as error:
            raise SourceFailure("malformed", "not JSON") from error
