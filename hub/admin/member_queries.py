"""What the members pages read: the filtered, paginated list and one member's details.

The list costs a fixed number of queries whatever the page holds: its count, its rows, and
the sign-in providers of the rows' members in one more.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from hub import permissions
from hub.accounts import social_providers
from hub.accounts.models import ApiToken, AuthSession, Role, SocialIdentity, User
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.core.pagination import Page
from hub.crosspost.models import SpokeAccount
from hub.referrals.models import Referral

PER_PAGE = 50
STATES = ("suspended", "silenced", "unconfirmed")
SORTS = ("newest", "name")
SPOKE_NETWORKS = ("mastodon", "x", "facebook")  # sign-in providers that are also spokes
_LIKE_ESCAPE = "\\"


@dataclass(frozen=True)
class MemberFilter:
    """The list's search and filters; every field empty means everyone, newest first."""

    q: str = ""
    role: str = ""
    state: str = ""
    joined_from: date | None = None
    joined_to: date | None = None
    sort: str = "newest"

    def args(self) -> dict[str, str]:
        """The filter as query-string arguments (empty ones left out), for page links."""
        values = {
            "q": self.q,
            "role": self.role,
            "state": self.state,
            "joined_from": self.joined_from.isoformat() if self.joined_from else "",
            "joined_to": self.joined_to.isoformat() if self.joined_to else "",
            "sort": "" if self.sort == "newest" else self.sort,
        }
        return {key: value for key, value in values.items() if value}


def parse_filter(args: Mapping[str, str]) -> tuple[MemberFilter, dict[str, str]]:
    """A filter from query arguments, and the problems of those that made no sense (which
    are left out of the filter, so the page still lists something)."""
    problems: dict[str, str] = {}
    role = (args.get("role") or "").strip()
    if role and role not in Role.__members__.values():
        problems["role"] = _("Choose one of the roles.")
        role = ""
    state = (args.get("state") or "").strip()
    if state and state not in STATES:
        problems["state"] = _("Choose one of the states.")
        state = ""
    sort = (args.get("sort") or "newest").strip()
    if sort not in SORTS:
        problems["sort"] = _("Choose newest first or by name.")
        sort = "newest"
    joined = {}
    for name in ("joined_from", "joined_to"):
        joined[name] = _date(args.get(name), name, problems)
    if (
        joined["joined_from"]
        and joined["joined_to"]
        and joined["joined_from"] > joined["joined_to"]
    ):
        problems["joined_to"] = _("The end comes before the start.")
        joined["joined_to"] = None
    q = (args.get("q") or "").strip()[:100]
    return MemberFilter(q, role, state, sort=sort, **joined), problems


def _date(raw: str | None, name: str, problems: dict[str, str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        problems[name] = _("A date like 2026-01-31.")
        return None


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _search(stmt, q: str, by_email: bool):
    """Names (and addresses, for those who may see them) containing `q`, in any case.

    The keys are stored lower-cased, so they compare with the lower-cased text on every
    database; display names go through ILIKE.
    """
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    matches = [
        User.username_key.like(pattern.lower(), escape=_LIKE_ESCAPE),
        User.display_name.ilike(pattern, escape=_LIKE_ESCAPE),
    ]
    if by_email:
        matches.append(User.email_key.like(pattern.lower(), escape=_LIKE_ESCAPE))
    return stmt.where(or_(*matches))


def _in_state(stmt, state: str, now: datetime):
    if state == "suspended":
        return stmt.where(User.suspended_until > now)
    if state == "silenced":
        return stmt.where(User.silenced_until > now)
    if state == "unconfirmed":
        return stmt.where(User.email_confirmed_at.is_(None))
    return stmt


def filtered(viewer, chosen: MemberFilter, now: datetime | None = None):
    """The select of the members `chosen` picks; only admins search by e-mail address."""
    stmt = select(User)
    if chosen.q:
        stmt = _search(stmt, chosen.q, bool(permissions.can_manage_members(viewer)))
    if chosen.role:
        stmt = stmt.where(User.role == chosen.role)
    stmt = _in_state(stmt, chosen.state, now or utcnow())
    if chosen.joined_from:
        stmt = stmt.where(User.created_at >= _start_of(chosen.joined_from))
    if chosen.joined_to:  # the whole last day counts
        stmt = stmt.where(User.created_at < _start_of(chosen.joined_to + timedelta(days=1)))
    return stmt


@dataclass
class MemberRow:
    user: User
    providers: list[str] = field(default_factory=list)  # provider names, in button order


def list_members(viewer, chosen: MemberFilter, page: int = 1, per_page: int | None = None):
    """One page of members, with their sign-in providers: three queries."""
    per_page = per_page or PER_PAGE
    stmt = filtered(viewer, chosen)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    if chosen.sort == "name":
        stmt = stmt.order_by(User.username_key)
    else:
        stmt = stmt.order_by(User.created_at.desc(), User.id.desc())
    users = list(db.session.scalars(stmt.offset((page - 1) * per_page).limit(per_page)))
    providers = providers_of([user.id for user in users])
    rows = [MemberRow(user, providers.get(user.id, [])) for user in users]
    return Page(rows, page, per_page, total)


def providers_of(user_ids: list[int]) -> dict[int, list[str]]:
    """Each member's sign-in providers, in one query (none for no members)."""
    found: dict[int, set[str]] = {}
    if user_ids:
        stmt = select(SocialIdentity.user_id, SocialIdentity.provider).where(
            SocialIdentity.user_id.in_(user_ids)
        )
        for user_id, provider in db.session.execute(stmt):
            found.setdefault(user_id, set()).add(provider)
    order = social_providers.PROVIDERS
    return {
        user_id: sorted(names, key=lambda n: order.index(n) if n in order else len(order))
        for user_id, names in found.items()
    }


@dataclass
class MemberDetails:
    """What the member page shows besides the user row itself."""

    identities: list[SocialIdentity]
    spoke_identities: list[SocialIdentity]
    arrived_through: SpokeAccount | None
    open_sessions: int
    latest_sign_in: datetime | None
    api_last_used: datetime | None


def member_details(person: User) -> MemberDetails:
    identities = list(
        db.session.scalars(
            select(SocialIdentity)
            .where(SocialIdentity.user_id == person.id)
            .order_by(SocialIdentity.created_at, SocialIdentity.id)
        )
    )
    sessions = db.session.execute(
        select(func.count(AuthSession.id), func.max(AuthSession.created_at)).where(
            AuthSession.user_id == person.id
        )
    ).one()
    api_used = db.session.scalar(
        select(func.max(ApiToken.last_used_at)).where(ApiToken.user_id == person.id)
    )
    arrived = db.session.scalar(
        select(SpokeAccount)
        .join(Referral, Referral.account_id == SpokeAccount.id)
        .where(Referral.user_id == person.id)
    )
    return MemberDetails(
        identities=identities,
        spoke_identities=[i for i in identities if i.provider in SPOKE_NETWORKS],
        arrived_through=arrived,
        open_sessions=sessions[0] or 0,
        latest_sign_in=_aware(sessions[1]),
        api_last_used=_aware(api_used),
    )


def _aware(moment: datetime | None) -> datetime | None:
    """An aggregate's time (max() comes back naive on SQLite), in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)
