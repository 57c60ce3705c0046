"""Writing and reading the audit log. Every admin change calls `record` in the transaction that
makes the change, so the log and the change commit together or not at all."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from hub.admin.models import AuditEntry
from hub.core.extensions import db

LOG_PAGE = 50

# Action code -> its label in the log; each section registers its own (`describe`).
_LABELS: dict[str, object] = {}


def describe(action: str, label) -> None:
    """Give an action code its (lazy, translated) label for the log page."""
    _LABELS[action] = label


def label(action: str) -> str:
    return str(_LABELS.get(action, action))


def record(
    actor,
    action: str,
    target_type: str,
    target_id: object = "",
    *,
    target_label: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Add an entry for a change (not committed: the caller commits it with the change).

    Only the fields whose values differ are kept, so an edit that changed the colour logs the
    colour and nothing else.
    """
    before, after = _differences(before, after)
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        target_label=target_label[:200],
        before=before,
        after=after,
        reason=reason[:500],
    )
    db.session.add(entry)
    return entry


def _differences(before, after):
    if before is None or after is None:
        return before, after
    changed = [key for key in {*before, *after} if before.get(key) != after.get(key)]
    return (
        {key: before.get(key) for key in sorted(changed)},
        {key: after.get(key) for key in sorted(changed)},
    )


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any


def changes(entry: AuditEntry) -> list[Change]:
    """An entry's fields with their old and new value, for the log page."""
    before, after = entry.before or {}, entry.after or {}
    return [Change(key, before.get(key), after.get(key)) for key in sorted({*before, *after})]


def log_page(before: int | None = None, target_type: str | None = None, limit: int = LOG_PAGE):
    """Entries newest first; returns (entries, cursor of the next page or None)."""
    stmt = (
        select(AuditEntry)
        .options(joinedload(AuditEntry.actor))
        .order_by(AuditEntry.id.desc())
        .limit(limit + 1)
    )
    if before is not None:
        stmt = stmt.where(AuditEntry.id < before)
    if target_type:
        stmt = stmt.where(AuditEntry.target_type == target_type)
    entries = list(db.session.scalars(stmt))
    more = len(entries) > limit
    entries = entries[:limit]
    return entries, (entries[-1].id if more else None)


def target_types() -> list[str]:
    """The kinds of target the log holds, for its filter."""
    stmt = select(AuditEntry.target_type).distinct().order_by(AuditEntry.target_type)
    return list(db.session.scalars(stmt))
