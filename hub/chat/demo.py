"""Demo chat: two public rooms with some history and one member's private line."""

from datetime import timedelta

from sqlalchemy import update

from hub.chat import service as chat
from hub.chat.models import ChatMessage
from hub.core.columns import utcnow
from hub.core.extensions import db

ROOMS = [
    (
        "stoerungen-live",
        "Störungen live",
        "Outages as they happen: tell us what you see, our team answers here.",
        [
            ("markus_h", "Is anyone else offline in Köln-Ehrenfeld since 8:00?"),
            ("sabine_k", "Yes, DSL is down here too. The router's **DSL** light blinks."),
            ("jana_nordlicht", "Thanks for the reports! A fibre line was cut near Ehrenfeld; "
             "technicians are on site. We expect service back by 11:00."),
            ("markus_h", "Back online, thanks @jana_nordlicht!"),
        ],
    ),
    (
        "mobilfunk",
        "Mobilfunk",
        "Mobile network, SIM cards, roaming and data plans.",
        [
            ("tobi_rheinland", "Does roaming work in Switzerland with the basic plan?"),
            ("kai_nordlicht", "Switzerland is outside the EU roaming area: the basic plan "
             "charges per MB there. The *Travel* option covers it for 7 days."),
            ("ingrid_w", "I booked Travel last month, it worked fine in Zürich."),
        ],
    ),
]  # fmt: skip

PRIVATE = [
    ("sabine_k", "My invoice shows a line I did not order; may I send you my customer number?"),
    ("jana_nordlicht", "Of course; this conversation is only visible to you and our team."),
]


def add_rooms(people: dict) -> None:
    """Create the demo rooms with backdated history (the caller bypasses posting limits)."""
    admin = next(p for p in people.values() if p.role == "admin")
    start = utcnow() - timedelta(hours=3)
    for position, (slug, name, description, lines) in enumerate(ROOMS):
        room = chat.create_room(admin, slug, name, description, position=position)
        _write(room.slug, lines, people, start)
    if "sabine_k" in people:
        line = chat.open_private_line(people["sabine_k"])
        _write(line.slug, PRIVATE, people, start)


def _write(slug: str, lines, people: dict, start) -> None:
    for n, (username, body) in enumerate(lines):
        if username not in people:
            continue
        message = chat.post_message(people[username], slug, body)
        db.session.execute(
            update(ChatMessage)
            .where(ChatMessage.id == message.id)
            .values(created_at=start + timedelta(minutes=7 * n))
        )
    db.session.commit()
