"""A team assigned to a category makes its experts the category's experts: they answer to
`is_expert_in` and hear of each new question there, once each. Category moderators answer to
`is_moderator_in` in their category only."""

import pytest
from sqlalchemy import func, select

from hub import permissions
from hub.admin import team_service
from hub.core.extensions import db
from hub.notifications.models import Notification
from tests.factories import make_category, make_topic, make_user
from tests.hub.notifications.helpers import kinds_of, notifications_of, run_worker
from tests.hub.teams.helpers import make_team

pytestmark = pytest.mark.usefixtures("db")


class TestIsExpertIn:
    def test_without_teams_every_expert_is_an_expert_everywhere(self):
        space = make_category()
        assert permissions.is_expert_in(make_user(role="expert"), space)
        assert permissions.is_expert_in(make_user(role="admin"), space)
        for role in ("member", "moderator"):
            assert not permissions.is_expert_in(make_user(role=role), space)
        assert not permissions.is_expert_in(None, space)

    def test_with_teams_only_their_experts_and_the_admins(self):
        router, billing = make_category("router"), make_category("billing")
        technik, rechnung = make_user("erik", role="expert"), make_user("rita", role="expert")
        make_team("Technik-Team", members=[technik], answers=[router])
        make_team("Rechnungs-Team", members=[rechnung], answers=[billing])
        assert permissions.is_expert_in(technik, router)
        assert not permissions.is_expert_in(technik, billing)
        assert permissions.is_expert_in(rechnung, billing)
        assert not permissions.is_expert_in(make_user(role="expert"), router)
        assert permissions.is_expert_in(make_user(role="admin"), router)

    def test_a_moderator_in_the_team_moderates_but_is_no_expert(self):
        router = make_category("router")
        mona = make_user("mona", role="moderator")
        make_team("Technik-Team", members=[mona], answers=[router])
        assert not permissions.is_expert_in(mona, router)
        assert permissions.is_moderator_in(mona, router)


class TestIsModeratorIn:
    def test_a_category_moderator_moderates_that_category_only(self):
        router, billing = make_category("router"), make_category("billing")
        kim = make_user("kim")
        team_service.add_category_moderator(make_user(role="admin"), router.id, "kim")
        assert permissions.is_moderator_in(kim, router)
        assert not permissions.is_moderator_in(kim, billing)
        assert permissions.is_moderator_in(make_user(role="moderator"), billing)
        assert permissions.is_moderator_in(make_user(role="admin"), billing)
        assert not permissions.is_moderator_in(make_user(role="expert"), router)
        assert not permissions.is_moderator_in(None, router)


class TestNewQuestionNotifications:
    def test_a_new_question_tells_exactly_the_teams_experts_once_each(self, app):
        router, billing = make_category("router"), make_category("billing")
        erik, emma = make_user("erik", role="expert"), make_user("emma", role="expert")
        rita, other = make_user("rita", role="expert"), make_user("otto", role="expert")
        mona = make_user("mona", role="moderator")
        make_team("Technik-Team", members=[erik, emma, mona], answers=[router])
        make_team("Router-Profis", members=[erik], answers=[router])  # erik in two teams
        make_team("Rechnungs-Team", members=[rita], answers=[billing])
        topic = make_topic(make_user("asker"), router, title="Router blinks red")
        run_worker(app)
        told = db.session.scalars(
            select(Notification.user_id).where(Notification.topic_id == topic.id)
        )
        assert sorted(told) == sorted([erik.id, emma.id])
        assert kinds_of(erik) == ["new_question"]
        assert kinds_of(rita) == kinds_of(other) == kinds_of(mona) == []
        [note] = notifications_of(emma)
        assert note.post.number == 1

    def test_the_bell_text_names_asker_question_and_category(self, app, client, login):
        router = make_category("router")
        erik = make_user("erik", role="expert")
        make_team("Technik-Team", members=[erik], answers=[router])
        make_topic(make_user("asker"), router, title="Router blinks red")
        run_worker(app)
        login(erik)
        html = client.get("/notifications").get_data(as_text=True)
        assert "asker asked “Router blinks red” in Router" in html

    def test_a_category_without_teams_tells_nobody(self, app):
        make_user("erik", role="expert")
        make_topic(make_user("asker"), make_category("router"))
        run_worker(app)
        assert db.session.scalar(select(func.count()).select_from(Notification)) == 0

    def test_the_expert_who_asks_is_not_told(self, app):
        router = make_category("router")
        erik = make_user("erik", role="expert")
        make_team("Technik-Team", members=[erik], answers=[router])
        make_topic(erik, router)
        run_worker(app)
        assert kinds_of(erik) == []
