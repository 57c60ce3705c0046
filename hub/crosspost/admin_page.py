"""The admin page `/admin/spokes` as rendered: accounts, the connect forms, category rules,
announcements and deliveries. Shared by the page's own views and the OAuth connect views,
which show it again with a failed form."""

from flask import render_template, request
from sqlalchemy import select

from hub.accounts.forms import EmptyForm
from hub.core.extensions import db
from hub.crosspost import announcements, contents
from hub.crosspost import service as crosspost
from hub.crosspost.forms import (
    AnnouncementsForm,
    ConnectAccountForm,
    ConnectFacebookForm,
    ConnectMastodonForm,
    ConnectXForm,
    RuleForm,
)
from hub.crosspost.models import DELIVERY_STATUSES, RuleMode
from hub.forums.models import Space, SpaceKind


def status_filter() -> str | None:
    status = request.args.get("status") or None
    return status if status in DELIVERY_STATUSES else None


def render(
    connect_form: ConnectAccountForm | None = None,
    status_code: int = 200,
    connect_x_form: ConnectXForm | None = None,
    connect_facebook_form: ConnectFacebookForm | None = None,
    connect_mastodon_form: ConnectMastodonForm | None = None,
):
    """The page, with the forms given (a form that failed, with its errors) in place of
    blank ones; `status_code` goes with it (400 for a failed form)."""
    status = status_filter()
    rules = crosspost.rules_by_space()
    categories = list(
        db.session.scalars(
            select(Space).where(Space.kind == SpaceKind.CATEGORY).order_by(Space.position, Space.id)
        )
    )
    rule_forms = {}
    for space in categories:
        rule = rules.get(space.id)
        form = RuleForm(prefix=f"rule-{space.id}", formdata=None)
        form.mode.data = rule.mode if rule else RuleMode.NOTHING.value
        form.hashtags.data = rule.hashtags if rule else ""
        rule_forms[space.id] = form
    deliveries = crosspost.list_deliveries(status)
    announcements_form = AnnouncementsForm(formdata=None)
    announcements_form.enabled.data = announcements.announcements_enabled()
    accounts = crosspost.list_accounts()
    return render_template(
        "crosspost/admin.html",
        accounts=accounts,
        unreadable=[account for account in accounts if not account.tokens_readable],
        deliveries=deliveries,
        described=_described(deliveries),
        announcements_form=announcements_form,
        connect_x_form=connect_x_form or ConnectXForm(prefix="x", formdata=None),
        connect_mastodon_form=connect_mastodon_form
        or ConnectMastodonForm(prefix="mastodon", formdata=None),
        connect_facebook_form=connect_facebook_form
        or ConnectFacebookForm(prefix="facebook", formdata=None),
        categories=categories,
        rule_forms=rule_forms,
        connect_form=connect_form or ConnectAccountForm(formdata=None),
        button_form=EmptyForm(),
        status=status,
        statuses=DELIVERY_STATUSES,
    ), status_code


def _described(deliveries) -> dict[tuple[str, int], contents.Content | None]:
    """What each delivery carries, looked up once per piece of content."""
    keys = {(d.content_type, d.content_id) for d in deliveries}
    return {key: _describe_or_none(*key) for key in keys}


def _describe_or_none(content_type: str, content_id: int) -> contents.Content | None:
    try:
        return contents.describe(content_type, content_id)
    except KeyError:  # a type no longer registered: shown as gone, not a crash
        return None
