"""The shared client: transient failures become Unavailable, rate-limit headers become waits."""

import pytest

from spokes import http
from spokes.base import Unavailable
from tests.fakes.server import FakeServer, Reply, closed_port_url, route

NOW = 1_700_000_000.0


class EchoServer(FakeServer):
    @route("GET", r"/status/(?P<code>\d+)")
    def status(self, request, code):
        return Reply(int(code), {"status": int(code)})

    @route("GET", r"/maintenance/(?P<seconds>\d+)")
    def maintenance(self, request, seconds):
        return Reply(503, {"status": 503}, {"Retry-After": seconds})


@pytest.fixture
def server():
    with EchoServer() as fake:
        yield fake


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "120"}, 120),
        ({"Retry-After": "Tue, 14 Nov 2023 22:16:40 GMT"}, 200),  # NOW + 200 s
        ({"x-rate-limit-reset": str(int(NOW) + 900)}, 900),
        ({"X-RateLimit-Reset": "2023-11-14T22:18:20.000Z"}, 300),
        ({"X-RateLimit-Reset": str(int(NOW) + 60)}, 60),
        ({"X-RateLimit-Reset": "2023-11-14T22:00:00Z"}, 0),  # already past: no negative wait
        ({"Retry-After": "soon"}, 42),
        ({}, 42),
    ],
)
def test_retry_after_reads_each_networks_header(headers, expected):
    assert http.retry_after(headers, default=42, now=NOW) == pytest.approx(expected)


def test_default_timeouts_are_five_seconds_to_connect_and_twenty_to_read():
    assert http.HttpClient("http://127.0.0.1:1").timeout == (5.0, 20.0)


def test_client_errors_are_returned_for_the_adapter_to_read(server):
    response = http.HttpClient(server.url).request("GET", "status/422")

    assert response.status_code == 422


def test_server_errors_are_unavailable(server):
    with pytest.raises(Unavailable, match="HTTP 503"):
        http.HttpClient(server.url).request("GET", "status/503")


def test_a_503_that_says_when_to_come_back_carries_the_wait(server):
    with pytest.raises(Unavailable) as raised:
        http.HttpClient(server.url).request("GET", "maintenance/120")

    assert raised.value.retry_after == 120


def test_a_503_without_retry_after_leaves_the_wait_to_the_backoff(server):
    with pytest.raises(Unavailable) as raised:
        http.HttpClient(server.url).request("GET", "status/503")

    assert raised.value.retry_after is None


def test_a_closed_port_is_unavailable():
    with pytest.raises(Unavailable):
        http.HttpClient(closed_port_url()).request("GET", "anything")


def test_a_slow_server_is_unavailable_after_the_read_timeout(server):
    server.stall_next(0.5)
    client = http.HttpClient(server.url, timeout=(1.0, 0.1))

    with pytest.raises(Unavailable, match="timed out"):
        client.request("GET", "status/200")


def test_errors_never_repeat_the_query_string():
    client = http.HttpClient(closed_port_url())

    with pytest.raises(Unavailable) as raised:
        client.request("GET", "feed", params={"access_token": "s3cret"})

    assert "s3cret" not in str(raised.value)
    assert raised.value.__cause__ is None
