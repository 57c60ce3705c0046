"""Categories as the admin runs them: create, edit, order, archive and delete.

Each action asks `permissions.can_manage_categories`, writes the category and its audit entry
in one transaction and commits. A changed slug leaves the old one behind as a redirect
(`SpaceSlugRedirect`), so links to the category's old address keep working; a new category or
slug may take over an old slug, which ends that redirect.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, delete, func, select, update

from hub import permissions
from hub.admin import audit
from hub.admin.category_values import FIELDS, clean
from hub.core import events, transactions
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid, NotFound
from hub.core.extensions import db
from hub.faq import service as faq
from hub.faq.models import FaqEntry
from hub.forums import service as forums
from hub.forums.models import Follow, FollowKind, Space, SpaceKind, SpaceSlugRedirect, Topic
from hub.teams import cleanup as team_cleanup
from hub.teams import queries as team_queries

ORDER_LOCK = "category-order"  # one writer at a time renumbers the categories

for _code, _label in (
    ("category.create", _l("created a category")),
    ("category.edit", _l("edited a category")),
    ("category.move", _l("moved a category in the list")),
    ("category.archive", _l("archived a category")),
    ("category.unarchive", _l("unarchived a category")),
    ("category.delete", _l("deleted a category")),
):
    audit.describe(_code, _label)


def _is_category():
    return Space.kind == SpaceKind.CATEGORY.value


def overview() -> list[tuple[Space, int]]:
    """Every category in its order, archived and private ones too, with its topic count: one
    query, however many there are."""
    topics = (
        select(func.count(Topic.id))
        .where(Topic.space_id == Space.id)
        .correlate(Space)
        .scalar_subquery()
    )
    stmt = select(Space, topics).where(_is_category()).order_by(Space.position, Space.name)
    return [(space, count) for space, count in db.session.execute(stmt)]


def get_category(slug: str) -> Space:
    """Raises: NotFound (Moved, for a slug the category had before)."""
    space = forums.get_space(slug)
    if space.kind != SpaceKind.CATEGORY:
        raise NotFound(_("There is no such category."))
    return space


def snapshot(space: Space) -> dict:
    """What the audit log keeps of a category before and after a change."""
    return {
        **{name: getattr(space, name) for name in FIELDS},
        "archived": space.is_archived,
        "private": space.is_private,
    }


def _claim_slug(slug: str, space: Space | None) -> None:
    """Make `slug` free for `space` (None: a new category). Raises: Conflict when a category or
    wall has it; an old slug of another category is taken over (its redirect ends)."""
    holder = db.session.scalar(select(Space).where(Space.slug == slug))
    if holder is not None and holder is not space:
        raise Conflict(
            _("Please correct the marked fields."),
            {"slug": _("The address “%(slug)s” is taken; choose another.", slug=slug)},
        )
    db.session.execute(delete(SpaceSlugRedirect).where(SpaceSlugRedirect.old_slug == slug))


@transactions.retried
def create(actor, values: dict, *, private: bool = False) -> Space:
    """A new category, last in the list; a private one is read by the team and moderators
    until teams are given it. Raises: Forbidden, Invalid, Conflict (the slug is taken)."""
    permissions.require(permissions.can_manage_categories(actor))
    cleaned = clean({name: values.get(name, "") for name in FIELDS})
    _claim_slug(cleaned["slug"], None)
    transactions.lock_name(ORDER_LOCK)
    last = select(func.coalesce(func.max(Space.position) + 1, 0)).where(_is_category())
    space = Space(
        kind=SpaceKind.CATEGORY.value,
        position=last.scalar_subquery(),
        is_private=bool(private),
        **cleaned,
    )
    db.session.add(space)
    db.session.flush()
    after = {**cleaned, "private": space.is_private}
    audit.record(
        actor, "category.create", "category", space.id, target_label=space.name, after=after
    )
    db.session.commit()
    return space


@transactions.retried
def edit(
    actor, slug: str, values: dict, *, archived: bool | None = None, private: bool | None = None
) -> Space:
    """Change any of the category's FIELDS that `values` holds, archive it or open it again
    when `archived` says so, and make it private or public when `private` does. Raises:
    NotFound, Forbidden, Invalid, Conflict (the new slug is taken)."""
    space = get_category(slug)
    permissions.require(permissions.can_manage_categories(actor))
    cleaned = clean(values)
    before = snapshot(space)
    new_slug = cleaned.get("slug", space.slug)
    if new_slug != space.slug:
        _claim_slug(new_slug, space)
        db.session.add(SpaceSlugRedirect(old_slug=space.slug, space_id=space.id))
    for name, value in cleaned.items():
        setattr(space, name, value)
    if archived is not None and archived != space.is_archived:
        space.archived_at = utcnow() if archived else None
    if private is not None and private != space.is_private:
        _set_private(space, private, before)
    after = snapshot(space)
    if after == before:
        return space
    audit.record(
        actor,
        "category.edit",
        "category",
        space.id,
        target_label=space.name,
        before=before,
        after=after,
    )
    db.session.commit()
    return space


def _set_private(space: Space, private: bool, before: dict) -> None:
    """Made public, a category lets go of the teams that read it (the log keeps which), so
    that making it private again opens it to nobody before teams are chosen anew."""
    if not private:
        readers = [team.slug for team in team_queries.readers_of(space.id)]
        if readers:
            before["read_by"] = readers
        team_cleanup.forget_readers(space.id)
    space.is_private = private


@transactions.retried
def move(actor, slug: str, offset: int) -> bool:
    """Move a category one place up (-1) or down (+1) in the list, swapping places with its
    neighbour; False when it is first or last already. Raises: NotFound, Forbidden."""
    space = get_category(slug)
    permissions.require(permissions.can_manage_categories(actor))
    if offset not in (-1, 1):
        raise Invalid(_("Move one place up or down."))
    transactions.lock_name(ORDER_LOCK)  # held to the commit: no other order change between
    _renumber()
    here = db.session.scalar(select(Space.position).where(Space.id == space.id))
    there = here + offset
    # Both rows change in one statement, each by the position it has (a CASE on the row's own
    # values: SQLite would see the first row's new position in a subquery for the second).
    moved = db.session.execute(
        update(Space)
        .where(_is_category(), Space.position.in_((here, there)))
        .values(position=case((Space.position == here, there), else_=here))
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != 2:
        db.session.rollback()
        return False
    db.session.refresh(space)
    audit.record(
        actor,
        "category.move",
        "category",
        space.id,
        target_label=space.name,
        before={"position": space.position - offset},
        after={"position": space.position},
    )
    db.session.commit()
    return True


def _renumber() -> None:
    """Number the categories 0, 1, 2, ... in their shown order, in one statement (a delete
    leaves a gap, and two categories created at once may share a place)."""
    ranked = (
        select(
            Space.id,
            (func.row_number().over(order_by=(Space.position, Space.name, Space.id)) - 1).label(
                "place"
            ),
        )
        .where(_is_category())
        .subquery()
    )
    db.session.execute(
        update(Space)
        .where(Space.id == ranked.c.id, Space.position != ranked.c.place)
        .values(position=ranked.c.place)
        .execution_options(synchronize_session=False)
    )


@transactions.retried
def set_archived(actor, slug: str, archived: bool) -> Space:
    """Archive a category (read-only: readable, no new topics or replies) or open it again.
    Raises: NotFound, Forbidden."""
    space = get_category(slug)
    permissions.require(permissions.can_manage_categories(actor))
    if space.is_archived == archived:
        return space
    space.archived_at = utcnow() if archived else None
    audit.record(
        actor,
        "category.archive" if archived else "category.unarchive",
        "category",
        space.id,
        target_label=space.name,
        before={"archived": not archived},
        after={"archived": archived},
    )
    db.session.commit()
    return space


def contents(space: Space) -> tuple[int, int]:
    """How many topics and FAQ entries the category holds."""
    topics = select(func.count(Topic.id)).where(Topic.space_id == space.id).scalar_subquery()
    entries = select(func.count(FaqEntry.id)).where(FaqEntry.space_id == space.id)
    return tuple(db.session.execute(select(topics, entries.scalar_subquery())).one())


@transactions.retried
def remove(actor, slug: str, move_to: str | None = None) -> int:
    """Delete a category. One that holds topics or FAQ entries is deleted only together with
    moving them to `move_to`, whose address the deleted one's old addresses then lead to.
    Returns how many topics moved. Raises: NotFound, Forbidden, Conflict (not empty and
    nowhere to move), Invalid (`move_to` is no other category)."""
    space = get_category(slug)
    permissions.require(permissions.can_manage_categories(actor))
    target = _move_target(space, move_to) if move_to else None
    topic_count, entry_count = contents(space)
    if (topic_count or entry_count) and target is None:
        raise Conflict(
            _(
                "“%(name)s” still holds %(topics)d topics and %(entries)d FAQ entries: "
                "choose a category to move them to.",
                name=space.name,
                topics=topic_count,
                entries=entry_count,
            ),
            {"move_to": _("Choose where its topics go.")},
        )
    before = {**snapshot(space), "topics": topic_count, "faq_entries": entry_count}
    moved = _move_contents(space, target) if target is not None else ([], [])
    _forget(space, target)
    label = space.name
    db.session.delete(space)
    after = {"moved_to": target.slug} if target is not None else None
    audit.record(
        actor,
        "category.delete",
        "category",
        space.id,
        target_label=label,
        before=before,
        after=after,
    )
    db.session.commit()
    _announce(*moved)
    return topic_count


def _move_target(space: Space, slug: str) -> Space:
    """Raises: Invalid (no such category, or the one being deleted)."""
    try:
        target = get_category(slug)
    except NotFound:
        target = None
    if target is None or target.id == space.id:
        raise Invalid(
            _("Please correct the marked fields."),
            {"move_to": _("Choose another category to move the topics to.")},
        )
    return target


def _move_contents(space: Space, target: Space) -> tuple[list[int], list[FaqEntry]]:
    """Put the category's topics and FAQ entries into `target`; returns what moved."""
    topic_ids = list(db.session.scalars(select(Topic.id).where(Topic.space_id == space.id)))
    entries = list(db.session.scalars(select(FaqEntry).where(FaqEntry.space_id == space.id)))
    db.session.execute(
        update(Topic)
        .where(Topic.space_id == space.id)
        .values(space_id=target.id)
        .execution_options(synchronize_session=False)
    )
    faq.move_category_entries(space.id, target.id)
    return topic_ids, entries


def _announce(topic_ids: list[int], entries: list[FaqEntry]) -> None:
    """After the commit: the search index files the moved topics and entries anew."""
    if topic_ids:
        events.topics_moved.send(topic_ids)
    for entry in entries:
        events.faq_entry_changed.send(db.session.get(FaqEntry, entry.id))


def _forget(space: Space, target: Space | None) -> None:
    """What points at a category about to go: its followers' follows end; its slugs, old and
    current, lead to where its topics went, or nowhere; its teams and moderators let go of it.
    (Written out: SQLite does not cascade.)"""
    team_cleanup.forget_space(space.id)
    db.session.execute(
        delete(Follow).where(Follow.kind == FollowKind.SPACE.value, Follow.target_id == space.id)
    )
    redirects = SpaceSlugRedirect.space_id == space.id
    if target is None:
        db.session.execute(delete(SpaceSlugRedirect).where(redirects))
        return
    db.session.execute(update(SpaceSlugRedirect).where(redirects).values(space_id=target.id))
    db.session.add(SpaceSlugRedirect(old_slug=space.slug, space_id=target.id))
