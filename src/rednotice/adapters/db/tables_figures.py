"""The public figures of closed periods, counted once for every process (migration 0022; issue 18, item 4).

``public_figures_tables`` holds one row per counted table: the closed period, the public minimum and the
figures version it was counted under (``key`` joins them), and the table itself serialised as JSON
(``services/figures_tables.py``). Any server process that finds the row serves it instead of counting; a
process that counts writes it. Rows are never updated: a table is as of its period's end, so nothing that
happens later changes it; a new period, minimum or version is a new key. ``clear()`` empties it on demand;
storing a table prunes the others counted more than two days before (``services/figures_tables.py``).
"""

from __future__ import annotations

from sqlalchemy import Column, Date, Integer, String, Table, Text

from rednotice.adapters.db.tables import UTCDateTime, metadata

public_figures_tables = Table(
    "public_figures_tables",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("period_first", Date, nullable=False),
    Column("period_last", Date, nullable=False),
    Column("minimum", Integer, nullable=False),
    Column("version", String(100), nullable=False),
    Column("payload", Text, nullable=False),
    Column("counted_at", UTCDateTime, nullable=False),
)
