"""Drive the opportunity API in-process over real HTTP (httpx's ASGI transport), as the gateway
would: every request carries a signed identity."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from servicekit.mongo import Document, open_client
from servicekit.outbox import OUTBOX, envelope_of
from services.opportunity.api.app import create_app
from services.opportunity.settings import OpportunitySettings

SECRET = "test-internal-secret-of-32-bytes-or-more"
ADMIN = Identity(user_id="admin-1", role="ADMIN", name="Admin")
REP_1 = Identity(user_id="rep-1", role="REP", team="north", name="Rep One")
REP_2 = Identity(user_id="rep-2", role="REP", team="north", name="Rep Two")
REP_3 = Identity(user_id="rep-3", role="REP", team="south", name="Rep Three")
MANAGER_NORTH = Identity(user_id="mgr-north", role="MANAGER", team="north", name="North Manager")

OPPORTUNITY_FIELDS = """
  id title customerName version status ownerId team pipelineId expectedCloseDate overdue difficulty
  value { amount currency } stage { key nameEn nameZh kind }
  probability { effective stageDefault overridden }
  stageHistory { stage { key nameEn } enteredAt leftAt durationSeconds note enteredBy }
  timeInCurrentStageSeconds rotting lostReason lostReasonKey closedAt
  closeDateHistory { old new by }
"""

CREATE = f"mutation($input: CreateOpportunityInput!) {{ createOpportunity(input: $input) {{ {OPPORTUNITY_FIELDS} }} }}"
MOVE = f"mutation($input: MoveOpportunityStageInput!) {{ moveOpportunityStage(input: $input) {{ {OPPORTUNITY_FIELDS} }} }}"
GET = f"query($id: ID!) {{ opportunity(id: $id) {{ {OPPORTUNITY_FIELDS} }} }}"


class GraphQLFailure(AssertionError):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(errors)
        self.errors = errors
        self.code = errors[0].get("extensions", {}).get("code")
        self.details = errors[0].get("extensions", {}).get("details") or {}


@dataclass
class Api:
    http: httpx.AsyncClient
    db: AsyncDatabase[Document]
    settings: OpportunitySettings

    async def raw(
        self, query: str, variables: dict[str, Any] | None = None, *, as_: Identity | None
    ) -> httpx.Response:
        headers = {IDENTITY_HEADER: sign_identity(as_, SECRET)} if as_ else {}
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )

    async def call(
        self, query: str, variables: dict[str, Any] | None = None, *, as_: Identity = ADMIN
    ) -> Any:
        """The ``data`` of a successful call; raises ``GraphQLFailure`` with the error code otherwise."""
        body = (await self.raw(query, variables, as_=as_)).json()
        if body.get("errors"):
            raise GraphQLFailure(body["errors"])
        return body["data"]

    async def create(self, as_: Identity = REP_1, **fields: Any) -> dict[str, Any]:
        payload = {
            "title": "ERP upgrade", "customerName": "台積電", "amount": "125000.00", "currency": "TWD",
            "expectedCloseDate": "2027-03-31", **fields,
        }  # fmt: skip
        return (await self.call(CREATE, {"input": payload}, as_=as_))["createOpportunity"]

    async def move(
        self, opp: dict[str, Any], stage: str, as_: Identity = REP_1, **extra: Any
    ) -> dict[str, Any]:
        payload = {"id": opp["id"], "expectedVersion": opp["version"], "stageKey": stage, **extra}
        return (await self.call(MOVE, {"input": payload}, as_=as_))["moveOpportunityStage"]

    async def get(self, id: str, as_: Identity = ADMIN) -> dict[str, Any]:
        return (await self.call(GET, {"id": id}, as_=as_))["opportunity"]

    async def outbox(self, subject: str | None = None) -> list[Document]:
        """The outbox rows, each with its decoded ``envelope`` beside the stored fields."""
        query = {} if subject is None else {"subject": subject}
        rows = await self.db[OUTBOX].find(query).sort([("subject", 1), ("sequence", 1)]).to_list(None)
        return [{**row, "envelope": envelope_of(row)} for row in rows]


CREATE_USER = "mutation($input: CreateUserInput!) { createUser(input: $input) { id version team } }"


async def seed_people(api: Api) -> None:
    for identity in (REP_1, REP_2, REP_3, MANAGER_NORTH):
        await api.call(
            CREATE_USER,
            {"input": {"id": identity.user_id, "name": identity.name, "email": f"{identity.user_id}@example.com",
                       "role": identity.role, "team": identity.team}},
        )  # fmt: skip


@asynccontextmanager
async def running_api(
    mongodb_url: str, *, people: bool = True, amqp_url: str | None = None
) -> AsyncIterator[Api]:
    """A fresh database and app (lifespan run: indexes, default pipeline), with the users above."""
    settings = OpportunitySettings(
        mongodb_url=mongodb_url, database=f"t_{uuid.uuid4().hex[:12]}_opportunity", internal_secret=SECRET,
    )  # fmt: skip
    if amqp_url:
        settings = settings.model_copy(update={"amqp_url": amqp_url})
    app = create_app(settings)
    client = open_client(mongodb_url)
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://opportunity") as http:
                api = Api(http, client[settings.database], settings)
                if people:
                    await seed_people(api)
                yield api
        await client.drop_database(settings.database)
    finally:
        await client.close()
