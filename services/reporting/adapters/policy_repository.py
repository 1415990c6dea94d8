"""Appraisal policies, one document per version (the version is the id, so two managers saving at
once cannot both create the same version)."""

from __future__ import annotations

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from servicekit.mongo import Document
from services.reporting.adapters.collections import POLICIES
from services.reporting.adapters.documents import policy_from_document, policy_to_document
from services.reporting.application.ports import PolicyVersionTaken
from services.reporting.domain.policy import AppraisalPolicy


class MongoPolicyRepository:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self._collection = db[POLICIES]

    async def latest(self) -> AppraisalPolicy | None:
        docs = await self._collection.find().sort("_id", -1).limit(1).to_list(1)
        return policy_from_document(docs[0]) if docs else None

    async def get(self, version: int) -> AppraisalPolicy | None:
        doc = await self._collection.find_one({"_id": version})
        return policy_from_document(doc) if doc else None

    async def all(self) -> list[AppraisalPolicy]:
        return [policy_from_document(d) async for d in self._collection.find().sort("_id", 1)]

    async def add(self, policy: AppraisalPolicy) -> None:
        try:
            await self._collection.insert_one(policy_to_document(policy))
        except DuplicateKeyError as exc:
            raise PolicyVersionTaken(policy.version) from exc
