"""Reading a topic never writes; its views are added in batches."""

import threading

from sqlalchemy import event

from hub.forums import viewcounts
from tests.factories import make_topic, reload


def test_reading_counts_views_without_writing(app, client, db):
    viewcounts._take()  # drop views other tests left for reused topic ids
    topic = make_topic()
    statements: list[str] = []
    this_thread = threading.get_ident()  # the test client serves requests in this thread

    def remember(conn, cursor, statement, *args):
        if threading.get_ident() == this_thread:
            statements.append(statement.split()[0].upper())

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        for _ in range(3):
            assert client.get(f"/t/{topic.id}-how-do-i-reset-my-router").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    assert set(statements) <= {"SELECT"}, statements
    assert reload(topic).view_count == 0
    assert viewcounts.flush() >= 1
    assert reload(topic).view_count == 3
