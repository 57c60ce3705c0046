"""Outdate cached pages after every commit that changes what they show.

The writes are found where they all pass: the database session. After each flush the rows it
wrote are turned into version names (`RULES`, one per table that a cached page shows); after
the commit those names are bumped, before the service sends its signal. So a new kind of write
needs nothing here as long as it writes a table below, and a rolled-back write bumps nothing
until the next commit (an extra render, never an outdated page). Bulk UPDATE/DELETE statements
name no rows: on these tables they outdate every page, except those marked `UNCHANGED` (view
counts, which may lag).
"""

from collections.abc import Callable, Iterable
from functools import cache

from flask import current_app, has_app_context
from flask_sqlalchemy.session import Session
from sqlalchemy import event, inspect

from hub.accounts.models import User
from hub.faq.models import FaqEntry
from hub.forums.models import Post, Space, Tag, Topic, TopicKind, TopicTag
from hub.moderation.models import SiteSetting
from hub.pagecache.options import UNCHANGED, store_of
from hub.pagecache.pages import FAQ, HOME, SITE, space_version, topic_version
from hub.spoke_inbox.models import InboxItem
from hub.teams.models import Team, TeamMember
from hub.walls.models import IssueUpdate, Like, WallPost, WallSettings

PENDING = "pagecache_pending"  # session.info key: names to bump after the commit
SHOWN_USER_COLUMNS = ("username", "display_name", "role")  # names and team badges on pages


@cache
def listen() -> None:
    """Hook into every Flask-SQLAlchemy session, once per process (apps share the class)."""
    event.listen(Session, "after_flush", _collect)
    event.listen(Session, "do_orm_execute", _collect_bulk)
    event.listen(Session, "after_commit", _publish)


def _thread(session, topic_id: int | None, *space_ids: int | None) -> set[str]:
    """A thread changed: its pages, its space's list (looked up if not given) and home."""
    if topic_id is None:
        return {HOME}
    if not space_ids:
        topic = session.get(Topic, topic_id)
        space_ids = (topic.space_id,) if topic is not None else ()
    return {topic_version(topic_id), HOME, *(space_version(s) for s in space_ids if s)}


def _changed(obj, *attributes: str) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in attributes)


def _values(obj, attribute: str) -> tuple:
    """The attribute's value now and before this flush (a moved topic has two spaces)."""
    history = inspect(obj).attrs[attribute].history
    return (getattr(obj, attribute), *history.deleted)


def _post(session, post: Post, change: str) -> set[str]:
    return _thread(session, post.topic_id)


def _topic(session, topic: Topic, change: str) -> set[str]:
    names = _thread(session, topic.id, *_values(topic, "space_id"))
    if topic.kind == TopicKind.WALL and _changed(topic, "title"):
        names.add(SITE)  # an open known issue's title is in every page's banner
    return names


def _wall_post(session, meta: WallPost, change: str) -> set[str]:
    names = _thread(session, meta.topic_id)
    if _changed(meta, "issue_status") or (change == "deleted" and meta.issue_status):
        names.add(SITE)  # the known-issue banner on every page
    return names


def _in_thread(session, row, change: str) -> set[str]:
    return _thread(session, row.topic_id)


def _like(session, like: Like, change: str) -> set[str]:
    post = session.get(Post, like.post_id)
    return _thread(session, post.topic_id if post is not None else None)


def _faq_entry(session, entry: FaqEntry, change: str) -> set[str]:
    # The thread it was promoted from links to it ("This answer is also in our FAQ").
    return {FAQ, *(topic_version(t) for t in _values(entry, "source_topic_id") if t)}


def _user(session, user: User, change: str) -> set[str]:
    if change == "new":
        return set()  # nobody shows on a page before writing something
    if change == "deleted" or _changed(user, *SHOWN_USER_COLUMNS):
        return {SITE}
    return set()


def _tag(session, tag: Tag, change: str) -> set[str]:
    return set() if change == "new" else {SITE}  # a new tag shows through its topic's change


def _everywhere(session, row, change: str) -> set[str]:
    return {SITE}


# table -> the versions a new, changed or deleted row outdates
RULES: dict[type, Callable[..., set[str]]] = {
    Post: _post,
    Topic: _topic,
    TopicTag: _in_thread,
    WallPost: _wall_post,
    IssueUpdate: _in_thread,
    InboxItem: _in_thread,  # the "imported from the network" mark on a post
    Like: _like,
    FaqEntry: _faq_entry,
    User: _user,
    Tag: _tag,
    Space: _everywhere,  # category names and descriptions: nav, home, breadcrumbs
    SiteSetting: _everywhere,
    WallSettings: _everywhere,  # who may comment, walls hidden from visitors
    Team: _everywhere,  # a team's title is its members' badge on every page they wrote on
    TeamMember: _everywhere,
}


def _pending(session) -> set[str]:
    return session.info.setdefault(PENDING, set())


def _caching() -> bool:
    return has_app_context() and store_of(current_app) is not None


def _collect(session, flush_context) -> None:
    if not _caching():
        return
    names = _pending(session)
    names.update(_names(session, "new", session.new))
    names.update(_names(session, "dirty", session.dirty))
    names.update(_names(session, "deleted", session.deleted))


def _names(session, change: str, rows: Iterable) -> Iterable[str]:
    # Every dirty row counts, even one `session.is_modified` calls unchanged: it says so for a
    # column set to SQL (`post.score = select(count)`), and an extra bump costs only a render.
    for row in rows:
        rule = RULES.get(type(row))
        if rule is not None:
            yield from rule(session, row, change)


def _collect_bulk(execute_state) -> None:
    if not (execute_state.is_update or execute_state.is_delete or execute_state.is_insert):
        return
    mapper = execute_state.bind_mapper
    if mapper is None or mapper.class_ not in RULES or not _caching():
        return
    if execute_state.execution_options.get(UNCHANGED):
        return
    _pending(execute_state.session).add(SITE)


def _publish(session) -> None:
    names = session.info.pop(PENDING, None)
    if names and _caching():
        store_of(current_app).bump(names)
