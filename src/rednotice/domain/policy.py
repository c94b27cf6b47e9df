"""Who may see what. One place, used by every interface (API, pages, CLI, screening)."""

from __future__ import annotations

from rednotice.domain.lifecycle import Notice, State
from rednotice.domain.users import Actor, Role


def can_see_notice(actor: Actor, notice: Notice) -> bool:
    """The requesting NCB sees its own requests in every state; other NCBs only what is in force and
    not restricted away from them. Reviewers and the CCF see everything; oversight sees figures."""
    if actor.role in (Role.REVIEWER, Role.CCF, Role.SYSTEM):
        return True
    if actor.speaks_for(notice.requesting_country):
        return True
    if actor.role is Role.NCB_OFFICER:
        return notice.in_force and notice.request.visibility.allows(actor.country or "")
    return False


def is_public(notice: Notice) -> bool:
    """A public extract only with the requester's consent, and only while a red notice is in force."""
    return notice.state is State.PUBLISHED and notice.request.visibility.public_extract


def can_list_notices(actor: Actor) -> bool:
    return actor.role in (Role.NCB_OFFICER, Role.REVIEWER, Role.CCF, Role.SYSTEM)
