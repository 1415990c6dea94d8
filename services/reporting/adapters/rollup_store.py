"""Month rollups in ``g<n>.rollups``: one document per month and pipeline, holding each report's
partial as a JSON blob (nothing queries inside it, so the server neither parses nor rebuilds it).

A rollup is recomputed from the opportunities that touch it, never incremented, so it cannot
drift. The projection bumps the rollup's version after every write that may change it (and on
redelivery: the bump comes before the ack, so a crash between write and bump is redone). Every
rollup's version is a field of one document in ``g<n>.rollup_versions``, so a batch's marks are
one small update, not one rewrite of each big rollup document. The builder reads the version
before the opportunities and records it in the rollup as ``built``. A rollup whose ``built`` is
not its version is dirty: reports then compute that month from the opportunities instead, so
they are exact at all times. (Reading the version first is what makes this safe: a write the
builder did not see is followed by a mark it did not see either.)

Beside each rollup the builder keeps, for a period's edges, the partials of blocks of its days
(``g<n>.rollup_days``, one document per rollup, a list of blobs per kind in block order) and of
each day's quarter hours (``g<n>.rollup_quarters``, one document per day and pipeline, with the
opportunities each quarter hour lists), all stamped with the version they were computed from.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from typing import Any

import orjson
from bson import Binary
from pymongo import UpdateOne
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError, DuplicateKeyError

from servicekit.mongo import DUPLICATE_KEY, Document, find_by_ids
from services.reporting.adapters.collections import Generation
from services.reporting.adapters.documents import report_view_from_document
from services.reporting.adapters.rollup_members import Listed, RollupMembers
from services.reporting.domain.rollups.blocks import (
    DAY,
    QUARTER,
    block_partials,
    day_blocks,
    month_blocks,
    window_pieces,
)
from services.reporting.domain.rollups.kinds import (
    KINDS,
    PERIOD_KINDS,
    RollupKind,
    period_moments_of,
    rollup_key,
    rollup_keys,
    split_key,
)
from services.reporting.domain.rollups.months import Month, Window
from services.reporting.domain.view import OpportunityView

# The scope fields come first: every report filters on them.
_SCOPE = ("pipeline_id", "team", "status")
_OPEN_STAGE_FIELDS = (*_SCOPE, "owner_id", "title", "stage_key", "stage_entered_at")
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "appraisal": (*_SCOPE, "owner_id", "ownership", "created_at", "closed_at", "expected_close_date",
                  "amount", "currency"),
    "appraisal_scores": (*_SCOPE, "owner_id", "ownership", "created_at", "closed_at", "amount", "currency",
                         "difficulty", "is_new_customer", "is_new_product", "line_revenue", "win_facts",
                         "difficulty_by_manager", "account_segment", "launch_age_days"),
    "overdue": (*_SCOPE, "owner_id", "title", "customer_name", "stage_key", "expected_close_date",
                "closed_at", "amount", "currency", "close_date_changes"),
    "stage_times": (*_SCOPE, "owner_id", "title", "stage_key", "stage_entered_at", "created_at", "visits",
                    "reached_stages"),
    "source_value": (*_SCOPE, "source_id", "created_at", "closed_at", "amount", "currency", "probability",
                     "is_new_customer", "line_revenue"),
    "forecast": (*_SCOPE, "owner_id", "expected_close_date", "amount", "currency", "probability"),
    "calibration": (*_SCOPE, "source_id", "closed_at", "reached_stages"),
    "lost_reasons": (*_SCOPE, "source_id", "closed_at", "loss"),
    "open_since": _OPEN_STAGE_FIELDS,
    "open_entries": _OPEN_STAGE_FIELDS,
}  # fmt: skip
"""What a report's partial reads of an opportunity: a month not rebuilt yet is computed from
those fields alone, a fraction of each document (one an earlier version wrote with its read
model as a blob is read whole)."""


def _projection(fields: tuple[str, ...]) -> dict[str, int]:
    return {**dict.fromkeys(fields, 1), "view": 1}


MonthData = tuple[Month, str, Any]
"""A month, its pipeline, and one report's partial as JSON data."""


def _encode(data: Any) -> Binary:
    return Binary(orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS))


_NOTHING = Binary(b"")
"""A block no opportunity counts in (most quarter hours of a quiet day): read as the empty partial."""


def _encode_blocks(partials: list[Any]) -> list[Binary]:
    return [_NOTHING if partial is None else _encode(partial) for partial in partials]


def _decode_block(kept: bytes, empty: Any) -> Any:
    return orjson.loads(kept) if kept else empty


VERSIONS_ID = "versions"


