"""The monthly spoke report: the figures per account, for the team only, in constant queries."""

import re
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.crosspost import links
from hub.crosspost import service as crosspost
from hub.crosspost.models import Delivery, DeliveryStatus
from hub.referrals.models import Referral
from hub.spoke_inbox.models import InboxItem, ItemStatus
from tests.factories import make_topic, make_user


def figures(page: str, account_id: int) -> dict[str, int]:
    row = re.search(rf'<tr data-account="{account_id}">(.*?)</tr>', page, re.S).group(1)
    return {k: int(v) for k, v in re.findall(r'data-figure="(\w+)">(\d+)<', row)}


def last_month():
    """Noon on the last day of the previous month."""
    return utcnow().replace(day=1, hour=12) - timedelta(days=1)


def delivered(topic, account, when=None) -> Delivery:
    delivery = Delivery(
        content_type="topic",
        content_id=topic.id,
        account_id=account.id,
        reason="new",
        idempotency_key=f"test:{topic.id}:{account.id}",
        status=DeliveryStatus.DELIVERED.value,
        remote_id=f"remote-{topic.id}",
        delivered_at=when or utcnow(),
    )
    db.session.add(delivery)
    db.session.commit()
    return delivery


def register_through(app, link, username):
    client = app.test_client()
    client.get(f"/go/{link.code}")
    client.post(
        "/register",
        data={
            "username": username,
            "email": f"{username}@example.org",
            "password": "a long and unusual passphrase",
        },
    )
    return client


@pytest.fixture
def staff(client, login):
    return login(make_user("erik_expert", role="expert"))


def test_shows_each_figure_for_its_account(app, client, link, account, topic, admin, staff):
    other = crosspost.connect_account(admin, "x", "@nabe", "t", client_id="c")
    delivered(topic, account)
    delivered(make_topic(title="Last month's question"), account, last_month())
    app.test_client().get(f"/go/{link.code}", environ_base={"REMOTE_ADDR": "198.51.100.1"})
    writer = register_through(app, link, "newcomer")
    writer.post(f"/t/{topic.id}/reply", data={"body": "I had that too: new cable fixed it."})
    register_through(app, link, "lurker")
    db.session.add(
        Delivery(
            content_type="loop-answer",
            content_id=topic.id,
            account_id=account.id,
            reason="answer",
            idempotency_key="test:our-reply",
            status=DeliveryStatus.DELIVERED.value,
            remote_id="our-reply",
            delivered_at=utcnow(),
            parent_id=db.session.scalar(select(Delivery.id).limit(1)),
        )
    )  # a reply of ours under the cross-post is not a cross-post
    item = InboxItem(
        account_id=account.id,
        delivery_id=db.session.scalar(select(Delivery.id).limit(1)),
        topic_id=topic.id,
        remote_id="r1",
        remote_created_at=utcnow(),
        status=ItemStatus.ANSWERED.value,
        handled_at=utcnow(),
    )
    db.session.add(item)
    db.session.commit()

    page = client.get("/admin/spokes/report").get_data(as_text=True)

    assert figures(page, account.id) == {
        "crossposts": 1,
        "clicks": 3,
        "visitors": 2,  # the two sign-up browsers share the test client's address and agent
        "registrations": 2,
        "first_posts": 1,
        "answered": 1,
    }
    assert set(figures(page, other.id).values()) == {0}


def test_an_earlier_month_has_its_own_figures(client, link, account, topic, staff):
    delivered(topic, account, last_month())
    last = last_month().strftime("%Y-%m")

    page = client.get(f"/admin/spokes/report?month={last}").get_data(as_text=True)

    assert f"Spoke report for {last}" in page
    assert figures(page, account.id)["crossposts"] == 1
    this_month = client.get("/admin/spokes/report").get_data(as_text=True)
    assert figures(this_month, account.id)["crossposts"] == 0


def test_a_malformed_month_is_a_clear_error(client, staff):
    response = client.get("/admin/spokes/report?month=2026-13")

    assert response.status_code == 422
    assert "Choose a month like 2026-11." in response.get_data(as_text=True)


def test_members_and_visitors_do_not_see_it(app, client, login):
    assert app.test_client().get("/admin/spokes/report").status_code == 302  # to log in
    login(make_user("maria"))
    assert client.get("/admin/spokes/report").status_code == 403


@contextmanager
def counting_selects():
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_the_number_of_queries_does_not_grow_with_accounts(app, client, admin, topic, staff):
    def report_selects() -> int:
        with counting_selects() as seen:
            assert client.get("/admin/spokes/report").status_code == 200
        return len(seen)

    first = crosspost.connect_account(admin, "x", "@one", "t", client_id="c")
    links.link_for("topic", topic.id, first.id, f"/t/{topic.id}")
    db.session.commit()
    with_one = report_selects()
    for n in range(6):
        account = crosspost.connect_account(admin, "x", f"@more{n}", "t", client_id="c")
        links.link_for("topic", topic.id, account.id, f"/t/{topic.id}")
        delivered(make_topic(title=f"Question number {n} for the report"), account)
    db.session.commit()

    assert report_selects() == with_one
    assert db.session.scalars(select(Referral)).all() == []
