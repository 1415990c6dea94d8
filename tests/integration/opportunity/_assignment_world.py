"""A small world for assignment tests: users, opportunities and the stores, on a fresh database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.identity import Identity
from servicekit.mongo import Document, ensure_indexes
from servicekit.outbox import OUTBOX, OUTBOX_INDEXES, envelope_of
from services.opportunity.adapters.assignment_store import ASSIGNMENT_INDEXES, MongoAssignments
from services.opportunity.adapters.catalog_repositories import CATALOG_INDEXES, MongoUsers
from services.opportunity.adapters.documents import opportunity_to_doc
from services.opportunity.adapters.opportunity_repository import OPPORTUNITIES, OPPORTUNITY_INDEXES
from services.opportunity.domain.edits import NewOpportunity, create
from services.opportunity.domain.money import Money
from services.opportunity.domain.pipeline import default_pipeline
from services.opportunity.domain.user import Role, User, deactivate, new_user

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
ADMIN = Identity(user_id="admin", role="ADMIN", name="Admin")


@dataclass
class World:
    db: AsyncDatabase[Document]
    users: MongoUsers
    store: MongoAssignments

    async def add_user(
        self, id: str, *, team: str = "north", active: bool = True, role: Role = Role.REP
    ) -> User:
        user = new_user(id=id, name=id, email=f"{id}@example.com", role=role, now=T0, team=team)
        if not active:
            user = deactivate(user, T0)
        await self.users.add(user, [])
        return user

    async def add_opportunities(self, count: int, owner: str = "rep-a", amount: str = "1000") -> list[str]:
        pipeline = default_pipeline(T0)
        docs = []
        for i in range(count):
            data = NewOpportunity(
                title=f"Lead {i}", customer_name=f"Customer {i}", value=Money.of(amount, "TWD"),
                expected_close_date=date(2026, 12, 31), owner_id=owner,
            )  # fmt: skip
            o = create(data, id=f"opp-{owner}-{i:05d}", pipeline=pipeline, team="north", by="admin", now=T0)
            docs.append(opportunity_to_doc(o))
        for start in range(0, len(docs), 1000):
            await self.db[OPPORTUNITIES].insert_many(docs[start : start + 1000])
        return [d["_id"] for d in docs]

    async def events(self, type: str = "opportunity.assigned") -> list[Document]:
        rows = await self.db[OUTBOX].find({"type": type}).to_list(None)
        return [{**row, "envelope": envelope_of(row)} for row in rows]


async def make_world(client: AsyncMongoClient[Document], db_name: str) -> World:
    db = client[db_name]
    await ensure_indexes(db, [*OPPORTUNITY_INDEXES, *CATALOG_INDEXES, *OUTBOX_INDEXES, *ASSIGNMENT_INDEXES])
    return World(db, MongoUsers(client, db), MongoAssignments(client, db))
