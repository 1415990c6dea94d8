"""The per-request context every resolver gets: who is calling and the use cases."""

from __future__ import annotations

from dataclasses import dataclass

from strawberry.types import Info as StrawberryInfo

from servicekit.identity import Identity
from services.reporting.application.rebuild import RebuildStarter
from services.reporting.bootstrap import Services


@dataclass
class Context:
    identity: Identity
    services: Services
    rebuilds: RebuildStarter | None = None
    """Starts rebuild jobs in this process (None where none may run)."""


Info = StrawberryInfo[Context, None]
