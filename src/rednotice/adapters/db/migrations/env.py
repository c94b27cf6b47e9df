"""Alembic environment: the URL and connection come from rednotice, never from a hard-coded ini."""

from __future__ import annotations

from alembic import context

from rednotice.adapters.db.audit_partitions import compare_include_name, compare_include_object
from rednotice.adapters.db.tables import metadata

config = context.config
connection = config.attributes.get("connection")

if connection is not None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        include_name=compare_include_name,
        include_object=compare_include_object,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    from rednotice.adapters.db.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        context.configure(
            connection=conn,
            target_metadata=metadata,
            render_as_batch=True,
            include_name=compare_include_name,
            include_object=compare_include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
