"""Small, valid events for plumbing tests: a lead source renamed, one version at a time."""

from __future__ import annotations

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from contracts import CloudEvent, new_event
from contracts.events._base import Actor, SourceKind
from contracts.events.catalog import SourceChanged, SourceSnapshot
from servicekit.mongo import Document
from servicekit.outbox import add_events


def source_renamed(source_id: str, version: int, *, exchange_source: str = "/test") -> CloudEvent:
    data = SourceChanged(
        source=SourceSnapshot(id=source_id, name=f"Expo v{version}", kind=SourceKind.EXPO, version=version),
        by=Actor(user_id="tester"),
    )
    return new_event(
        type="source.updated", source=exchange_source, subject=source_id, sequence=version, data=data
    )


async def rename_source(
    client_db: AsyncDatabase[Document], session: AsyncClientSession, source_id: str
) -> int:
    """One mutation the way services make them: bump the version and write its event, together."""
    current = await client_db["sources"].find_one({"_id": source_id}, session=session)
    version = (current or {}).get("version", 0) + 1
    await client_db["sources"].update_one(
        {"_id": source_id}, {"$set": {"version": version}}, upsert=True, session=session
    )
    await add_events(client_db, session, [source_renamed(source_id, version)])
    return version
