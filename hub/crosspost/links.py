"""Tracked hub links: `/go/<code>` counts a click and redirects to a hub path, nothing else."""

import secrets

from flask import Blueprint, redirect, request
from sqlalchemy import select, update

from hub.core.errors import NotFound
from hub.core.extensions import db
from hub.crosspost.models import TrackedLink
from hub.referrals import arrival, visitors

bp = Blueprint("crosspost_links", __name__)

CODE_BYTES = 6  # 8 URL-safe characters: short in a post, unguessable enough to not enumerate


def is_hub_path(path: str) -> bool:
    """A path on this hub: starts with one "/", no scheme, host, backslash or control character.

    `//evil.example` and `/\\evil.example` are read by browsers as another host.
    """
    return (
        path.startswith("/")
        and not path.startswith(("//", "/\\"))
        and "\\" not in path
        and not any(ord(char) < 32 or ord(char) == 127 for char in path)
    )


def link_for(content_type: str, content_id: int, account_id: int | None, path: str) -> TrackedLink:
    """The link for (content, account), created in the caller's transaction if new.

    Raises: ValueError for a target that is not a hub path.
    """
    if not is_hub_path(path):
        raise ValueError(f"not a hub path: {path!r}")
    link = db.session.scalar(
        select(TrackedLink).where(
            TrackedLink.content_type == content_type,
            TrackedLink.content_id == content_id,
            TrackedLink.account_id == account_id,
        )
    )
    if link is None:
        link = TrackedLink(
            code=secrets.token_urlsafe(CODE_BYTES),
            content_type=content_type,
            content_id=content_id,
            account_id=account_id,
            target_path=path,
        )
        db.session.add(link)
        db.session.flush()
    return link


@bp.get("/go/<code>")
def follow(code: str):
    """Count the click and the day's unique visitor (a salted hash: no IP, no user agent
    stored) and redirect 302 to the hub page."""
    link = db.session.scalar(select(TrackedLink).where(TrackedLink.code == code))
    if link is None or not is_hub_path(link.target_path):
        raise NotFound("There is no such link.")
    db.session.execute(
        update(TrackedLink)
        .where(TrackedLink.id == link.id)
        .values(clicks=TrackedLink.clicks + 1)  # in SQL, so concurrent clicks all count
        .execution_options(synchronize_session=False)
    )
    visitors.record_click(link.id, request.remote_addr, request.headers.get("User-Agent", ""))
    db.session.commit()
    # Remembered for this browser session only, so a sign-up can be attributed to the spoke.
    return arrival.remember(redirect(link.target_path, 302), code)
