"""Chat pages: the room list and a room. The page talks to the server over Socket.IO
(`static/js/chat.js`, `static/js/chat-actions.js`); these views render the first screen from
the database."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from hub.accounts.forms import EmptyForm
from hub.chat import publish, queries, rules
from hub.chat import service as chat
from hub.chat.models import BODY_MAX
from hub.core.errors import HubError

bp = Blueprint("chat", __name__, url_prefix="/chat")

HISTORY = 50  # messages the page shows at first; the rest is a scroll (or API page) away


@bp.get("/")
def index():
    rooms = queries.visible_rooms(current_user)
    return render_template(
        "chat/index.html",
        rooms=queries.rooms_json(current_user, rooms),
        form=EmptyForm(),
        can_open=rules.can_open_private_line(current_user),
        waiting={room.slug for room in rooms if room.waiting_since is not None},
    )


@bp.get("/<slug>")
def room(slug: str):
    try:
        room = chat.get_room(current_user, slug)
    except HubError:
        abort(404)
    messages = chat.latest_messages(current_user, slug, HISTORY)
    if messages:
        chat.mark_read(current_user, slug, messages[-1].id)
    me = current_user.id if current_user.is_authenticated else None
    return render_template(
        "chat/room.html",
        room=room,
        info=queries.rooms_json(current_user, [room])[0],
        messages=[publish.message_json(m, with_raw=m.author_id == me) for m in messages],
        may_write=rules.can_chat(current_user, room, chat.membership(room, current_user)),
        body_max=BODY_MAX,
        edit_seconds=int(rules.EDIT_WINDOW.total_seconds()),
        categories=queries.convert_categories(current_user, room),
        proposals=[publish.conversion_json(p) for p in queries.open_proposals(current_user, room)],
    )


@bp.post("/private")
@login_required
def open_private_line():
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        room = chat.open_private_line(current_user)
    except HubError as error:
        flash(error.message, "error")
        return redirect(url_for("chat.index"))
    return redirect(url_for("chat.room", slug=room.slug))
