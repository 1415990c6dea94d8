"""The per-request context: who is calling, the ports, and loaders made fresh per request."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from servicekit.identity import Identity
from services.opportunity.api.timeline.loaders import WorkLoaders
from services.opportunity.application.ports import Ports
from services.opportunity.application.work_ports import WorkPorts
from services.opportunity.domain.pipeline import Pipeline
from services.opportunity.domain.user import User


@dataclass
class Context:
    identity: Identity
    ports: Ports
    now: datetime
    work: WorkPorts
    pipelines: DataLoader[str, Pipeline | None] = field(init=False)
    users: DataLoader[str, User | None] = field(init=False)
    work_loaders: WorkLoaders = field(init=False)

    def __post_init__(self) -> None:
        async def load_pipelines(ids: list[str]) -> list[Pipeline | None]:
            found = await self.ports.pipelines.get_many(ids)
            return [found.get(i) for i in ids]

        async def load_users(ids: list[str]) -> list[User | None]:
            found = await self.ports.users.get_many(ids)
            return [found.get(i) for i in ids]

        self.pipelines = DataLoader(load_fn=load_pipelines)
        self.users = DataLoader(load_fn=load_users)
        self.work_loaders = WorkLoaders(self.work)


Info = StrawberryInfo[Context, None]
