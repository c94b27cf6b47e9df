"""Tables for the public capability (registered on the shared metadata; migration 0005).

``public_terms`` holds the folded names and charge words of *public extracts only*, by field, so the
public API's ``name``/``forename``/``freeText`` filters (case- and accent-insensitive, anchored or not)
run in the database on SQLite and PostgreSQL alike. It is a projection of ``notices``, kept in step by
``SqlPublicRepository.sync`` from the notices' change sequence (``public_sync`` records how far it
got). Searches still check the notice's own state and consent, so a projection that lags can never
show what is not public.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, Text

from rednotice.adapters.db.tables import metadata

public_terms = Table(
    "public_terms",
    metadata,
    Column("notice_id", String(32), primary_key=True),
    Column("field", String(10), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("value", Text, nullable=False),
)

public_sync = Table(
    "public_sync",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
)
