"""Tables for what happens after a hit (extradition requests, safeguards) — see migration 0008."""

from __future__ import annotations

from rednotice.adapters.db.tables import metadata  # noqa: F401 - tables here register on it
