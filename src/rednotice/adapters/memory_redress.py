"""In-memory fake of the redress repository (`uow.redress`) for unit tests."""

from __future__ import annotations

from typing import Any


class MemoryRedressRepository:
    def __init__(self, data: Any) -> None:
        self.data = data
