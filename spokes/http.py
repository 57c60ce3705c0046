"""The one HTTP client spokes share: timeouts, transient failures, rate-limit headers."""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from spokes.base import Unavailable

# (connect, read) in seconds: a dead network must not hold a worker thread for minutes.
DEFAULT_TIMEOUT = (5.0, 20.0)
USER_AGENT = "Nabe-spokes/0.1"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # stands in for a missing timestamp


class HttpClient:
    """A `requests.Session` bound to one base URL.

    Network errors, timeouts and 5xx raise `Unavailable`; every other response is returned
    for the adapter to interpret, because each network words its errors differently.
    """

    def __init__(
        self,
        base_url: str,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        """Send one request. Raises: Unavailable (network, timeout, 5xx; with the 5xx's
        Retry-After, if it sent one)."""
        try:
            response = self.session.request(method, self.url(path), timeout=self.timeout, **kwargs)
        # `from None`: requests' messages repeat the URL, and some query strings carry tokens.
        except requests.Timeout:
            raise Unavailable(f"{method} {path}: timed out") from None
        except requests.RequestException as exc:
            raise Unavailable(f"{method} {path}: {type(exc).__name__}") from None
        if response.status_code >= 500:
            wait = response.headers.get("Retry-After")  # a 503 may say when to come back
            seconds = parse_retry_after(wait, time.time()) if wait else None
            raise Unavailable(f"{method} {path}: HTTP {response.status_code}", seconds)
        return response


def json_body(response: requests.Response) -> dict[str, Any]:
    """The response's JSON object, or {} when the body is empty, not JSON or not an object."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def retry_after(headers: Mapping[str, str], *, default: float, now: float | None = None) -> float:
    """Seconds to wait before the next call, from whichever rate-limit header was sent."""
    now = time.time() if now is None else now
    parsers = (
        ("Retry-After", parse_retry_after),
        ("x-rate-limit-reset", seconds_until_epoch),  # X: unix epoch seconds
        ("X-RateLimit-Reset", seconds_until_timestamp),  # Mastodon: ISO-8601
    )
    for name, parse in parsers:
        value = headers.get(name)
        seconds = parse(value, now) if value else None
        if seconds is not None:
            return seconds
    return default


def parse_retry_after(value: str, now: float) -> float | None:
    """`Retry-After` is either delay-seconds or an HTTP date (RFC 9110, section 10.2.3)."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return _seconds_until(moment.timestamp(), now)


def seconds_until_epoch(value: str, now: float) -> float | None:
    try:
        return _seconds_until(float(value), now)
    except ValueError:
        return None


def seconds_until_timestamp(value: str, now: float) -> float | None:
    """An ISO-8601 reset time; plain numbers are read as epoch seconds, as some servers send."""
    epoch = seconds_until_epoch(value, now)
    if epoch is not None:
        return epoch
    moment = parse_iso(value)
    return None if moment is None else _seconds_until(moment.timestamp(), now)


def parse_iso(value: str) -> datetime | None:
    """ISO-8601 with `Z` or `+0000` offsets; naive values are taken as UTC."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _seconds_until(epoch: float, now: float) -> float:
    # A reset already in the past (clock skew) means "now", never a negative wait.
    return max(0.0, epoch - now)
