"""Guards that make event handlers idempotent. Call them inside the same transaction as the
handler's effect, so "applied" and the effect are written together or not at all."""

from __future__ import annotations

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from contracts.envelope import CloudEvent
from servicekit.mongo import Document

APPLIED_SEQUENCES = "applied_sequences"
APPLIED_EVENTS = "applied_events"


async def advance_sequence(
    db: AsyncDatabase[Document], session: AsyncClientSession, event: CloudEvent
) -> bool:
    """Record ``event.sequence`` as the newest applied for its subject.

    Returns False (and writes nothing) when an event of the same or a later sequence was
    already applied: a duplicate, or one that arrives after a newer snapshot. Two concurrent
    transactions for one subject conflict on the same document; the loser is retried and then
    sees the winner's sequence.
    """
    key = f"{event.type.split('.', 1)[0]}:{event.subject}"
    current = await db[APPLIED_SEQUENCES].find_one({"_id": key}, session=session)
    if current is not None and current["sequence"] >= event.sequence:
        return False
    await db[APPLIED_SEQUENCES].update_one(
        {"_id": key}, {"$set": {"sequence": event.sequence}}, upsert=True, session=session
    )
    return True


async def remember_event(db: AsyncDatabase[Document], session: AsyncClientSession, event: CloudEvent) -> bool:
    """Record that this event id was applied; False if it already was."""
    seen = await db[APPLIED_EVENTS].find_one({"_id": event.id}, {"_id": 1}, session=session)
    if seen is not None:
        return False
    await db[APPLIED_EVENTS].insert_one(
        {"_id": event.id, "type": event.type, "subject": event.subject, "at": event.time},
        session=session,
    )
    return True
