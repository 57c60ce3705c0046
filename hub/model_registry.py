"""Import every feature's models so SQLAlchemy (and Alembic) see all tables."""


def load_all() -> None:
    import hub.accounts.models
    import hub.admin.models
    import hub.chat.models
    import hub.crosspost.models
    import hub.faq.models
    import hub.forums.models
    import hub.legal.models
    import hub.moderation.models
    import hub.notifications.models
    import hub.outbox.jobs
    import hub.referrals.models
    import hub.search.models
    import hub.spoke_inbox.models
    import hub.teams.models
    import hub.walls.models  # noqa: F401
