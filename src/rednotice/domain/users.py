"""Who acts: roles, and the actor attached to every change."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rednotice.domain.errors import InvalidInput


class Role(StrEnum):
    NCB_OFFICER = "ncb_officer"
    """An officer of one country's National Central Bureau: requests, screens, records positions."""
    REVIEWER = "reviewer"
    """A General Secretariat reviewer (Notices and Diffusions Task Force)."""
    CCF = "ccf"
    """A member or secretary of the Commission for the Control of Files."""
    OVERSIGHT = "oversight"
    """Parliaments, auditors: the figures, not the files."""
    ADMIN = "admin"
    """Runs the installation: users, tokens. Not a reviewer."""
    SYSTEM = "system"
    """rednotice itself (expiry sweeps, imports)."""


@dataclass(frozen=True, slots=True)
class Actor:
    username: str
    role: Role
    country: str | None = None

    def __post_init__(self) -> None:
        if self.role is Role.NCB_OFFICER and not self.country:
            raise InvalidInput("an NCB officer is bound to a country", field="country")

    def __str__(self) -> str:
        return f"{self.username} ({self.role.value}{', ' + self.country if self.country else ''})"


SYSTEM = Actor("rednotice", Role.SYSTEM)
