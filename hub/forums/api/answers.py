"""/api/v1 answers: the accepted answer of a question, official answers and up-votes."""

from hub.api.auth import require_api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import endpoint
from hub.forums import answers
from hub.forums.api.lookups import visible_post
from hub.forums.api.schemas import TAG, PostOut, TopicOut, VoteIn
from hub.forums.api.serializers import post_json, topic_json

bp = api_blueprint("forums_answers_api", __name__)


@endpoint(
    bp,
    "/posts/<int:post_id>/accept",
    "POST",
    summary="Mark a reply as the accepted answer",
    response=TopicOut,
    auth=True,
    tag=TAG,
)
def accept_post(post_id: int):
    user = require_api_user()
    visible_post(post_id, user)
    return topic_json(answers.accept_answer(user, post_id), user)


@endpoint(
    bp,
    "/posts/<int:post_id>/accept",
    "DELETE",
    summary="Take back the accepted answer (nothing changes if this reply is not it)",
    response=TopicOut,
    auth=True,
    tag=TAG,
)
def unaccept_post(post_id: int):
    user = require_api_user()
    post = visible_post(post_id, user)
    return topic_json(answers.unaccept_answer(user, post.topic_id, post_id=post.id), user)


@endpoint(
    bp,
    "/posts/<int:post_id>/official",
    "POST",
    summary="Mark a team member's reply as an official answer",
    response=PostOut,
    auth=True,
    tag=TAG,
)
def mark_official(post_id: int):
    user = require_api_user()
    visible_post(post_id, user)
    return post_json(answers.mark_official(user, post_id), user)


@endpoint(
    bp,
    "/posts/<int:post_id>/official",
    "DELETE",
    summary="Take back an official answer",
    response=PostOut,
    auth=True,
    tag=TAG,
)
def unmark_official(post_id: int):
    user = require_api_user()
    visible_post(post_id, user)
    return post_json(answers.unmark_official(user, post_id), user)


@endpoint(
    bp,
    "/posts/<int:post_id>/votes",
    "POST",
    summary="Up-vote a reply (voting again changes nothing)",
    body=VoteIn,
    response=PostOut,
    auth=True,
    tag=TAG,
)
def vote(post_id: int, data: VoteIn):
    user = require_api_user()
    visible_post(post_id, user)
    return post_json(answers.vote(user, post_id), user)


@endpoint(
    bp,
    "/posts/<int:post_id>/votes",
    "DELETE",
    summary="Take an up-vote back",
    response=PostOut,
    auth=True,
    tag=TAG,
)
def unvote(post_id: int):
    user = require_api_user()
    visible_post(post_id, user)
    return post_json(answers.unvote(user, post_id), user)
