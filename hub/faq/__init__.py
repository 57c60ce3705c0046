"""The FAQ: curated questions and answers by category, promoted from solved questions."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Offer the FAQ's permission names to `can(...)` in templates, and the topic page link."""
    from flask_login import current_user

    from hub import permissions
    from hub.faq import queries, rules

    for name, predicate in rules.PREDICATES.items():
        permissions.PREDICATES.setdefault(name, predicate)

    def faq_entry_for_topic(topic):
        return queries.entry_for_topic(current_user, topic.id)

    def faq_can_promote(topic):
        return bool(rules.can_promote_to_faq(current_user, topic))

    app.jinja_env.globals["faq_entry_for_topic"] = faq_entry_for_topic
    app.jinja_env.globals["faq_can_promote"] = faq_can_promote
