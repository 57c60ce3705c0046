"""Hidden content never appears to others: not in topic lists, profiles or notifications; the
topic page shows the public reason in its place; the transparency page counts without names."""

from sqlalchemy import func, select

from hub.forums import queries as forum_queries
from hub.moderation import post_actions, reports
from hub.notifications.models import Notification
from hub.outbox import runner
from tests.factories import PASSWORD, make_category, make_reply, make_topic, make_user

from .helpers import member, moderator, opening, report_by, thread


def titles(viewer) -> list[str]:
    return [t.title for t in forum_queries.list_topics(viewer).items]


class TestLists:
    def test_topic_with_hidden_opening_post_leaves_lists_for_others(self, db):
        author = member()
        space = make_category()
        make_topic(author, space, title="Visible question here")
        hidden = make_topic(author, space, title="Buy cheap watches now")
        post_actions.hide_post(moderator(), opening(hidden).id, "spam")
        assert titles(None) == ["Visible question here"]
        assert titles(member()) == ["Visible question here"]
        assert "Buy cheap watches now" in titles(author)  # the author still sees it
        assert "Buy cheap watches now" in titles(moderator())

    def test_auto_hidden_topics_leave_lists_too(self, db):
        topic = make_topic(member(), title="Rude words in the title")
        report_by(3, opening(topic))
        assert titles(None) == []

    def test_category_page_for_visitors(self, client, db):
        space = make_category("router-help")
        topic = make_topic(member(), space, title="Cheap watches for everybody")
        post_actions.hide_post(moderator(), opening(topic).id, "spam")
        page = client.get("/c/router-help").get_data(as_text=True)
        assert "Cheap watches" not in page


class TestTopicPage:
    def test_visitor_sees_the_reason_in_place_of_the_post(self, client, db):
        topic, reply = thread(body="You are all idiots, the answer is obvious.")
        post_actions.hide_post(moderator(), reply.id, "Insults are not welcome here.")
        page = client.get(f"/t/{topic.id}", follow_redirects=True).get_data(as_text=True)
        assert "Hidden by the moderators: Insults are not welcome here." in page
        assert "idiots" not in page

    def test_author_still_sees_the_original(self, client, db):
        topic, reply = thread(body="You are all idiots, the answer is obvious.")
        post_actions.hide_post(moderator(), reply.id, "abuse")
        client.post("/login", data={"login": reply.author.username, "password": PASSWORD})
        assert "idiots" in client.get(f"/t/{topic.id}", follow_redirects=True).get_data(
            as_text=True
        )

    def test_a_hidden_question_shows_the_reason_not_its_title(self, client, db):
        topic = make_topic(member(), title="Cheap watches for everybody today")
        post_actions.hide_post(moderator(), opening(topic).id, "Advertising is not allowed.")
        for path in (f"/t/{topic.id}", f"/t/{topic.id}-{topic.slug}"):
            response = client.get(path)
            page = response.get_data(as_text=True)
            assert response.status_code == 404 and "Cheap watches" not in page
            assert "Hidden by the moderators: Advertising is not allowed." in page
        assert client.get(f"/api/v1/topics/{topic.id}").status_code == 404

    def test_the_author_and_the_team_still_open_a_hidden_question(self, client, db):
        topic = make_topic(member(), title="Cheap watches for everybody today")
        post_actions.hide_post(moderator(), opening(topic).id, "spam")
        client.post("/login", data={"login": topic.author.username, "password": PASSWORD})
        page = client.get(f"/t/{topic.id}", follow_redirects=True)
        assert page.status_code == 200 and "Cheap watches" in page.get_data(as_text=True)

    def test_deleted_post_leaves_a_tombstone(self, client, db):
        topic, reply = thread(body="Secret contract of ACME attached.")
        post_actions.delete_post(moderator(), reply.id, "copyright")
        page = client.get(f"/t/{topic.id}", follow_redirects=True).get_data(as_text=True)
        assert "removed after a copyright complaint" in page and "ACME" not in page


class TestProfilesAndFeeds:
    def test_hidden_posts_leave_the_public_profile(self, client, db):
        person = member("quiet_quentin")
        topic, reply = thread(replier=person, body="Buy cheap watches at example.shop")
        post_actions.hide_post(moderator(), reply.id, "spam")
        page = client.get("/u/quiet_quentin").get_data(as_text=True)
        assert topic.title not in page

    def test_followers_are_not_notified_of_a_reply_hidden_before_delivery(self, app, db):
        asker = member()
        topic = make_topic(asker)
        reply = make_reply(topic, member(), "Cheap watches at example.shop")
        post_actions.hide_post(moderator(), reply.id, "spam")
        runner.run_once(app)
        count = db.session.scalar(
            select(func.count(Notification.id)).where(Notification.post_id == reply.id)
        )
        assert count == 0


class TestTransparency:
    def test_counts_by_reason_per_month_without_names_or_notes(self, client, db):
        mod = moderator()
        reporter = make_user("rita_reporter")
        for reason in ("spam", "spam", "abuse"):
            _topic, reply = thread()
            reports.report_post(reporter, reply.id, "spam", "my private remark")
            post_actions.hide_post(mod, reply.id, reason, "internal note xyz")
        post_actions.delete_post(mod, thread()[1].id, "court_order", "", "case 4711")
        page = client.get("/transparency").get_data(as_text=True)
        assert "Spam: 2" in page and "Abuse: 1" in page and "Court order: 1" in page
        for secret in ("rita_reporter", "internal note xyz", "case 4711", mod.username):
            assert secret not in page

    def test_automatic_hides_are_not_counted_as_decisions(self, client, db):
        report_by(3, thread()[1])
        assert "Nothing was hidden or deleted" in client.get("/transparency").get_data(as_text=True)


class TestSearch:
    def test_hidden_and_deleted_posts_are_not_found(self, client, db):
        _t1, hidden = thread(body="Zebrafinken sind die besten Router")
        _t2, deleted = thread(body="Quokkas kennen meine Adresse")
        mod = moderator()
        post_actions.hide_post(mod, hidden.id, "spam")
        post_actions.delete_post(mod, deleted.id, "personal_data")
        for word in ("Zebrafinken", "Quokkas"):
            items = client.get(f"/api/v1/search?q={word}").get_json()["items"]
            assert items == [], word

    def test_restored_post_is_found_again(self, client, db):
        _topic, reply = thread(body="Okapis mögen Glasfaser")
        mod = moderator()
        post_actions.hide_post(mod, reply.id, "spam")
        post_actions.restore_post(mod, reply.id)
        items = client.get("/api/v1/search?q=Okapis").get_json()["items"]
        assert [(i["type"], i["id"]) for i in items] == [("post", reply.id)]
