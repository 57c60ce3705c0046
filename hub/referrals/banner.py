"""The newcomer banner: a visitor who arrived through `/go/<code>` is told what this community is
and offered to sign up with the network they came from, another enabled provider, or e-mail."""

from dataclasses import dataclass

from flask import Flask, request
from flask_login import current_user
from sqlalchemy import select

from hub.accounts import social_providers
from hub.core.extensions import db
from hub.crosspost.models import SpokeAccount, TrackedLink
from hub.referrals import arrival

# Pages where the banner would only repeat what the page itself offers.
QUIET_BLUEPRINTS = frozenset({"accounts", "social"})
PROVIDER_OF_NETWORK = {"mastodon": "mastodon", "x": "x", "facebook": "facebook"}


@dataclass(frozen=True)
class Banner:
    network: str  # the spoke's network ("" for a link without an account)
    network_label: str
    provider: str  # the sign-in provider of that network, if enabled; else ""
    others: tuple[str, ...]  # the other enabled providers, in button order
    landing: str  # the path the link led to, for coming back after signing up


def newcomer_banner() -> Banner | None:
    """The banner for this request, or None (members, dismissed, no `/go/` arrival)."""
    if current_user.is_authenticated or request.blueprint in QUIET_BLUEPRINTS:
        return None
    code = arrival.banner_code(request.cookies)
    if code is None:
        return None
    row = db.session.execute(
        select(TrackedLink.target_path, SpokeAccount.network)
        .outerjoin(SpokeAccount, SpokeAccount.id == TrackedLink.account_id)
        .where(TrackedLink.code == code)
    ).first()
    if row is None:
        return None
    landing, network = row[0], row[1] or ""
    enabled = social_providers.enabled()
    provider = PROVIDER_OF_NETWORK.get(network, "")
    provider = provider if provider in enabled else ""
    return Banner(
        network=network,
        network_label=social_providers.label(network) if network else "",
        provider=provider,
        others=tuple(name for name in enabled if name != provider),
        landing=landing,
    )


def init_app(app: Flask) -> None:
    @app.context_processor
    def banner_helper():
        return {"newcomer_banner": newcomer_banner}
