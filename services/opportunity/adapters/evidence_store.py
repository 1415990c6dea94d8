"""Activities and stage evidence rules in MongoDB.

An activity is one document holding all its revisions; a correction appends one revision with a
conditional ``$push`` on the revision count, so two corrections of the same revision cannot both
land. Activity and its ``activity.logged`` outbox row are written in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from bson.decimal128 import Decimal128
from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from contracts.envelope import CloudEvent
from servicekit.mongo import Document, Index, in_transaction
from servicekit.outbox import add_events
from services.opportunity.domain.errors import Conflict
from services.opportunity.domain.evidence import (
    Activity,
    ActivityKind,
    EvidenceRequirement,
    Revision,
    field_from_api,
)

ACTIVITIES = "activities"
STAGE_RULES = "stage_evidence_rules"

EVIDENCE_INDEXES = [
    Index(ACTIVITIES, [("opportunity_id", 1), ("occurred_at", 1)], "activities_opportunity_occurred"),
    Index(
        ACTIVITIES,
        [("opportunity_id", 1), ("stage_key", 1), ("kind", 1)],
        "activities_opportunity_stage_kind",
    ),
    Index(STAGE_RULES, [("pipeline_id", 1)], "stage_rules_pipeline"),
]

# Dates inside kind-specific details (a quote's validity) are stored as UTC midnights.
_DATE_FIELDS = frozenset({"valid_until", "next_step_due"})


def _details_out(details: Any) -> Document:
    out: Document = {}
    for k, v in dict(details).items():
        if isinstance(v, Decimal):
            out[k] = Decimal128(v)
        elif isinstance(v, date) and not isinstance(v, datetime):
            out[k] = datetime.combine(v, time(), tzinfo=UTC)
        else:
            out[k] = v
    return out


def _details_in(doc: Document) -> Document:
    out: Document = {}
    for k, v in doc.items():
        if isinstance(v, Decimal128):
            out[k] = v.to_decimal()
        elif k in _DATE_FIELDS and isinstance(v, datetime):
            out[k] = v.date()
        else:
            out[k] = v
    return out


def _revision_doc(r: Revision) -> Document:
    return {
        "number": r.number, "text": r.text, "occurred_at": r.occurred_at, "stage_key": r.stage_key,
        "details": _details_out(r.details), "recorded_at": r.recorded_at, "recorded_by": r.recorded_by,
        "reason": r.reason, "completed_at": r.completed_at,
    }  # fmt: skip


def _revision_from_doc(r: Document) -> Revision:
    return Revision(
        number=r["number"], text=r["text"], occurred_at=r["occurred_at"], stage_key=r["stage_key"],
        details=_details_in(r.get("details") or {}), recorded_at=r["recorded_at"],
        recorded_by=r["recorded_by"], reason=r.get("reason"), completed_at=r.get("completed_at"),
    )  # fmt: skip


def activity_from_doc(d: Document) -> Activity:
    return Activity(
        id=d["_id"], opportunity_id=d["opportunity_id"], kind=ActivityKind(d["kind"]),
        revisions=tuple(_revision_from_doc(r) for r in d["revisions"]),
        attachment_ids=tuple(d.get("attachment_ids", [])),
        attachment_types=tuple(d.get("attachment_types", [])),
    )  # fmt: skip


def _current_fields(a: Activity) -> Document:
    # The current revision's stage and time are copied up so the indexes can serve them.
    return {"stage_key": a.stage_key, "occurred_at": a.occurred_at, "revision_count": len(a.revisions)}


def _requirements_from_doc(doc: Document) -> list[EvidenceRequirement]:
    # Field names are read either way: a rule may have been saved in the API's spelling.
    return [
        EvidenceRequirement(
            ActivityKind(r["kind"]),
            tuple(field_from_api(f) for f in r.get("any_of", [])),
            r.get("description"),
        )
        for r in doc["requirements"]
    ]


class MongoEvidence:
    def __init__(self, client: AsyncMongoClient[Document], db: AsyncDatabase[Document]) -> None:
        self._client = client
        self._db = db
        self._activities = db[ACTIVITIES]
        self._rules = db[STAGE_RULES]

    async def get(self, activity_id: str) -> Activity | None:
        doc = await self._activities.find_one({"_id": activity_id})
        return None if doc is None else activity_from_doc(doc)

    async def of_opportunity(self, opportunity_id: str, stage_key: str | None = None) -> list[Activity]:
        query: Document = {"opportunity_id": opportunity_id}
        if stage_key is not None:
            query["stage_key"] = stage_key
        cursor = self._activities.find(query).sort([("occurred_at", 1), ("_id", 1)])
        return [activity_from_doc(d) async for d in cursor]

    async def of_opportunities(self, opportunity_ids: Sequence[str]) -> dict[str, list[Activity]]:
        """Each opportunity's activities, oldest first, in one query."""
        found: dict[str, list[Activity]] = {i: [] for i in opportunity_ids}
        cursor = self._activities.find({"opportunity_id": {"$in": list(opportunity_ids)}}).sort(
            [("occurred_at", 1), ("_id", 1)]
        )
        async for d in cursor:
            found[d["opportunity_id"]].append(activity_from_doc(d))
        return found

    async def add(self, activity: Activity, events: Sequence[CloudEvent]) -> None:
        doc = {
            "_id": activity.id, "opportunity_id": activity.opportunity_id, "kind": activity.kind.value,
            "revisions": [_revision_doc(r) for r in activity.revisions], "attachment_ids": [],
            **_current_fields(activity),
        }  # fmt: skip

        async def work(session: AsyncClientSession) -> None:
            await self._activities.insert_one(doc, session=session)
            await add_events(self._db, session, events)

        await in_transaction(self._client, work)

    async def append_revision(self, activity: Activity, events: Sequence[CloudEvent]) -> None:
        """Store ``activity``'s newest revision, only if nobody added one since it was read."""
        newest = activity.revisions[-1]

        async def work(session: AsyncClientSession) -> None:
            result = await self._activities.update_one(
                {"_id": activity.id, "revision_count": newest.number - 1},
                {"$push": {"revisions": _revision_doc(newest)}, "$set": _current_fields(activity)},
                session=session,
            )
            if result.matched_count == 0:
                raise Conflict("The activity was corrected meanwhile; reload it and try again.")
            await add_events(self._db, session, events)

        await in_transaction(self._client, work)

    async def requirements(self, pipeline_id: str, stage_key: str) -> list[EvidenceRequirement]:
        doc = await self._rules.find_one({"_id": f"{pipeline_id}:{stage_key}"})
        return [] if doc is None else _requirements_from_doc(doc)

    async def rules_of_pipeline(self, pipeline_id: str) -> dict[str, list[EvidenceRequirement]]:
        """Every stage's rules in one query (stages without any are left out)."""
        rules = {}
        async for doc in self._rules.find({"pipeline_id": pipeline_id}):
            if doc.get("requirements"):
                rules[doc["stage_key"]] = _requirements_from_doc(doc)
        return rules

    async def set_requirements(
        self,
        pipeline_id: str,
        stage_key: str,
        requirements: Sequence[EvidenceRequirement],
        by: str,
        now: datetime,
    ) -> None:
        await self._rules.replace_one(
            {"_id": f"{pipeline_id}:{stage_key}"},
            {
                "pipeline_id": pipeline_id, "stage_key": stage_key, "updated_by": by, "updated_at": now,
                "requirements": [
                    {"kind": r.kind.value, "any_of": list(r.any_of), "description": r.description}
                    for r in requirements
                ],
            },
            upsert=True,
        )  # fmt: skip

    async def attach(
        self, session: AsyncClientSession, activity_id: str, attachment_id: str, content_type: str, limit: int
    ) -> bool:
        """Add the file to the activity inside the caller's transaction; False when the activity
        already holds ``limit`` files (checked in the same write, so parallel uploads cannot
        exceed it)."""
        result = await self._activities.update_one(
            {"_id": activity_id, f"attachment_ids.{limit - 1}": {"$exists": False}},
            {"$push": {"attachment_ids": attachment_id, "attachment_types": content_type}},
            session=session,
        )
        return result.modified_count == 1
