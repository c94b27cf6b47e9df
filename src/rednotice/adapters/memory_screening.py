"""In-memory fake of the screening repository (`uow.screening`) for unit tests."""

from __future__ import annotations

from typing import Any


class MemoryScreeningRepository:
    def __init__(self, data: Any) -> None:
        self.data = data
