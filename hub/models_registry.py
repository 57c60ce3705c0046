"""Import every feature's models so SQLAlchemy (and Alembic) see all tables."""


def load_all() -> None:
    import hub.accounts.models
    import hub.forums.models
    import hub.jobs  # noqa: F401  (the Job table)
