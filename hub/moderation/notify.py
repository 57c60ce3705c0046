"""Telling people about moderation: the `notify.moderation` job and its mails.

The moderation service enqueues one job per person and event in its own transaction; the worker
renders the mail in the person's language and sends it through the outbox. These are service
messages about the member's own posts, account or reports, so they ignore the notification
e-mail choices (which are about community activity), but like those they only go to confirmed
addresses.
"""

from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from hub.accounts.models import User
from hub.core.extensions import db
from hub.forums.models import Post
from hub.moderation.models import Appeal, Flag, ModerationAction, TargetType, is_indefinite
from hub.notifications import direct, links
from hub.notifications.models import Kind
from hub.outbox import jobs, mail

KIND = "notify.moderation"

EVENTS = (
    "report_handled",  # to a reporter: flag_id
    "post_hidden",  # to the author: action_id (also automatic hides)
    "post_restored",
    "post_approved",
    "post_edited",
    "post_deleted",
    "suspended",  # to the member: action_id
    "silenced",
    "lifted",
    "appeal_decided",  # to the appellant: appeal_id
)


def enqueue(event: str, user_id: int, **ids: int) -> None:
    """Queue a notice in the caller's transaction; the same event for the same row and person
    is queued once."""
    if event not in EVENTS:
        raise ValueError(f"unknown moderation event {event!r}")
    suffix = ":".join(f"{name}={value}" for name, value in sorted(ids.items()))
    jobs.enqueue(
        KIND,
        {"event": event, "user_id": user_id, **ids},
        key=f"notify:moderation:{event}:{user_id}:{suffix}",
    )


@jobs.handler(KIND)
def deliver(payload: dict) -> None:
    """Ring the member's bell and, to a confirmed address, send the mail."""
    user = db.session.get(User, payload["user_id"])
    if user is None:
        return
    with force_locale(_language(user)):
        text, link = describe(payload)
        if not text:
            return
        _ring(user, payload, text, link)
        if user.email_confirmed_at is None:
            db.session.commit()
            return
        mail.send(
            user.email,
            _("A note from the moderators of %(site)s", site=current_app.config["SITE_NAME"]),
            "moderation/mail/notice.txt",
            key=_mail_key(payload),
            user=user,
            text=text,
            link=link,
        )
    db.session.commit()


def _ring(user: User, payload: dict, text: str, link: str) -> None:
    """The bell, without a second mail: this job sends its own, whatever the member's choices."""
    parts = urlsplit(link)
    path = parts.path + (f"#{parts.fragment}" if parts.fragment else "")
    ref = _mail_key(payload)[:120]
    direct.notify([user.id], Kind.MODERATION, path=path, text=text, ref=ref, mail=False)


def _mail_key(payload: dict) -> str:
    ids = ":".join(f"{k}={v}" for k, v in sorted(payload.items()) if k not in ("event", "user_id"))
    return f"moderation:{payload['event']}:{payload['user_id']}:{ids}"


def _language(user: User) -> str:
    languages = current_app.config["LANGUAGES"]
    return user.locale if user.locale in languages else languages[0]


def _post_link(post: Post) -> str:
    return links.post_permalink(post.topic_id, post.number, external=True)


def describe(payload: dict) -> tuple[str, str]:
    """(text, link) of a notice, in the current language; ("", "") if its rows are gone."""
    event = payload["event"]
    if event == "report_handled":
        return _report_handled(payload["flag_id"])
    if event == "appeal_decided":
        return _appeal_decided(payload["appeal_id"])
    action = db.session.get(ModerationAction, payload["action_id"])
    if action is None:
        return "", ""
    if action.target_type == TargetType.POST:
        post = db.session.get(Post, action.target_id)
        return (_post_text(event, action, post), _post_link(post)) if post else ("", "")
    return _account_text(event, action), links.absolute("moderation.my_decisions")


def _post_text(event: str, action: ModerationAction, post: Post) -> str:
    topic, reason = post.topic.title, action.public_reason
    match event:
        case "post_hidden":
            return _(
                "Your post in “%(topic)s” is hidden: %(reason)s. You can still see and edit it."
                " If you think this is wrong, you can appeal once from your moderation page.",
                topic=topic,
                reason=reason,
            )
        case "post_restored":
            return _("Your post in “%(topic)s” is visible again.", topic=topic)
        case "post_approved":
            return _("Your post in “%(topic)s” is approved and visible to everyone.", topic=topic)
        case "post_edited":
            return _(
                "A moderator edited your post in “%(topic)s”: %(reason)s",
                topic=topic,
                reason=reason,
            )
        case "post_deleted":
            return _("Your post in “%(topic)s” was %(reason)s.", topic=topic, reason=reason)
    return ""


def _account_text(event: str, action: ModerationAction) -> str:
    match event:
        case "suspended":
            return _(
                "Your account is suspended (%(until)s): %(reason)s. You can still read. If you"
                " think this is wrong, you can appeal once from your moderation page.",
                until=_until(action),
                reason=action.public_reason,
            )
        case "silenced":
            return _(
                "Your account is read-only for now (%(until)s). %(reason)s",
                until=_until(action),
                reason=action.public_reason,
            )
        case "lifted":
            return _("The restrictions on your account are lifted. Welcome back.")
    return ""


def _until(action: ModerationAction) -> str:
    if action.until is None or is_indefinite(action.until):
        return _("until a moderator lifts it")
    return _("until %(date)s", date=action.until.strftime("%Y-%m-%d %H:%M UTC"))


def _report_handled(flag_id: int) -> tuple[str, str]:
    flag = db.session.get(Flag, flag_id)
    if flag is None:
        return "", ""
    if flag.status == "dismissed":
        text = _(
            "Thank you for your report. A moderator reviewed it and decided that no action"
            " was needed."
        )
    else:
        text = _("Thank you for your report. A moderator reviewed it and took action.")
    if flag.target_type == TargetType.POST:
        post = db.session.get(Post, flag.target_id)
        return text, _post_link(post) if post else links.absolute("forums.home")
    return text, links.absolute("forums.home")


def _appeal_decided(appeal_id: int) -> tuple[str, str]:
    appeal = db.session.get(Appeal, appeal_id)
    if appeal is None:
        return "", ""
    if appeal.status == "overturned":
        text = _(
            "Your appeal was accepted and the decision undone: %(reason)s",
            reason=appeal.outcome_reason,
        )
    else:
        text = _(
            "Your appeal was reviewed by another moderator; the decision stands: %(reason)s",
            reason=appeal.outcome_reason,
        )
    return text, links.absolute("moderation.my_decisions")
