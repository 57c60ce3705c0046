"""An account whose token the network refused: parked until an admin connects it again.

The first job to meet the refusal starts an incident (a conditional update, so two workers
meeting it at once start one) and tells every admin once, in the bell and by mail. Deliveries
of the account wait as "pending" with a "needs reconnect" note and go out after the reconnect.
"""

from flask_babel import gettext as _
from sqlalchemy import select, update

from hub.accounts.models import Role, User
from hub.core.columns import utcnow
from hub.core.extensions import db
from hub.crosspost.models import AccountState, SpokeAccount
from hub.notifications.direct import notify
from hub.notifications.models import Kind

ADMIN_PAGE = "/admin/spokes"


def mark_needs_reconnect(account: SpokeAccount, error: str) -> bool:
    """Park the account (no commit); True when this started the incident and told the admins."""
    now = utcnow()
    started = db.session.execute(
        update(SpokeAccount)
        .where(SpokeAccount.id == account.id, SpokeAccount.state == AccountState.OK)
        .values(state=AccountState.NEEDS_RECONNECT.value, reconnect_since=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(account)
    if started:
        _tell_admins(account, error)
    return bool(started)


def _tell_admins(account: SpokeAccount, error: str) -> None:
    admins = db.session.scalars(select(User.id).where(User.role == Role.ADMIN.value))
    text = _(
        "%(name)s (%(network)s) needs to be connected again; its posts wait until then. %(error)s",
        name=account.name,
        network=account.network,
        error=error,
    )
    since = account.reconnect_since or utcnow()
    notify(
        list(admins),
        Kind.SPOKE_RECONNECT,
        path=ADMIN_PAGE,
        text=text,
        ref=f"spoke-reconnect:{account.id}:{since.isoformat()}",
    )
