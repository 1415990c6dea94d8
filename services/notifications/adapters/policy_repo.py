"""The alert policy: defaults from the settings, overridden by what an administrator saved."""

from __future__ import annotations

from dataclasses import asdict, fields

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.mongo import Document
from services.notifications.adapters.documents import SETTINGS
from services.notifications.domain.model import AlertPolicy

_POLICY_ID = "alerts"
_FIELDS = {f.name for f in fields(AlertPolicy)}


class PolicyRepository:
    def __init__(self, db: AsyncDatabase[Document], defaults: AlertPolicy) -> None:
        self._db = db
        self._defaults = defaults

    async def get(self, session: AsyncClientSession | None = None) -> AlertPolicy:
        doc = await self._db[SETTINGS].find_one({"_id": _POLICY_ID}, session=session)
        if doc is None:
            return self._defaults
        saved = {k: v for k, v in doc.items() if k in _FIELDS}
        return AlertPolicy(**{**asdict(self._defaults), **saved})

    async def save(self, policy: AlertPolicy) -> None:
        await self._db[SETTINGS].update_one({"_id": _POLICY_ID}, {"$set": asdict(policy)}, upsert=True)
