"""FAQ writes: create, edit (with revisions), order, publish, promote a solved question, and
"was this helpful?" votes. The only code that writes the FAQ tables."""

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from hub import permissions
from hub.accounts.models import User
from hub.core import events, transactions
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid, NotFound
from hub.core.extensions import db
from hub.core.text import has_words, slugify
from hub.faq import rules
from hub.faq.models import ANSWER_MAX, QUESTION_MAX, FaqEntry, FaqRevision, FaqStatus, FaqVote
from hub.forums import service as forums
from hub.forums.models import Post, Space, SpaceKind


def get_entry(entry_id: int) -> FaqEntry:
    """Raises: NotFound."""
    entry = db.session.get(FaqEntry, entry_id)
    if entry is None:
        raise NotFound(_("There is no such FAQ entry."))
    return entry


def get_visible_entry(viewer, entry_id: int) -> FaqEntry:
    """The entry if the viewer may read it. Raises: NotFound (also for drafts and private
    categories, so their existence is not revealed)."""
    entry = get_entry(entry_id)
    if not rules.can_view_faq_entry(viewer, entry):
        raise NotFound(_("There is no such FAQ entry."))
    return entry


def _invalid(field: str, message: str) -> Invalid:
    return Invalid(_("Please correct the marked fields."), {field: message})


def _category(slug: str) -> Space:
    """Raises: Invalid (FAQ entries live in forum categories, not on walls)."""
    try:
        space = forums.get_space(slug or "")
    except NotFound:
        space = None
    if space is None or space.kind != SpaceKind.CATEGORY:
        raise _invalid("category", _("Choose a category."))
    return space


def _check(question: str, answer: str) -> tuple[str, str]:
    """Raises: Invalid."""
    question = " ".join((question or "").split())
    answer = (answer or "").strip()
    if not has_words(question, 5):
        raise _invalid("question", _("Ask the question in a few words (at least 5 letters)."))
    if len(question) > QUESTION_MAX:
        raise _invalid("question", _("At most %(n)d characters.", n=QUESTION_MAX))
    if not answer:
        raise _invalid("answer", _("Write the answer."))
    if len(answer) > ANSWER_MAX:
        raise _invalid("answer", _("At most %(n)d characters.", n=ANSWER_MAX))
    return question, answer


def _next_position(space_id: int) -> int:
    """The place after the category's last entry. The category's row is locked first, so two
    entries added at once take one place each instead of both the same one."""
    transactions.lock(Space, space_id)
    last = db.session.scalar(
        select(func.max(FaqEntry.position)).where(FaqEntry.space_id == space_id)
    )
    return (last or 0) + 1


def _changed(entry: FaqEntry) -> FaqEntry:
    db.session.commit()
    events.faq_entry_changed.send(entry)
    return entry


@transactions.retried
def create_entry(
    actor, category: str, question: str, answer: str, *, publish: bool = True
) -> FaqEntry:
    """A new entry at the end of its category, maintained by its author.

    Raises: Forbidden, Invalid."""
    permissions.require(rules.can_edit_faq(actor))
    space = _category(category)
    question, answer = _check(question, answer)
    now = utcnow()
    entry = FaqEntry(
        space_id=space.id,
        question=question,
        slug=slugify(question),
        answer_raw=answer,
        answer_html=forums.cook(answer),
        position=_next_position(space.id),
        status=(FaqStatus.PUBLISHED if publish else FaqStatus.DRAFT).value,
        maintainer_id=actor.id,
        created_at=now,
        updated_at=now,
        published_at=now if publish else None,
    )
    db.session.add(entry)
    return _changed(entry)


