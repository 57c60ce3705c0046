"""An account whose token is refused: every admin is told once per incident (bell and mail),
its deliveries wait instead of failing, and they go out after the reconnect."""

from sqlalchemy import select

from hub.core.extensions import db
from hub.crosspost import service as crosspost
from hub.crosspost.models import Delivery, SpokeAccount
from hub.notifications.models import Notification
from tests.factories import make_topic, make_user
from tests.hub.notifications.helpers import mails_to


def reconnect_notices(user) -> list[Notification]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Notification).where(
                Notification.user_id == user.id, Notification.kind == "spoke_reconnect"
            )
        )
    )


def reconnect(admin, fake_mastodon) -> None:
    fake_mastodon.token = "new-token"
    crosspost.connect_account(
        admin, "mastodon", "Nabe on Mastodon", "new-token", instance_url=fake_mastodon.url
    )


class TestAdminsAreTold:
    def test_every_admin_once_in_the_bell_and_by_mail(
        self, admin, new_questions, mastodon_account, worker, fake_mastodon
    ):
        second_admin = make_user("bo_admin", role="admin")
        expert = make_user("eve_expert", role="expert")
        fake_mastodon.revoke_token()

        for n in range(3):  # three deliveries meet the refusal, one after another
            make_topic(space=new_questions, title=f"Question {n}")
            worker.run()

        for person in (admin, second_admin):
            (notice,) = reconnect_notices(person)
            assert notice.path == "/admin/spokes"
            assert "Nabe on Mastodon" in notice.text
            assert len(mails_to(person)) == 1
        assert reconnect_notices(expert) == []

    def test_a_new_incident_after_a_reconnect_is_told_again(
        self, admin, new_questions, mastodon_account, worker, fake_mastodon
    ):
        fake_mastodon.revoke_token()
        make_topic(space=new_questions)
        worker.run()
        reconnect(admin, fake_mastodon)
        worker.run()

        fake_mastodon.revoke_token()
        make_topic(space=new_questions, title="Another question")
        worker.run()

        assert len(reconnect_notices(admin)) == 2

    def test_a_refused_token_during_removal_also_tells_them(
        self, admin, new_questions, mastodon_account, worker, fake_mastodon
    ):
        from hub.crosspost.removals import queue_removals

        topic = make_topic(space=new_questions)
        worker.run()
        fake_mastodon.revoke_token()

        queue_removals(topic.id)
        worker.run()

        assert db.session.get(SpokeAccount, mastodon_account.id).needs_reconnect
        assert len(reconnect_notices(admin)) == 1


class TestDeliveriesWait:
    def test_they_are_parked_not_failed_and_go_out_after_the_reconnect(
        self, admin, new_questions, mastodon_account, worker, fake_mastodon
    ):
        fake_mastodon.revoke_token()
        make_topic(space=new_questions, title="First")
        make_topic(space=new_questions, title="Second")
        worker.run()

        parked = list(db.session.scalars(select(Delivery)))
        assert [d.status for d in parked] == ["pending", "pending"]
        assert all(d.error.startswith("needs reconnect") for d in parked)
        assert fake_mastodon.statuses == {}
        calls = len(fake_mastodon.requests)
        worker.later(24 * 60 * 60).run()
        assert len(fake_mastodon.requests) == calls  # nothing is tried while parked

        reconnect(admin, fake_mastodon)
        worker.run()

        assert {d.status for d in db.session.scalars(select(Delivery))} == {"delivered"}
        assert len(fake_mastodon.statuses) == 2

    def test_the_admin_page_shows_them_waiting(
        self, client, login, admin, new_questions, mastodon_account, worker, fake_mastodon
    ):
        fake_mastodon.revoke_token()
        make_topic(space=new_questions)
        worker.run()
        login(admin)

        page = client.get("/admin/spokes").get_data(as_text=True)

        assert "waiting for a reconnect" in page
        assert "needs reconnect" in page
