"""From chat to the community: an expert proposes to publish a member's chat question and its
answer as a forum question, and the member agrees or declines."""

from flask_babel import gettext as _

from hub import permissions
from hub.chat import publish, rooms, rules
from hub.chat.models import ChatConversion, ConversionStatus
from hub.core.columns import utcnow
from hub.core.errors import Conflict, Invalid, NotFound
from hub.core.extensions import db
from hub.forums import answers as forum_answers
from hub.forums import service as forums


def propose_conversion(
    actor, question_id: int, answer_id: int, category: str, title: str, question: str, answer: str
) -> ChatConversion:
    """An expert proposes to publish a member's chat question and an answer as a forum question.

    The expert passes edited texts with personal data left out; nothing is published until the
    member agrees (`decide_conversion`). Raises: NotFound, Forbidden, Invalid.
    """
    asked = rooms.get_message(actor, question_id)
    answered = rooms.get_message(actor, answer_id)
    permissions.require(rules.can_convert_to_question(actor, asked.room))
    errors = {}
    if answered.room_id != asked.room_id or answered.id <= asked.id:
        errors["answer_id"] = _("Choose a later message of the same room as the answer.")
    if asked.is_deleted or answered.is_deleted:
        errors["question_id"] = _("Deleted messages cannot be published.")
    if asked.author.is_staff:
        errors["question_id"] = _("Choose a member's question.")
    fields = {"title": title, "question": question, "answer": answer, "category": category}
    for name, value in fields.items():
        if not isinstance(value, str) or not value.strip():
            errors[name] = _("This is required.")
    if errors:
        raise Invalid(_("Please correct the marked fields."), errors)
    forums.get_space(category.strip())  # raises NotFound for an unknown category
    proposal = ChatConversion(
        room_id=asked.room_id,
        question_id=asked.id,
        answer_id=answered.id,
        expert_id=actor.id,
        member_id=asked.author_id,
        category=category.strip(),
        title=title.strip()[:200],
        question=question.strip(),
        answer=answer.strip(),
        status=ConversionStatus.PROPOSED.value,
        created_at=utcnow(),
    )
    db.session.add(proposal)
    db.session.commit()
    publish.conversion_proposed(proposal)
    return proposal


def decide_conversion(actor, conversion_id: int, agree: bool) -> ChatConversion:
    """The member agrees (the question and the answer are published, the answer accepted) or
    declines. Raises: NotFound, Forbidden, Conflict (decided already), Invalid."""
    proposal = None
    if isinstance(conversion_id, int) and not isinstance(conversion_id, bool):
        proposal = db.session.get(ChatConversion, conversion_id) if conversion_id > 0 else None
    if proposal is None or actor is None or getattr(actor, "id", None) != proposal.member_id:
        raise NotFound(_("There is no such proposal."))
    if proposal.status != ConversionStatus.PROPOSED:
        raise Conflict(_("This proposal was already decided."))
    if not agree:
        proposal.status, proposal.decided_at = ConversionStatus.DECLINED.value, utcnow()
        db.session.commit()
        return proposal
    topic = forums.create_topic(
        actor, proposal.category, "question", proposal.title, proposal.question
    )
    reply = forums.create_reply(proposal.expert, topic.id, proposal.answer)
    forum_answers.accept_answer(actor, reply.id)
    proposal.status, proposal.decided_at = ConversionStatus.ACCEPTED.value, utcnow()
    proposal.topic_id = topic.id
    db.session.commit()
    return proposal
