"""In-memory fake of the public repository (`uow.public`) for unit tests."""

from __future__ import annotations

from typing import Any


class MemoryPublicRepository:
    def __init__(self, data: Any) -> None:
        self.data = data
