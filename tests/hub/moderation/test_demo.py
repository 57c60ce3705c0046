"""The demo community comes with a few open reports for the queue."""

from hub.moderation import demo, queries
from tests.factories import make_user

from .helpers import member, thread


def test_add_reports_files_open_reports_without_hiding_anything(db):
    people = {u.username: u for u in (member(), member(), member(), make_user(role="moderator"))}
    authors = list(people.values())[:3]
    replies = [thread(replier=author)[1] for author in authors]
    flags = demo.add_reports(people)
    assert len(flags) == 4
    assert all(f.reporter_id != f.target_user_id for f in flags)
    groups = queries.queue()
    assert {g.target_id for g in groups} == {r.id for r in replies}
    assert max(g.count for g in groups) == 2
    assert not any(g.post.is_hidden for g in groups)