@transactions.retried
def edit_entry(
    actor,
    entry_id: int,
    question: str,
    answer: str,
    *,
    category: str | None = None,
    maintainer: str | None = None,
    reason: str = "",
) -> FaqEntry:
    """Change an entry, keeping its previous text as a revision.

    Raises: NotFound, Forbidden, Invalid."""
    entry = get_entry(entry_id)
    permissions.require(rules.can_edit_faq(actor))
    question, answer = _check(question, answer)
    space = _category(category) if category else entry.space
    new_maintainer = _maintainer(maintainer) if maintainer else entry.maintainer
    text_changed = question != entry.question or answer != entry.answer_raw
    if not text_changed and space.id == entry.space_id and new_maintainer is entry.maintainer:
        return entry
    if text_changed:
        db.session.add(
            FaqRevision(
                entry_id=entry.id,
                question=entry.question,
                answer_raw=entry.answer_raw,
                editor_id=actor.id,
                reason=(reason or "").strip()[:200],
            )
        )
        entry.question, entry.slug = question, slugify(question)
        entry.answer_raw, entry.answer_html = answer, forums.cook(answer)
    if space.id != entry.space_id:
        entry.space_id, entry.position = space.id, _next_position(space.id)
    entry.maintainer = new_maintainer
    entry.updated_at = utcnow()
    return _changed(entry)


def _maintainer(username: str) -> User:
    """Raises: Invalid (no such user, or not on the team)."""
    user = db.session.scalar(select(User).where(User.username_key == username.strip().lower()))
    if user is None or not user.is_staff:
        raise _invalid("maintainer", _("The maintainer must be a member of the team."))
    return user


def publish_entry(actor, entry_id: int) -> FaqEntry:
    """Raises: NotFound, Forbidden."""
    entry = get_entry(entry_id)
    permissions.require(rules.can_edit_faq(actor))
    if entry.is_published:
        return entry
    entry.status = FaqStatus.PUBLISHED.value
    entry.published_at = entry.updated_at = utcnow()
    return _changed(entry)


def unpublish_entry(actor, entry_id: int) -> FaqEntry:
    """Back to a draft, out of the FAQ pages and search. Raises: NotFound, Forbidden."""
    entry = get_entry(entry_id)
    permissions.require(rules.can_edit_faq(actor))
    if not entry.is_published:
        return entry
    entry.status = FaqStatus.DRAFT.value
    entry.updated_at = utcnow()
    return _changed(entry)


def _category_entries(space_id: int) -> list[FaqEntry]:
    stmt = (
        select(FaqEntry)
        .where(FaqEntry.space_id == space_id)
        .order_by(FaqEntry.position, FaqEntry.id)
    )
    return list(db.session.scalars(stmt))


def reorder_entries(actor, category: str, entry_ids: list[int]) -> list[FaqEntry]:
    """Put a category's entries in the given order (entries not named keep their order, after).

    Raises: Forbidden, Invalid."""
    permissions.require(rules.can_edit_faq(actor))
    space = _category(category)
    entries = _category_entries(space.id)
    by_id = {entry.id: entry for entry in entries}
    unknown = [i for i in entry_ids if i not in by_id]
    if unknown:
        ids = ", ".join(map(str, unknown))
        raise _invalid("entries", _("These entries are not in this category: %(ids)s", ids=ids))
    named = list(dict.fromkeys(entry_ids))
    ordered = [by_id[i] for i in named] + [e for e in entries if e.id not in set(named)]
    for position, entry in enumerate(ordered, start=1):
        entry.position = position
    db.session.commit()
    return ordered


def move_entry(actor, entry_id: int, offset: int) -> FaqEntry:
    """Move an entry up (-1) or down (+1) in its category. Raises: NotFound, Forbidden."""
    entry = get_entry(entry_id)
    permissions.require(rules.can_edit_faq(actor))
    entries = _category_entries(entry.space_id)
    index = entries.index(entry)
    target = max(0, min(len(entries) - 1, index + (1 if offset > 0 else -1)))
    entries.insert(target, entries.pop(index))
    for position, item in enumerate(entries, start=1):
        item.position = position
    db.session.commit()
    return entry


