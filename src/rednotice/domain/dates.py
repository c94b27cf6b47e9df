"""Partial dates: rednotice says what it does not know (a birth year alone is not 1 January)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rednotice.domain.errors import InvalidInput

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_INTERPOL = re.compile(r"^(\d{4})(?:/(\d{2})(?:/(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day. ``month``/``day`` are None when unknown."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1800 <= self.year <= 2200:
            raise InvalidInput("year %(year)s is out of range", field="date", year=self.year)
        if self.month is None and self.day is not None:
            raise InvalidInput("a day without a month is not a date", field="date")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidInput("month %(month)s does not exist", field="date", month=self.month)
        if self.day is not None and self.month is not None:
            try:
                date(self.year, self.month, self.day)
            except ValueError as exc:
                raise InvalidInput("%(date)s is not a real date", field="date", date=self.iso()) from exc

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (ISO) or INTERPOL's ``YYYY/MM/DD`` forms."""
        text = text.strip()
        m = _ISO.match(text) or _INTERPOL.match(text)
        if not m:
            raise InvalidInput(
                "'%(text)s' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)", field="date", text=text
            )
        y, mo, d = m.groups()
        return cls(int(y), int(mo) if mo else None, int(d) if d else None)

    @classmethod
    def of(cls, d: date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    @property
    def precision(self) -> str:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    @property
    def is_complete(self) -> bool:
        return self.day is not None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def interpol(self) -> str:
        return self.iso().replace("-", "/")

    def human(self) -> str:
        """How a page should show it, saying what is not known."""
        if self.month is None:
            return f"{self.year} (month and day unknown)"
        if self.day is None:
            return f"{self.year}-{self.month:02d} (day unknown)"
        return self.iso()

    def earliest(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        if self.month is None:
            return date(self.year, 12, 31)
        if self.day is None:
            nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(self.year, self.month, self.day)

    def age_range_on(self, when: date) -> tuple[int, int]:
        """The youngest and oldest the person can be on ``when``, given what is known."""

        def age(born: date) -> int:
            return when.year - born.year - ((when.month, when.day) < (born.month, born.day))

        return age(self.latest()), age(self.earliest())

    def __str__(self) -> str:
        return self.iso()
