"""Tables for the public capability (registered on the shared metadata; migration below)."""

from __future__ import annotations

from rednotice.adapters.db.tables import metadata  # noqa: F401 - tables here register on it
