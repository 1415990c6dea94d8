"""Month rollups stay exact: after an upgrade from documents without them, when the projection
dies between its write and its mark, and when a rollup is rebuilt while the projection moves on.
Each compares the reports from rollups (whole months, and a period starting and ending
mid-month) with the per-opportunity rules over every document."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from bson import Binary
from prometheus_client import REGISTRY

from contracts.registry import data_model_for
from services.reporting.adapters.collections import GENERATIONS, STATE_ID, Generation
from services.reporting.adapters.documents import view_from_document
from services.reporting.adapters.projection_store import MongoProjectionStore
from services.reporting.adapters.rollup_members import Listed
from services.reporting.adapters.rollup_store import KIND_FIELDS, MongoRollups
from services.reporting.application.policies import policy_in_force
from services.reporting.application.project_events import project_events
from services.reporting.application.rollups import keep_rollups
from services.reporting.bootstrap import build_services
from services.reporting.domain.errors import ReportsNotReady
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports.appraisal import rep_appraisal
from services.reporting.domain.reports.calibration import calibration
from services.reporting.domain.reports.overdue import overdue_by_rep
from services.reporting.domain.reports.source_value import source_value
from services.reporting.domain.reports.time_in_stage import time_in_stage
from services.reporting.domain.rollups.kinds import KINDS, split_key
from services.reporting.domain.view import OpportunityView
from services.reporting.settings import ReportingSettings
from tests.integration.reporting.harness import wait_for
from tests.support.histories import NOW, generate

PERIODS = (
    ReportFilter(),  # whole months, open-ended
    ReportFilter(
        datetime(2026, 3, 10, 15, 30, tzinfo=UTC), datetime(2026, 8, 20, 8, tzinfo=UTC), "p-software"
    ),
    # Whole days: its edges come from the blocks of days of built rollups.
    ReportFilter(datetime(2026, 4, 12, tzinfo=UTC), datetime(2026, 9, 3, tzinfo=UTC)),
    # Taipei's March to June (UTC+8): edges at 16:00 UTC, from blocks of quarter hours too.
    ReportFilter(datetime(2026, 2, 28, 16, tzinfo=UTC), datetime(2026, 6, 30, 16, tzinfo=UTC)),
    # Edges to the second: the parts of their quarter hours from the opportunities listed there.
    ReportFilter(datetime(2026, 3, 17, 9, 41, 26, tzinfo=UTC), datetime(2026, 7, 2, 13, 3, 9, tzinfo=UTC)),
)


def _parsed(events):
    return [(e, data_model_for(e.type).model_validate(e.data)) for e in events]


def _figures(appraisal, overdue, calibration, source_value, stage_times) -> tuple:
    return (
        [(r.rep_id, r.owned, r.won, r.lost, r.won_amount, r.average_cycle_seconds, r.overdue, r.score)
         for r in appraisal.reps],
        overdue, calibration, source_value,
        [(p.pipeline_id, p.stages, p.rotting, p.rotting_count) for p in stage_times],
    )  # fmt: skip


async def _from_rollups(reports, flt: ReportFilter) -> tuple:
    return _figures(
        await reports.rep_appraisal(flt), await reports.overdue(flt), await reports.calibration(flt),
        await reports.source_value(flt), await reports.time_in_stage(flt),
    )  # fmt: skip


async def _by_the_rules(reports, client, database: str, flt: ReportFilter) -> tuple:
    """The per-opportunity rules over every document of the generation."""
    catalog = await (await reports.reader.active()).catalog()
    policy = await policy_in_force(reports.policies, reports.policy_defaults, reports.clock)
    views = [view_from_document(doc) async for doc in client[database][Generation(1).opportunities].find()]
    conversion, today = reports.conversion, NOW.date()
    return _figures(
        rep_appraisal(views, catalog, policy, flt, today, conversion),
        overdue_by_rep(views, catalog, flt, today, conversion),
        calibration(views, catalog, flt),
        source_value(views, catalog, flt, conversion),
        time_in_stage(views, catalog, flt, NOW),
    )


async def _reports_agree(reports, client, database: str) -> None:
    """The reports from rollups equal the per-opportunity rules over the documents."""
    by_rollup = [await _from_rollups(reports, flt) for flt in PERIODS]
    by_rules = [await _by_the_rules(reports, client, database, flt) for flt in PERIODS]
    assert by_rollup == by_rules
    assert all(figures[0] and figures[1] and figures[4] for figures in by_rollup)  # not vacuous


def _reports(database: str, client):
    return build_services(
        ReportingSettings(database=database, read_cache_seconds=0), client, clock=lambda: NOW
    ).reports


async def _projected(names, mongo_client, events) -> tuple[str, MongoProjectionStore]:
    """A reporting database of its own with ``events`` projected into it."""
    database = names.db("reporting")
    store = MongoProjectionStore(mongo_client, database)
    await store.prepare()
    await project_events(store, _parsed(events))
    return database, store


async def test_a_store_from_before_rollups_is_keyed_at_start_up(names, mongo_client) -> None:
    database, store = await _projected(names, mongo_client, generate(60, seed=8))
    # As an earlier version left it: no rollup keys, no rollups or lists, not marked ready.
    db = mongo_client[database]
    await db[Generation(1).opportunities].update_many({}, {"$unset": {"rollup_keys": ""}})
    for collection in (Generation(1).rollups, Generation(1).rollup_versions, Generation(1).rollup_members):
        await db.drop_collection(collection)
    await db[GENERATIONS].update_one({"_id": STATE_ID}, {"$unset": {"rollups_ready": ""}})
    with pytest.raises(ReportsNotReady):  # reports wait for the keys, rather than read every document
        await _reports(database, mongo_client).rep_appraisal(PERIODS[0])

    await MongoProjectionStore(mongo_client, database).prepare()  # a consumer starts

    assert await db[Generation(1).opportunities].count_documents({"rollup_keys": {"$exists": False}}) == 0
    assert await store.build_rollups() > 0
    assert await MongoRollups(db, Generation(1)).dirty() == []
    assert await db[Generation(1).rollups].count_documents({}) > 0
    reports = _reports(database, mongo_client)
    assert (await reports.reader.active()).has_rollups
    await _reports_agree(reports, mongo_client, database)


async def test_what_an_earlier_layout_built_is_rebuilt_not_taken_for_current(names, mongo_client) -> None:
    database, store = await _projected(names, mongo_client, generate(60, seed=15))
    # As the layout before this one left it: each rollup counting its own marks and builds, its
    # day partials beside it, figures that are now wrong, and no version document.
    db = mongo_client[database]
    generation = Generation(1)
    keys = set(await MongoRollups(db, generation).versions())
    await db.drop_collection(generation.rollup_versions)
    wrong = Binary(b"[]")
    for key in keys:
        month, pipeline_id = split_key(key)
        old = {"month": month, "pipeline_id": pipeline_id, "version": 1, "built": 1}
        await db[generation.rollups].insert_one({"_id": key, **old, **{kind.name: wrong for kind in KINDS}})
        await db[generation.rollup_days].insert_one({"_id": key, "version": 1, "appraisal": wrong})
    await db[GENERATIONS].update_one({"_id": STATE_ID}, {"$set": {"rollups_ready": ["1/3"]}})

    await MongoProjectionStore(mongo_client, database).prepare()  # a consumer of this version starts
    assert set(await MongoRollups(db, generation).dirty()) == keys
    await store.build_rollups()
    await _reports_agree(_reports(database, mongo_client), mongo_client, database)


class _MarkFails(MongoProjectionStore):
    async def mark_rollups(self, generation, keys) -> None:
        raise ConnectionError("the database went away")


async def test_a_batch_that_died_before_marking_marks_when_it_is_redelivered(names, mongo_client) -> None:
    database = names.db("reporting")
    store = MongoProjectionStore(mongo_client, database)
    await store.prepare()
    events = generate(60, seed=9)
    first, last = events[: len(events) // 2], events[len(events) // 2 :]
    await project_events(store, _parsed(first))
    await store.build_rollups()
    try:
        await project_events(_MarkFails(mongo_client, database), _parsed(last))
    except ConnectionError:
        pass  # the batch is not acknowledged: the broker delivers it again
    else:
        raise AssertionError("the batch should have failed")
    await project_events(store, _parsed(last))  # the redelivery: every fact is a duplicate now
    assert await store.build_rollups() > 0
    await _reports_agree(_reports(database, mongo_client), mongo_client, database)


async def test_a_rollup_the_projection_changes_while_it_is_built_stays_dirty(names, mongo_client) -> None:
    database = names.db("reporting")
    store = MongoProjectionStore(mongo_client, database)
    await store.prepare()
    events = generate(40, seed=10)
    await project_events(store, _parsed(events[: len(events) // 2]))
    rollups = MongoRollups(mongo_client[database], Generation(1))
    key = (await rollups.dirty())[0]

    class _Overtaken(MongoRollups):
        async def _views(
            self, rollup_key: str, fields: tuple[str, ...] | None = None, listed: Listed | None = None
        ) -> list[OpportunityView]:
            views = await super()._views(rollup_key, fields, listed)
            await rollups.mark({rollup_key})  # the projection writes while the builder reads
            return views

    assert not await _Overtaken(mongo_client[database], Generation(1)).build(key)
    assert key in await rollups.dirty()
    await project_events(store, _parsed(events[len(events) // 2 :]))
    await store.build_rollups()
    assert await rollups.dirty() == []
    await _reports_agree(_reports(database, mongo_client), mongo_client, database)


async def test_the_consumer_keeps_rebuilding_what_the_projection_marks(names, mongo_client) -> None:
    database = names.db("reporting")
    store = MongoProjectionStore(mongo_client, database)
    await store.prepare()
    rollups = MongoRollups(mongo_client[database], Generation(1))
    built_before = _metric("reporting_rollups_built_total", outcome="built")
    stop = asyncio.Event()
    builder = asyncio.create_task(keep_rollups(store, stop, interval=0.05))
    try:
        events = generate(40, seed=12)
        for part in (events[:100], events[100:]):
            await project_events(store, _parsed(part))
            # The builder rests nine times as long as its last round took: a round slowed to a
            # few seconds by a busy machine means a rest of half a minute.
            await wait_for(lambda: _all_built(rollups), timeout=120, what="rollups rebuilt")
    finally:
        stop.set()
        await builder
    await _reports_agree(_reports(database, mongo_client), mongo_client, database)
    # What an operator watches on /metrics: rebuilds counted, nothing left dirty.
    assert _metric("reporting_rollups_built_total", outcome="built") > built_before
    assert _metric("reporting_rollups_dirty") == 0


def _metric(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def _all_built(rollups: MongoRollups) -> bool:
    return not await rollups.dirty()


async def test_a_month_not_rebuilt_yet_reads_only_its_reports_fields_and_gets_the_same(
    names, mongo_client
) -> None:
    database, _ = await _projected(names, mongo_client, generate(60, seed=13))
    rollups = MongoRollups(mongo_client[database], Generation(1))
    keys = await rollups.dirty()
    assert len(keys) > 10
    for key in keys:
        month, _ = split_key(key)
        every_field = await rollups._views(key)
        for kind in KINDS:
            narrow = await rollups._views(key, KIND_FIELDS[kind.name])
            assert kind.partial(narrow, month) == kind.partial(every_field, month), (kind.name, key)


async def test_a_period_between_quarter_hours_reads_no_opportunity_once_its_months_are_built(
    names, mongo_client, monkeypatch
) -> None:
    database, store = await _projected(names, mongo_client, generate(60, seed=14))
    await store.build_rollups()
    reports = _reports(database, mongo_client)
    whole_days = ReportFilter(datetime(2026, 4, 12, tzinfo=UTC), datetime(2026, 9, 3, tzinfo=UTC))
    taipei_days = ReportFilter(datetime(2026, 4, 11, 16, tzinfo=UTC), datetime(2026, 9, 2, 16, tzinfo=UTC))
    to_the_second = ReportFilter(
        datetime(2026, 4, 11, 16, 7, 5, tzinfo=UTC), datetime(2026, 9, 2, 9, 59, tzinfo=UTC)
    )
    expected = {
        flt: await _by_the_rules(reports, mongo_client, database, flt)
        for flt in (whole_days, taipei_days, to_the_second)
    }

    async def no_reading(self, rollup_key: str, fields: tuple[str, ...] | None = None) -> list:
        raise AssertionError(f"read the opportunities of {rollup_key}")

    listed: list[str] = []
    by_id = MongoRollups._views_by_id

    def counted(self, ids: list[str], fields: tuple[str, ...]):
        listed.extend(ids)
        return by_id(self, ids, fields)

    monkeypatch.setattr(MongoRollups, "_views", no_reading)
    monkeypatch.setattr(MongoRollups, "_views_by_id", counted)
    assert await _from_rollups(reports, whole_days) == expected[whole_days]
    assert await _from_rollups(reports, taipei_days) == expected[taipei_days]
    assert listed == []
    # Edges to the second read only the opportunities listed in their quarter hours.
    assert await _from_rollups(reports, to_the_second) == expected[to_the_second]
    assert len(set(listed)) < 10
    # A month marked since its build is computed from its opportunities again.
    await MongoRollups(mongo_client[database], Generation(1)).mark({"2026-04|p-software"})
    with pytest.raises(AssertionError, match="2026-04"):
        await reports.rep_appraisal(whole_days)
