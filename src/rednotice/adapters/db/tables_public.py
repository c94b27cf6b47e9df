"""Tables for the public capability (registered on the shared metadata; migration 0005).

``public_terms`` holds the folded names and charge words of *public extracts only*, by field, so the
public API's ``name``/``forename``/``freeText`` filters (case- and accent-insensitive, anchored or not)
run in the database on SQLite and PostgreSQL alike. It is a projection of ``notices``, written by the
notice repository with every change (store.py; migration 0018 built it once for stores where it lagged).
``SqlPublicRepository.sync``, which follows the notices' change sequence (``public_sync`` records how far
it got), is kept for repairs and never runs inside a request. Searches still check the notice's own
state and consent, so a projection that lags can never show what is not public.

``public_sources`` (migration 0013) keeps, for a notice imported from INTERPOL's public list, the detail
fields as INTERPOL wrote them (``null`` or ``0``, ``74.5``, its ``_embedded.links``): the public API
serves them back unchanged wherever the notice still says the same thing (services/public.py). Like
``public_terms`` it has no foreign key: a side record of the notice, read only for a public extract.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text

from rednotice.adapters.db.tables import Json, metadata

public_terms = Table(
    "public_terms",
    metadata,
    Column("notice_id", String(32), primary_key=True),
    Column("field", String(10), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("value", Text, nullable=False),
    # Name search (migration 0018): trigrams on PostgreSQL (anchored or not); on SQLite a plain index,
    # which serves anchored names as a range (SqlPublicRepository._has_term).
    Index(
        "ix_public_terms_value",
        "value",
        postgresql_using="gin",
        postgresql_ops={"value": "gin_trgm_ops"},
    ),
)

public_sync = Table(
    "public_sync",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
)

public_sources = Table(
    "public_sources",
    metadata,
    Column("notice_id", String(32), primary_key=True),
    Column("document", Json, nullable=False),
)