def promote_topic(actor, topic_id: int) -> FaqEntry:
    """Turn a solved question and its accepted answer into a draft entry linked to the thread.

    Raises: NotFound, Forbidden, Invalid (the accepted answer is hidden), Conflict (the thread
    is already in the FAQ)."""
    topic = forums.get_topic(topic_id)
    permissions.require(permissions.can_view_space(actor, topic.space))
    permissions.require(rules.can_promote_to_faq(actor, topic))
    existing = db.session.scalar(select(FaqEntry).where(FaqEntry.source_topic_id == topic.id))
    if existing is not None:
        raise Conflict(_("This question is already in the FAQ."), {"faq_entry": str(existing.id)})
    answer = db.session.get(Post, topic.accepted_post_id)
    if answer is None or answer.hidden_at is not None:
        raise _invalid("answer", _("The accepted answer is hidden; it cannot go into the FAQ."))
    now = utcnow()
    entry = FaqEntry(
        space_id=topic.space_id,
        question=topic.title[:QUESTION_MAX],
        slug=slugify(topic.title),
        answer_raw=answer.raw,
        answer_html=answer.html,
        position=_next_position(topic.space_id),
        status=FaqStatus.DRAFT.value,
        maintainer_id=actor.id,
        source_topic_id=topic.id,
        created_at=now,
        updated_at=now,
    )
    db.session.add(entry)
    return _changed(entry)


def vote_helpful(actor, entry_id: int, helpful: bool, *, session_key: str | None = None):
    """Record whether an entry helped: one answer per member, or per browser session for
    visitors; answering again changes the answer. Raises: NotFound, Invalid (no session)."""
    entry = get_visible_entry(actor, entry_id)
    if not entry.is_published:
        raise NotFound(_("There is no such FAQ entry."))
    member = actor if getattr(actor, "is_authenticated", False) else None
    if member is None and not session_key:
        raise Invalid(_("Your browser must accept cookies to vote."), {"session": "missing"})
    owner = FaqVote.user_id == member.id if member else FaqVote.session_key == session_key[:64]
    vote = db.session.scalar(select(FaqVote).where(FaqVote.entry_id == entry.id, owner))
    if vote is not None and vote.helpful == helpful:
        return entry
    if vote is None:
        vote = FaqVote(
            entry_id=entry.id,
            user_id=member.id if member else None,
            session_key=None if member else session_key[:64],
            helpful=helpful,
        )
        db.session.add(vote)
    else:
        vote.helpful = helpful
    try:
        db.session.flush()
    except IntegrityError:  # the same person voted twice at once: the first vote counts
        db.session.rollback()
        return get_entry(entry_id)
    _recount(entry)
    db.session.commit()
    return entry


def _recount(entry: FaqEntry) -> None:
    # Counted from the votes after locking the entry: a concurrent vote's count then waits for
    # ours to commit and includes it (without the lock, PostgreSQL counted in a snapshot that
    # missed the other's vote, and one of two simultaneous votes went uncounted).
    transactions.lock(FaqEntry, entry.id)

    def count(helpful: bool):
        return (
            select(func.count(FaqVote.id))
            .where(FaqVote.entry_id == entry.id, FaqVote.helpful.is_(helpful))
            .scalar_subquery()
        )

    # Through the ORM, so the page cache outdates the FAQ pages only.
    entry.helpful_yes, entry.helpful_no = count(True), count(False)


def revisions(entry: FaqEntry) -> list[FaqRevision]:
    stmt = select(FaqRevision).where(FaqRevision.entry_id == entry.id).order_by(FaqRevision.id)
    return list(db.session.scalars(stmt))


def move_category_entries(source_id: int, target_id: int) -> int:
    """Move every entry of a category that is about to go into another, after that one's own
    entries (a category's delete moves them first; its caller commits). Returns how many."""
    after = _next_position(target_id)  # locks the target's row: no entry is added meanwhile
    result = db.session.execute(
        update(FaqEntry)
        .where(FaqEntry.space_id == source_id)
        .values(space_id=target_id, position=FaqEntry.position + after)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
