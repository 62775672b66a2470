"""HTTP transport to the regional endpoints (Plone-free).

Every request carries the target's token (``Authorization: Bearer``) and, for
submissions, an ``Idempotency-Key`` equal to the message id: when an answer is
lost (timeout, dropped connection) the worker sends again and the region
recognises the repeat. Timeouts are always set; an exception never escapes:
the caller gets an :class:`Answer` saying what happened.
"""

from dataclasses import dataclass

import requests


CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0


@dataclass(frozen=True)
class Answer:
    status: int | None  # None: no answer at all
    body: str = ""
    data: dict | None = None
    retry_after: float | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300 and self.data is not None


def _retry_after(response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class HttpTransport:
    def __init__(
        self,
        base_url: str,
        token: str,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
    ):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeouts = (connect_timeout, read_timeout)
        self.session = requests.Session()

    def _call(self, method: str, path: str, **kwargs) -> Answer:
        headers = {"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        headers.update(kwargs.pop("headers", {}))
        try:
            response = self.session.request(
                method, self.base_url + path, headers=headers, timeout=self.timeouts, **kwargs
            )
        except requests.Timeout as error:
            return Answer(None, error=f"timeout: {error}")
        except requests.RequestException as error:
            return Answer(None, error=f"{type(error).__name__}: {error}")
        try:
            data = response.json()
        except ValueError:
            data = None
        error = None
        if not 200 <= response.status_code < 300:
            message = (
                (data or {}).get("error", {}).get("message") if isinstance(data, dict) else None
            )
            error = f"HTTP {response.status_code}: {message or response.text[:500]}"
        elif not isinstance(data, dict):
            error = f"HTTP {response.status_code}: the answer is not a JSON object"
            data = None
        return Answer(response.status_code, response.text, data, _retry_after(response), error)

    def submit(self, path: str, payload: bytes, media_type: str, key: str) -> Answer:
        return self._call(
            "POST", path, data=payload, headers={"Content-Type": media_type, "Idempotency-Key": key}
        )

    def get(self, path: str, params: dict | None = None) -> Answer:
        return self._call("GET", path, params=params or {})

    def post_json(self, path: str, body: dict, key: str) -> Answer:
        return self._call("POST", path, json=body, headers={"Idempotency-Key": key})
