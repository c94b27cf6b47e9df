"""How a notice is shown to people and systems (API JSON and `rednotice show`)."""

from __future__ import annotations

from typing import Any

from rednotice.domain.lifecycle import Notice, allowed_actions
from rednotice.domain.users import Actor
from rednotice.services.notices import timeline

NOT_A_WARRANT = (
    "A red notice is a request to locate and provisionally arrest a person pending extradition. "
    "It is not an arrest warrant: each country decides under its own law what to do."
)


def notice_view(notice: Notice, with_timeline: bool = True, viewer: Actor | None = None) -> dict[str, Any]:
    """``viewer`` decides what the timeline reveals (an NCB, or unknown, sees the redacted one)."""
    out: dict[str, Any] = {
        "id": notice.id,
        "type": notice.type.value,
        "state": notice.state.value,
        "version": notice.version,
        "requesting_country": notice.requesting_country,
        "in_force": notice.in_force,
        "caveat": NOT_A_WARRANT,
        "warning": notice.unreviewed_warning,
        "created_at": notice.created_at.isoformat() if notice.created_at else None,
        "submitted_at": notice.submitted_at.isoformat() if notice.submitted_at else None,
        "published_at": notice.published_at.isoformat() if notice.published_at else None,
        "expires_at": notice.expires_at.isoformat() if notice.expires_at else None,
        "allowed_actions": [a.value for a in allowed_actions(notice.type, notice.state)],
        "request": notice.request.to_dict(),
    }
    if with_timeline:
        out["timeline"] = timeline(notice, viewer)
    return out
