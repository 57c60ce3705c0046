"""The two stores keep the same promises: a write never hides behind a page rendered before it,
and while one request renders an outdated page anew the others get the old copy, not a render
each."""

import uuid

import pytest
import redis

from hub.pagecache.entry import Entry
from hub.pagecache.local import MAX_SHARE, LocalStore
from hub.pagecache.shared import RedisStore
from tests import services

KEY = "http://localhost/t/1-wifi? en"
TOPIC = ("site", "topic:1")


@pytest.fixture(params=["local", "redis"])
def store(request):
    if request.param == "local":
        yield LocalStore(max_bytes=1024 * 1024, ttl=60)
        return
    url = services.require_redis()
    prefix = f"test-store-{uuid.uuid4().hex[:10]}"
    yield RedisStore(url, prefix, ttl=60)
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def page(generation: int, body: bytes = b"<p>nonce-abc</p>", depends=TOPIC) -> Entry:
    return Entry("200 OK", (("Content-Type", "text/html"),), body, "abc", generation, depends)


def test_a_page_is_found_as_stored(store):
    store.put(KEY, page(store.generation(), b"<p>first reply</p>"))
    found = store.lookup(KEY)
    assert found.state == "hit" and found.entry.body == b"<p>first reply</p>"


def test_a_write_committed_while_the_page_rendered_outdates_it(store):
    before = store.generation()  # read before the render, as the middleware does
    store.bump({"topic:1"})  # a reply commits while the page renders without it
    store.put(KEY, page(before))
    assert store.lookup(KEY).state == "refresh"


def test_a_page_rendered_after_the_write_is_current(store):
    store.bump({"topic:1"})
    store.put(KEY, page(store.generation()))
    assert store.lookup(KEY).state == "hit"


def test_a_write_elsewhere_leaves_the_page_alone(store):
    store.put(KEY, page(store.generation()))
    store.bump({"topic:2", "space:3"})
    assert store.lookup(KEY).state == "hit"


def test_one_request_refreshes_while_the_others_get_the_old_copy(store):
    store.put(KEY, page(store.generation(), b"<p>old</p>"))
    store.bump({"site"})

    assert store.lookup(KEY).state == "refresh"  # this one renders
    waiting = store.lookup(KEY)
    assert waiting.state == "stale" and waiting.entry.body == b"<p>old</p>"

    store.put(KEY, page(store.generation(), b"<p>new</p>"))
    found = store.lookup(KEY)
    assert found.state == "hit" and found.entry.body == b"<p>new</p>"


def test_a_page_that_is_no_longer_cacheable_is_dropped(store):
    store.put(KEY, page(store.generation()))
    store.bump({"topic:1"})
    assert store.lookup(KEY).state == "refresh"
    store.discard(KEY)  # the render came back 404 (the topic was hidden)
    assert store.lookup(KEY).state == "absent"


def test_the_memory_budget_drops_the_least_recently_used():
    store = LocalStore(max_bytes=8000, ttl=60)
    for name in "abcdefgh":  # eight pages of 1000 bytes fill the budget
        store.put(name, page(0, b"x" * 1000))
    store.lookup("a")  # used: "b" is now the oldest
    store.put("i", page(0, b"x" * 1000))
    assert [store.lookup(k).state for k in "abci"] == ["hit", "absent", "hit", "hit"]
    store.put("huge", page(0, b"x" * (8000 // MAX_SHARE + 1)))  # would crowd out the rest
    assert store.lookup("huge").state == "absent"


def test_pages_expire_after_their_lifetime():
    store = LocalStore(max_bytes=1024 * 1024, ttl=1)
    entry = page(0)
    store.put(KEY, Entry(**{**entry.__dict__, "stored_at": entry.stored_at - 2}))
    assert store.lookup(KEY).state == "refresh"


def test_a_served_page_has_a_new_nonce_everywhere_it_had_the_old():
    entry = Entry(
        "200 OK",
        (("Content-Security-Policy", "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAAAA'"),),
        b'<script nonce="AAAAAAAAAAAAAAAAAAAAAAAA"></script>',
        "AAAAAAAAAAAAAAAAAAAAAAAA",
        0,
        TOPIC,
    )
    status, headers, body = entry.serve("hit")
    assert status == "200 OK"
    nonce = dict(headers)["Content-Security-Policy"].split("'nonce-")[1].rstrip("'")
    assert nonce != entry.nonce and len(nonce) == len(entry.nonce)
    assert body == f'<script nonce="{nonce}"></script>'.encode()
    assert dict(headers)["X-Cache"] == "hit"
