"""The ceiling: a strawberry server answering the board query's shape from memory, with no I/O.
Run as ``python -m tests.bench.gateway._ceiling_app <port>``."""

from __future__ import annotations

import sys
from enum import Enum

import strawberry
import uvicorn
from starlette.applications import Starlette
from starlette.routing import Route
from strawberry.asgi import GraphQL


@strawberry.enum
class StageKind(Enum):
    OPEN = "OPEN"


@strawberry.type
class Money:
    amount: str
    currency: str


@strawberry.type
class StageRef:
    key: str
    name_en: str
    kind: StageKind


@strawberry.type
class Probability:
    effective: int


@strawberry.type
class Person:
    id: strawberry.ID
    name: str


@strawberry.type
class Source:
    name: str
    kind: str


@strawberry.type
class Pipeline:
    name: str


@strawberry.type
class Opportunity:
    id: strawberry.ID
    title: str
    value: Money
    stage: StageRef
    probability: Probability
    owner: Person
    source: Source
    pipeline: Pipeline
    pending_alert_count: int


@strawberry.type
class Connection:
    total_count: int
    nodes: list[Opportunity]


ROWS = [
    Opportunity(
        id=strawberry.ID(f"o{i}"), title=f"Deal {i}", value=Money(amount=f"{1000 + i}.00", currency="TWD"),
        stage=StageRef(key="discover", name_en="Discover", kind=StageKind.OPEN), probability=Probability(effective=10),
        owner=Person(id=strawberry.ID(f"u{i % 5}"), name=f"Rep {i % 5}"), source=Source(name="Expo", kind="EXPO"),
        pipeline=Pipeline(name="Default"), pending_alert_count=1,
    )
    for i in range(100)
]  # fmt: skip


@strawberry.type
class Query:
    @strawberry.field
    async def opportunities(self, first: int = 50, order_by: str | None = None) -> Connection:
        return Connection(total_count=len(ROWS), nodes=ROWS[:first])


schema = strawberry.Schema(Query)
app = Starlette(routes=[Route("/graphql", GraphQL(schema, graphql_ide=None), methods=["POST"])])

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_config=None, access_log=False)
