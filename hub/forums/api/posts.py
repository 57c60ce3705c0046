"""/api/v1 posts: replying in a topic and editing a post."""

from hub.api.auth import require_api_user
from hub.api.blueprints import api_blueprint
from hub.api.schema import endpoint
from hub.core import write_keys
from hub.forums import service as forums
from hub.forums.api.lookups import visible_post, visible_topic
from hub.forums.api.schemas import TAG, EditIn, PostOut, ReplyIn
from hub.forums.api.serializers import post_json

bp = api_blueprint("forums_posts_api", __name__)


@endpoint(
    bp,
    "/topics/<int:topic_id>/posts",
    "POST",
    summary="Reply in a topic",
    body=ReplyIn,
    response=PostOut,
    status=201,
    auth=True,
    tag=TAG,
    keyed=True,
)
def create_reply(topic_id: int, data: ReplyIn):
    user = require_api_user()
    visible_topic(topic_id, user)
    post = forums.create_reply(user, topic_id, data.body, key=write_keys.from_request())
    return post_json(post, user, voted=set()), 201


@endpoint(
    bp,
    "/posts/<int:post_id>",
    "PATCH",
    summary="Edit a post (the old text is kept as a revision)",
    body=EditIn,
    response=PostOut,
    auth=True,
    tag=TAG,
)
def edit_post(post_id: int, data: EditIn):
    user = require_api_user()
    visible_post(post_id, user)
    post = forums.edit_post(user, post_id, data.body, title=data.title, reason=data.reason)
    return post_json(post, user)
