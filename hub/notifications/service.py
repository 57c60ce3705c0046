"""Notifications: the forums service calls the enqueue functions inside its own transaction;
the worker fans each job out to the people concerned."""

from hub import jobs


def enqueue_for_reply(post) -> None:
    jobs.enqueue("notify.reply", {"post_id": post.id}, key=f"notify:reply:{post.id}")


def enqueue_for_accepted(topic, post, actor) -> None:
    jobs.enqueue(
        "notify.accepted",
        {"post_id": post.id, "actor_id": actor.id},
        key=f"notify:accepted:{post.id}:{topic.accepted_post_id}",
    )


def enqueue_for_official(post, actor) -> None:
    jobs.enqueue(
        "notify.official",
        {"post_id": post.id, "actor_id": actor.id},
        key=f"notify:official:{post.id}",
    )


def enqueue_for_topic(topic, post) -> None:
    jobs.enqueue("notify.topic", {"post_id": post.id}, key=f"notify:topic:{topic.id}")
