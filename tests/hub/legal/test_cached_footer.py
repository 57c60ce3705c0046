"""With the page cache on, the footer's legal links are kept between writes, and a save shows
on visitors' cached pages and members' pages at once."""

import pytest
from sqlalchemy import event, select

from hub.accounts.models import User
from hub.core.extensions import db
from hub.legal import service as legal
from tests.factories import make_user
from tests.hub.pagecache.conftest import cached_app, log_in, visitor, writing  # noqa: F401

pytestmark = pytest.mark.usefixtures("db")


def chief() -> User:
    return db.session.scalar(select(User).where(User.username == "chief"))


def test_a_save_outdates_visitors_cached_pages(visitor, writing):  # noqa: F811
    make_user("chief", role="admin")
    assert "/imprint" not in visitor.cached("/")
    with writing():
        legal.save_page(chief(), "imprint", text_en="Example Ltd", text_de="")
    how, text = visitor.page("/")
    assert how != "hit" and '<a href="/imprint">Imprint</a>' in text
    with writing():
        legal.save_page(chief(), "imprint", text_en="", text_de="")
    assert "/imprint" not in visitor.page("/")[1]


def test_members_pages_keep_the_links_without_asking_again(cached_app, writing):  # noqa: F811
    make_user("chief", role="admin")
    make_user("ines")
    with writing():
        legal.save_page(chief(), "privacy", text_en="We keep little.", text_de="")
    client = cached_app.test_client()
    log_in(client, "ines")
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    with cached_app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert '<a href="/privacy">Privacy policy</a>' in client.get("/").text
        statements.clear()
        assert '<a href="/privacy">Privacy policy</a>' in client.get("/").text
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert not [s for s in statements if "legal_pages" in s]
