"""The public figures of a closed period, counted once for every process of the store (issue 18, item 4).

``services.figures.PublicFiguresCache`` keeps the closed period's public table in one process: with several
server processes each counted it again, and again after every restart. ``StoredPublicFiguresCache`` keeps
it in the process as before and, behind that, in the store (``uow.public_figures``, the
``PublicFiguresTables`` port; ``public_figures_tables``, migration 0022): a process that does not hold the
table reads it from the store, and only if no process has counted it does it count and store it.

**When a stored table is used (the per-process rule, kept).** A table is keyed by what decides its
content: the closed period (first and last day), the public minimum and the figures ``version``. Nothing
else invalidates it, as in the process cache: the table is as of the period's end (notices in force then,
what had become of each event by then), so nothing written afterwards changes it. What a store adds to a
process cache is that it outlives the process, so what a restart used to reset is in the key: ``version``
names the code that counts and the schema it counts (``web/oversight.figures_version``: a digest of the
counting modules and the migration head) and ``FORMAT`` the serialised form. Data written with earlier
dates (a repair, a load of past history) is the one thing that can change a closed period; then
``clear()`` (``StoredPublicFiguresCache.clear``) forgets every stored table, in the store and in this
process; other processes still serve what they hold in memory until their next period or restart, as
before.

A failing store (a read-only database, a schema not yet upgraded) never fails a public page: the table
is then counted and kept in the process, as before, and the failure logged.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from rednotice.domain import figures as f
from rednotice.domain.figures import Cell, Period
from rednotice.services.figures import Figures, PublicFiguresCache
from rednotice.services.ports import UnitOfWork

FORMAT = 1
KEEP_OTHERS = timedelta(days=2)
"""How long a table under another key is kept after it was counted: long enough for every process of a
rolling deployment, or one still on the previous period, to move on."""
"""The serialised form of a stored table (``dump``/``load``); part of every key."""
log = logging.getLogger(__name__)


def table_key(period: Period, minimum: int, version: str) -> str:
    return f"public/{period.start.isoformat()}/{period.last.isoformat()}/min{minimum}/f{FORMAT}/{version}"


def _cell(c: Cell) -> list[Any]:
    return [c.value, c.text, c.suppression.value]


_SUPPRESSION = {s.value: s for s in f.Suppression}


def _uncell(x: list[Any]) -> Cell:
    return Cell(x[0], x[1], _SUPPRESSION[x[2]])


def dump(fig: Figures) -> str:
    """A table as JSON text (every field of ``Figures``; cells as ``[country, year, measure, value, text,
    suppression]``)."""
    return json.dumps(
        {
            "period": [fig.period.start.isoformat(), fig.period.end.isoformat()],
            "minimum": fig.minimum,
            "generated_at": fig.generated_at.isoformat(),
            "countries": fig.countries,
            "years": fig.years,
            "cells": [[c, y, m, *_cell(cell)] for (c, y, m), cell in fig.cells.items()],
            "country": fig.country,
            "as_of": None if fig.as_of is None else fig.as_of.isoformat(),
            "other_grounds": {
                c: [[r, *_cell(cell)] for r, cell in rows] for c, rows in fig.other_grounds.items()
            },
        },
        separators=(",", ":"),
    )


def load(text: str) -> Figures:
    d = json.loads(text)
    return Figures(
        period=Period(date.fromisoformat(d["period"][0]), date.fromisoformat(d["period"][1])),
        minimum=d["minimum"],
        generated_at=datetime.fromisoformat(d["generated_at"]),
        countries=list(d["countries"]),
        years=list(d["years"]),
        cells={(c, y, m): Cell(v, t, _SUPPRESSION[s]) for c, y, m, v, t, s in d["cells"]},
        country=d["country"],
        as_of=None if d["as_of"] is None else datetime.fromisoformat(d["as_of"]),
        other_grounds={
            c: [(r, _uncell(rest)) for r, *rest in rows] for c, rows in d["other_grounds"].items()
        },
    )


class StoredPublicFiguresCache(PublicFiguresCache):
    """``PublicFiguresCache`` backed by the store: ``reader`` opens the unit of work tables are read in
    (the replica, as the figures are), ``writer`` the one a counted table is stored in (the primary).
    ``computed`` counts the tables this process counted, ``loaded`` those it read from the store."""

    def __init__(
        self, reader: Callable[[], UnitOfWork], writer: Callable[[], UnitOfWork], version: str
    ) -> None:
        super().__init__()
        self.reader, self.writer, self.version = reader, writer, version
        self.loaded = 0

    def _fill(self, period: Period, minimum: int, compute: Callable[[], Figures]) -> Figures:
        """Read from the store when another process counted it; else counted here and stored."""
        key = table_key(period, minimum, self.version)
        table = self._stored(key)
        if table is not None:
            self.loaded += 1
            return table
        table = super()._fill(period, minimum, compute)
        self._store(key, period, minimum, table)
        return table

    def clear(self) -> None:
        """Forget every table, in this process and in the store (data with earlier dates was written)."""
        with self._lock:
            self._period, self._tables = None, {}
            with self.writer() as uow:
                uow.public_figures.clear()
                uow.commit()

    def _stored(self, key: str) -> Figures | None:
        try:
            with self.reader() as uow:
                text = uow.public_figures.get(key)
            return None if text is None else load(text)
        except Exception:
            log.warning("public figures: the stored table %s could not be read; counting", key, exc_info=True)
            return None

    def _store(self, key: str, period: Period, minimum: int, table: Figures) -> None:
        """Store the table, and forget the tables no process asks for any more: any other key counted more
        than ``KEEP_OTHERS`` ago (an earlier period, another minimum, the version of an earlier deployment;
        a process still serving one only counts it again)."""
        try:
            with self.writer() as uow:
                now = uow.clock()
                uow.public_figures.put(
                    key, period.start, period.last, minimum, self.version, dump(table), now
                )
                uow.public_figures.prune(key, now - KEEP_OTHERS)
                uow.commit()
        except Exception:
            log.warning("public figures: the table %s could not be stored", key, exc_info=True)
