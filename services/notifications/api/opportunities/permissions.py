"""The batch view shows a rep their own opportunities, a manager their team's, an admin all;
the scope is derived from the verified identity (see ``domain.access.scope_for``)."""

from __future__ import annotations

import strawberry

from services.notifications.api.context import Context
from services.notifications.domain.access import Viewer


def viewer(info: strawberry.Info[Context, None]) -> Viewer:
    return info.context.viewer
