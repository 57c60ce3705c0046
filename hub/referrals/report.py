"""The monthly report per spoke account: cross-posts, clicks, unique visitors, registrations,
their first posts, and inbox replies answered. One grouped query per figure, whatever the number
of accounts."""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from hub.core.errors import Invalid
from hub.core.extensions import db
from hub.crosspost.models import Delivery, DeliveryStatus, SpokeAccount, TrackedLink
from hub.referrals.models import LinkDay, Referral
from hub.spoke_inbox.models import InboxItem, ItemStatus

FIGURES = ("crossposts", "clicks", "visitors", "registrations", "first_posts", "answered")


@dataclass
class Row:
    account: SpokeAccount
    figures: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str | None, today: datetime) -> "Month":
        """`2026-11`, or this month when empty. Raises: Invalid."""
        if not text:
            return cls(today.year, today.month)
        try:
            moment = datetime.strptime(text, "%Y-%m")
        except ValueError:
            raise Invalid(_("Choose a month like 2026-11."), {"month": text}) from None
        return cls(moment.year, moment.month)

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.month, 1, tzinfo=UTC)

    @property
    def end(self) -> datetime:
        nxt = (self.year + 1, 1) if self.month == 12 else (self.year, self.month + 1)
        return datetime(*nxt, 1, tzinfo=UTC)

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def shifted(self, months: int) -> "Month":
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)


def monthly(month: Month) -> list[Row]:
    """One row per spoke account (demo accounts included: they are labelled on the page)."""
    rows = {
        account.id: Row(account)
        for account in db.session.scalars(select(SpokeAccount).order_by(SpokeAccount.id))
    }
    for figure, counts in _figures(month).items():
        for account_id, count in counts:
            if account_id in rows:
                rows[account_id].figures[figure] = int(count or 0)
    return list(rows.values())


def _figures(month: Month) -> dict[str, list]:
    start, end = month.start, month.end
    first_day, last_day = start.date().isoformat(), end.date().isoformat()
    crossposts = (
        select(Delivery.account_id, func.count())
        .where(
            Delivery.parent_id.is_(None),  # posts of their own, not our replies under them
            Delivery.status == DeliveryStatus.DELIVERED,
            Delivery.delivered_at >= start,
            Delivery.delivered_at < end,
        )
        .group_by(Delivery.account_id)
    )
    traffic = (
        select(TrackedLink.account_id, func.sum(LinkDay.clicks), func.sum(LinkDay.visitors))
        .join(TrackedLink, TrackedLink.id == LinkDay.link_id)
        .where(LinkDay.day >= first_day, LinkDay.day < last_day)
        .group_by(TrackedLink.account_id)
    )
    joined = (
        select(Referral.account_id, func.count(), func.count(Referral.first_post_id))
        .where(Referral.created_at >= start, Referral.created_at < end)
        .group_by(Referral.account_id)
    )
    answered = (
        select(InboxItem.account_id, func.count())
        .where(
            InboxItem.status == ItemStatus.ANSWERED,
            InboxItem.handled_at >= start,
            InboxItem.handled_at < end,
        )
        .group_by(InboxItem.account_id)
    )
    traffic_rows = db.session.execute(traffic).all()
    joined_rows = db.session.execute(joined).all()
    return {
        "crossposts": db.session.execute(crossposts).all(),
        "clicks": [(account, clicks) for account, clicks, _v in traffic_rows],
        "visitors": [(account, visitors) for account, _c, visitors in traffic_rows],
        "registrations": [(account, count) for account, count, _f in joined_rows],
        "first_posts": [(account, firsts) for account, _c, firsts in joined_rows],
        "answered": db.session.execute(answered).all(),
    }