def _field(key: str) -> str:
    """A rollup key as a field name of the version document (a '.' would make it a path)."""
    return key.replace("%", "%25").replace(".", "%2E")


def _key(field: str) -> str:
    return field.replace("%2E", ".").replace("%25", "%")


def _unless_newer(document: Document, field: str) -> list[Document]:
    """An update pipeline that replaces a document with ``document`` unless the stored one's
    ``field`` (a version) is already as high: a slow builder never overwrites a later build.
    Compared inside the pipeline so that an upsert makes a missing document."""
    older = {"$lt": [{"$ifNull": [f"${field}", -1]}, document[field]]}
    return [{"$replaceWith": {"$cond": [older, {"$literal": document}, "$$ROOT"]}}]


BACKFILL_CHUNK = 5000
"""Documents keyed and listed per round of writes when a new layout is backfilled."""


def _current(version: int | None, kept: Document | None) -> bool:
    """Whether blocks kept for a rollup were computed at its version."""
    return version is not None and kept is not None and kept["version"] == version


def _day_key(day_start: datetime, pipeline_id: str) -> str:
    return f"{day_start:%Y-%m-%d}|{pipeline_id}"


class MongoRollups:
    def __init__(self, db: AsyncDatabase[Document], generation: Generation) -> None:
        self._db = db
        self._rollups = db[generation.rollups]
        self._days = db[generation.rollup_days]
        self._quarters = db[generation.rollup_quarters]
        self._versions = db[generation.rollup_versions]
        self._members = RollupMembers(db[generation.rollup_members])
        opportunities = db[generation.opportunities]
        self._opportunities = opportunities.with_options(
            codec_options=opportunities.codec_options.with_options(tz_aware=True, tzinfo=UTC)
        )

    async def mark(self, keys: Iterable[str]) -> None:
        """Say these rollups may have changed: one update of the version document."""
        fields = {f"v.{_field(key)}": 1 for key in sorted(set(keys))}
        if not fields:
            return
        try:
            await self._versions.update_one({"_id": VERSIONS_ID}, {"$inc": fields}, upsert=True)
        except DuplicateKeyError:  # another replica made the document first: it is there now
            await self._versions.update_one({"_id": VERSIONS_ID}, {"$inc": fields})

    async def versions(self) -> dict[str, int]:
        """Every rollup ever marked, with its version."""
        doc = await self._versions.find_one({"_id": VERSIONS_ID})
        return {_key(field): version for field, version in (doc or {}).get("v", {}).items()}

    async def backfill(self) -> None:
        """Give every document the rollup keys this version computes (a new report kind may add
        months) and list it under each (an earlier layout kept no lists), forget every build,
        then mark every rollup: all are recomputed in the current layout."""
        keys: set[str] = set()
        joining: dict[str, list[str]] = {}
        updates: list[UpdateOne] = []

        async def write() -> None:
            await self._members.add(joining)  # listed before it counts (see rollup_members)
            if updates:
                await self._opportunities.bulk_write(updates, ordered=False)
            joining.clear()
            updates.clear()

        read = 0
        async for doc in self._opportunities.find({}, {"facts": 0}):
            read += 1
            view_keys = sorted(rollup_keys(report_view_from_document(doc)))
            keys.update(view_keys)
            for key in view_keys:
                joining.setdefault(key, []).append(doc["_id"])
            if doc.get("rollup_keys") != view_keys:
                updates.append(UpdateOne({"_id": doc["_id"]}, {"$set": {"rollup_keys": view_keys}}))
            if read % BACKFILL_CHUNK == 0:
                await write()
        await write()
        keys.update(await self.versions())  # months no document counts in any more: rebuilt empty
        async for rollup in self._rollups.find({}, {"_id": 1}):
            keys.add(rollup["_id"])  # rollups an earlier version marked in their own documents
        # What an earlier layout built must not pass for built at a version counted from here.
        await self._rollups.update_many({}, {"$unset": {"built": "", "version": ""}})
        await self._days.delete_many({})
        await self._quarters.delete_many({})
        await self.mark(keys)

    async def dirty(self) -> list[str]:
        """The rollups marked since their last build, in random order: replicas building at once
        then mostly take different ones (a rollup found built is skipped). A scan, but of one
        document per month and pipeline."""
        versions = await self.versions()
        built = {doc["_id"]: doc.get("built") async for doc in self._rollups.find({}, {"built": 1})}
        keys = [key for key, version in versions.items() if built.get(key) != version]
        random.shuffle(keys)
        return keys

    async def _views(
        self, key: str, fields: tuple[str, ...] | None = None, listed: Listed | None = None
    ) -> list[OpportunityView]:
        """The opportunities that count in a rollup, of those it lists (``listed``: as already
        read): every field but the facts, or ``fields``."""
        listed = listed or await self._members.read(key)
        projection = {"facts": 0} if fields is None else {**_projection(fields), "rollup_keys": 1}
        documents = await find_by_ids(self._opportunities, listed.ids, projection)
        return [
            report_view_from_document(doc)
            for doc in sorted(documents, key=lambda doc: doc["_id"])
            if key in doc.get("rollup_keys", ())  # listed once, it may count elsewhere now
        ]

    async def build(self, key: str) -> bool:
        """Recompute one rollup; False if it changed meanwhile (it stays dirty, to be redone)."""
        version = (await self.versions()).get(key)
        state = await self._rollups.find_one({"_id": key}, {"built": 1})
        if version is None or (state is not None and state.get("built") == version):
            return True
        month, pipeline_id = split_key(key)
        listed = await self._members.read(key)
        views = await self._views(key, listed=listed)
        partials = {kind.name: _encode(kind.partial(views, month)) for kind in KINDS}
        await self._keep_blocks(key, version, views, month)
        document = {"_id": key, "month": month, "pipeline_id": pipeline_id, "built": version, **partials}
        with contextlib.suppress(DuplicateKeyError):  # another builder made the document first
            await self._rollups.update_one({"_id": key}, _unless_newer(document, "built"), upsert=True)
        await self._members.merge(key, listed)
        return (await self.versions()).get(key) == version

    async def _keep_blocks(self, key: str, version: int, views: list[OpportunityView], month: Month) -> None:
        """The period kinds' partials of blocks of days and of quarter hours, and each quarter
        hour's opportunities, with the version they were computed from. Written before the
        rollup's build is recorded, and only over an older version: readers use them only while
        the rollup is built at that same version. Every day of the month gets its document, so a
        missing one means not built."""
        _, pipeline_id = split_key(key)
        month_blocks_of = month_blocks(month)
        days: dict[str, Any] = {}
        quarters: list[dict[str, Any]] = [{} for _ in range(month_blocks_of.count)]
        for kind in PERIOD_KINDS:
            partials, day_views = block_partials(month_blocks_of, views, kind.moments_of, kind.partial)
            days[kind.name] = _encode_blocks(partials)
            for number, found in enumerate(day_views):
                if found:
                    blocks = day_blocks(month_blocks_of.start + number * DAY)
                    partials, _ = block_partials(blocks, found, kind.moments_of, kind.partial)
                    quarters[number][kind.name] = _encode_blocks(partials)
        _, listed = month_blocks_of.members(views, period_moments_of)
        writes = []
        for number, fields in enumerate(quarters):
            day_start = month_blocks_of.start + number * DAY
            members = day_blocks(day_start).members(listed[number], period_moments_of)[0]
            document = {
                "_id": _day_key(day_start, pipeline_id),
                "version": version,
                "members": _encode([[view.id for view in quarter] for quarter in members]),
                **fields,
            }
            writes.append(
                UpdateOne({"_id": document["_id"]}, _unless_newer(document, "version"), upsert=True)
            )
        with contextlib.suppress(DuplicateKeyError):  # another builder made the document first
            await self._days.update_one(
                {"_id": key}, _unless_newer({"_id": key, "version": version, **days}, "version"), upsert=True
            )
        try:
            await self._quarters.bulk_write(writes, ordered=False)
        except BulkWriteError as exc:  # two builders created one day's document at once
            if any(error["code"] != DUPLICATE_KEY for error in exc.details["writeErrors"]):
                raise

    async def window_partials(
        self,
        kind: RollupKind[Any],
        windows: Iterable[Window],
        pipeline_id: str | None,
        versions: dict[str, int] | None = None,
    ) -> list[tuple[Window, str, Any]]:
        """One report's partials for parts of months (a period's edges), per window and pipeline:
        from the blocks of days and of quarter hours kept beside its month's rollup, and the
        parts of a quarter hour from the opportunities it lists, when that rollup is built;
        otherwise computed from the opportunities listed under the rollup (each month's read
        once however many of its parts are asked for)."""
        by_month: dict[Month, list[Window]] = {}
        for window in windows:
            by_month.setdefault(window.month, []).append(window)
        found: list[tuple[Window, str, Any]] = []
        versions = versions if versions is not None else await self.versions()
        for month, parts in by_month.items():
            marked = {p: v for key, v in versions.items() for m, p in [split_key(key)] if m == month}
            pipelines = [pipeline_id] if pipeline_id is not None else sorted(marked)
            kept: dict[str, list[tuple[Window, Any]]] = {}
            if kind in PERIOD_KINDS:
                kept = await self._from_blocks(kind, month, parts, {p: marked.get(p) for p in pipelines})
            for pipeline in pipelines:
                if pipeline in kept:
                    found += [(window, pipeline, data) for window, data in kept[pipeline]]
                    continue
                views = await self._views(rollup_key(month, pipeline), KIND_FIELDS[kind.name])
                found += [(window, pipeline, kind.partial(views, window)) for window in parts]
        return found

    async def _from_blocks(
        self, kind: RollupKind[Any], month: Month, parts: list[Window], versions: dict[str, int | None]
    ) -> dict[str, list[tuple[Window, Any]]]:
        """Per pipeline (with its rollup's version) whose blocks are current, each window's
        partials (see ``window_pieces``)."""
        pieces = [(window, window_pieces(window)) for window in parts]
        day_starts = sorted({day for _, p in pieces for day in [*p.quarters, *(d for d, _ in p.remnants)]})
        keys = [rollup_key(month, pipeline) for pipeline in versions]
        days = {doc["_id"]: doc for doc in await find_by_ids(self._days, keys, {kind.name: 1, "version": 1})}
        quarters: dict[str, Document] = {}
        if day_starts:
            projection = {kind.name: 1, "version": 1, "members": 1}
            ids = [_day_key(day, pipeline) for day in day_starts for pipeline in versions]
            quarters = {doc["_id"]: doc for doc in await find_by_ids(self._quarters, ids, projection)}
        empty = kind.partial([], month)
        result: dict[str, list[tuple[Window, Any]]] = {}
        for pipeline, version in versions.items():
            day_doc = days.get(rollup_key(month, pipeline))
            day_docs = [quarters.get(_day_key(day, pipeline)) for day in day_starts]
            if not _current(version, day_doc) or not all(_current(version, doc) for doc in day_docs):
                continue
            assert day_doc is not None
            blocks = day_doc.get(kind.name, [])
            listed: list[tuple[Window, Window, list[str]]] = []
            kept: list[tuple[Window, Any]] = []
            for window, piece in pieces:
                kept += [(window, _decode_block(blocks[position], empty)) for position in piece.days]
                for day, positions in piece.quarters.items():
                    fields = quarters[_day_key(day, pipeline)].get(kind.name)
                    kept += [
                        (window, _decode_block(fields[p], empty) if fields else empty) for p in positions
                    ]
                for day, remnant in piece.remnants:
                    members = orjson.loads(quarters[_day_key(day, pipeline)]["members"])
                    listed.append((window, remnant, members[(remnant.start - day) // QUARTER]))
            if listed:
                ids = sorted({i for _, _, members in listed for i in members})
                views = {view.id: view async for view in self._views_by_id(ids, KIND_FIELDS[kind.name])}
                kept += [
                    (window, kind.partial([views[i] for i in members if i in views], remnant))
                    for window, remnant, members in listed
                ]
            result[pipeline] = kept
        return result

    async def _views_by_id(self, ids: list[str], fields: tuple[str, ...]) -> AsyncIterator[OpportunityView]:
        for doc in await find_by_ids(self._opportunities, ids, _projection(fields)):
            yield report_view_from_document(doc)

    async def read(
        self,
        kind: RollupKind[Any],
        first: Month | None,
        end: Month | None,
        pipeline_id: str | None,
        versions: dict[str, int] | None = None,
    ) -> list[MonthData]:
        """One report's partials for the months in ``[first, end)`` (None: unbounded), of one
        pipeline or all; dirty or never built ones are computed from the opportunities.
        ``versions``: the rollups' versions as this report read them (else read now)."""
        versions = {
            key: version
            for key, version in (versions if versions is not None else await self.versions()).items()
            for month, pipeline in [split_key(key)]
            if (first is None or month >= first)
            and (end is None or month < end)
            and (pipeline_id is None or pipeline == pipeline_id)
        }
        kept = {
            doc["_id"]: doc for doc in await find_by_ids(self._rollups, versions, {kind.name: 1, "built": 1})
        }
        found: list[MonthData] = []
        for key in sorted(versions):
            month, pipeline = split_key(key)
            doc = kept.get(key)
            if doc is not None and doc.get("built") == versions[key] and kind.name in doc:
                found.append((month, pipeline, orjson.loads(doc[kind.name])))
            else:
                views = await self._views(key, KIND_FIELDS[kind.name])
                found.append((month, pipeline, kind.partial(views, month)))
        return found
