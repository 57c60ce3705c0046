"""The migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from hub.core.extensions import db


def test_models_and_migrations_agree(app):
    # The session's database was built by `flask db upgrade` (see conftest), not create_all.
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], "run `flask --app wsgi db migrate` and commit the migration"
