"""Who may see what: a rep their own opportunities, a manager their team's, an admin all."""

from __future__ import annotations

from dataclasses import dataclass

from services.notifications.domain.model import OpportunityCopy


@dataclass(frozen=True)
class Viewer:
    user_id: str
    role: str
    team: str | None


def can_view(viewer: Viewer, opportunity: OpportunityCopy) -> bool:
    if viewer.role == "ADMIN" or opportunity.owner_id == viewer.user_id:
        return True
    return viewer.role == "MANAGER" and viewer.team is not None and viewer.team == opportunity.team
