"""Reports through the gateway, over real HTTP, from a read model projected from seeded histories;
every figure a manager would check is computed again here from the raw events."""

from __future__ import annotations

import csv
import io
import math
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import pytest

from contracts.envelope import new_event
from contracts.events.catalog import UserChanged
from contracts.registry import data_model_for
from servicekit.identity import Identity
from servicekit.mongo import open_client
from services.reporting.adapters.projection_store import MongoProjectionStore
from services.reporting.application.project_events import project_events
from tests.integration.gateway._system import System, running_system
from tests.integration.reporting import reference
from tests.support.histories import NOW, SYSTEM, USERS, generate

ADMIN = Identity(user_id="report-admin", role="ADMIN", name="Admin")
NORTH = Identity(user_id="report-manager", role="MANAGER", team="north", name="North manager")
REP = Identity(user_id="u-1", role="REP", team="north", name="Rep 1")
CHINESE_NAME = "王小明"
"""Rep 1 is renamed so that the exports carry Chinese characters."""

RENAMED = new_event(
    type="user.updated", source="/opportunity", subject="u-1", sequence=2,
    data=UserChanged(user=USERS[0].model_copy(update={"name": CHINESE_NAME, "version": 2}), by=SYSTEM),
)  # fmt: skip
EVENTS = [*generate(120, seed=11), RENAMED]
WORLD = reference.World(EVENTS)
START, END = (
    datetime.fromisoformat("2026-03-01T00:00:00+00:00"),
    datetime.fromisoformat("2026-09-01T00:00:00+00:00"),
)
PERIOD = {"from": START.isoformat(), "to": END.isoformat()}

TIME_IN_STAGE = """query($f: ReportFilterInput) { timeInStage(filter: $f) { pipelineId stages { stageKey reached
  overall { count } openStays { count meanSeconds medianSeconds p90Seconds } } } }"""


@pytest.fixture(scope="module")
async def system(mongodb_url: str, amqp_url: str) -> AsyncIterator[System]:
    database = f"t_{uuid.uuid4().hex[:12]}_reporting"
    client = open_client(mongodb_url)
    try:
        store = MongoProjectionStore(client, database)
        await store.prepare()
        await project_events(store, [(e, data_model_for(e.type).model_validate(e.data)) for e in EVENTS])
    finally:
        await client.close()
    async with running_system(
        mongodb_url, amqp_url, reporting_database=database, reporting_clock=lambda: NOW
    ) as running:
        yield running


def _stats(values: list[int]) -> dict[str, int] | None:
    if not values:
        return None
    ordered = sorted(values)
    mean = int((Decimal(sum(ordered)) / len(ordered)).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))

    def rank(p: int) -> int:
        return ordered[max(1, math.ceil(p * len(ordered) / 100)) - 1]

    return {"count": len(ordered), "meanSeconds": mean, "medianSeconds": rank(50), "p90Seconds": rank(90)}


def open_stay_ages(team: str | None = None) -> dict[tuple[str, str], list[int]]:
    """Every opportunity open now, by its pipeline and stage: seconds since it entered the stage."""
    ages: dict[tuple[str, str], list[int]] = defaultdict(list)
    for opportunity in WORLD.opps:
        last = WORLD.last(opportunity)
        if last["status"] == "OPEN" and (team is None or last["team"] == team):
            entered = datetime.fromisoformat(last["stage_entered_at"])
            ages[(last["pipeline_id"], last["stage"]["key"])].append(int((NOW - entered).total_seconds()))
    return ages


async def test_time_in_stage_shows_deals_still_sitting_in_a_stage_beside_ended_stays(system: System) -> None:
    report = (await system.data(ADMIN, TIME_IN_STAGE, {"f": PERIOD}))["timeInStage"]
    expected_open = {key: _stats(ages) for key, ages in open_stay_ages().items()}
    got_open = {
        (p["pipelineId"], s["stageKey"]): s["openStays"]
        for p in report
        for s in p["stages"]
        if s["openStays"]
    }
    assert got_open == expected_open
    assert sum(s["count"] for s in got_open.values()) == sum(
        1 for o in WORLD.opps if WORLD.last(o)["status"] == "OPEN"
    )
    # Ended stays and the funnel stay what they were, side by side with the open ones.
    ended = reference.stage_times(WORLD, START, END)["overall"]
    assert {(p["pipelineId"], s["stageKey"]): s["overall"]["count"] for p in report for s in p["stages"]
            if s["overall"]} == {key: figures[0] for key, figures in ended.items()}  # fmt: skip
    assert {
        (p["pipelineId"], s["stageKey"]): s["reached"] for p in report for s in p["stages"]
    } == reference.funnel(WORLD, START, END)


async def test_a_manager_sees_the_open_stays_of_their_own_team(system: System) -> None:
    report = (await system.data(NORTH, TIME_IN_STAGE, {"f": {**PERIOD, "team": "south"}}))["timeInStage"]
    got = {
        (p["pipelineId"], s["stageKey"]): s["openStays"]
        for p in report
        for s in p["stages"]
        if s["openStays"]
    }
    assert got == {key: _stats(ages) for key, ages in open_stay_ages("north").items()}


def _rows(body: bytes, encoding: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode(encoding))))


async def _export(
    system: System, identity: Identity | None, report: str, **params: Any
) -> tuple[int, dict[str, str], bytes]:
    headers = {"authorization": f"Bearer {system.token(identity)}"} if identity else {}
    response = await system.http.get(f"/export/{report}.csv", params=params, headers=headers)
    return response.status_code, dict(response.headers), response.content


@pytest.mark.parametrize(
    "report", ["appraisal", "overdue", "time-in-stage", "source-value", "forecast", "calibration"]
)
async def test_every_report_exports_as_csv_through_the_gateway(system: System, report: str) -> None:
    status, headers, body = await _export(system, ADMIN, report, **PERIOD)
    assert status == 200
    assert headers["content-type"].startswith("text/csv")
    assert body.startswith(b"\xef\xbb\xbf")
    assert _rows(body, "utf-8-sig")


async def test_an_export_in_big5_reads_back_in_chinese(system: System) -> None:
    _, _, utf8 = await _export(system, ADMIN, "appraisal", **PERIOD)
    status, headers, big5 = await _export(system, ADMIN, "appraisal", encoding="big5", **PERIOD)
    assert status == 200 and "big5" in headers["content-type"]
    assert not big5.startswith(b"\xef\xbb\xbf")
    assert CHINESE_NAME.encode("cp950") in big5
    assert _rows(big5, "cp950") == _rows(utf8, "utf-8-sig")
    assert CHINESE_NAME in {row["rep_name"] for row in _rows(big5, "cp950")}


async def test_an_export_is_scoped_like_the_report(system: System) -> None:
    _, _, body = await _export(system, NORTH, "time-in-stage", team="south", **PERIOD)
    stage_rows = [row for row in _rows(body, "utf-8-sig") if not row["rep_id"]]
    got = {
        (row["pipeline_id"], row["stage"]): int(row["open_now"]) for row in stage_rows if int(row["open_now"])
    }
    assert got == {key: len(ages) for key, ages in open_stay_ages("north").items()}
    _, _, everyone = await _export(system, ADMIN, "time-in-stage", **PERIOD)
    assert sum(int(r["open_now"]) for r in _rows(everyone, "utf-8-sig") if not r["rep_id"]) > sum(
        got.values()
    )
    # A manager's appraisal export is the manager's GraphQL appraisal, line for line.
    query = "query($f: ReportFilterInput) { repAppraisal(filter: $f) { reps { repId owned won lost } } }"
    owned = {}
    for identity in (NORTH, ADMIN):
        graphql = (await system.data(identity, query, {"f": PERIOD}))["repAppraisal"]["reps"]
        _, _, appraisal = await _export(system, identity, "appraisal", **PERIOD)
        rows = _rows(appraisal, "utf-8-sig")
        assert sorted((r["rep_id"], int(r["owned"]), int(r["won"]), int(r["lost"])) for r in rows) == sorted(
            (r["repId"], r["owned"], r["won"], r["lost"]) for r in graphql
        )
        owned[identity.role] = sum(int(r["owned"]) for r in rows)
    assert 0 < owned["MANAGER"] < owned["ADMIN"]


async def test_an_export_needs_a_manager_or_an_administrator(system: System) -> None:
    status, _, _ = await _export(system, None, "forecast")
    assert status == 401
    status, _, body = await _export(system, REP, "forecast")
    assert status == 403 and b"FORBIDDEN" in body
    status, _, body = await _export(system, ADMIN, "nonsense")
    assert status == 404 and b"NOT_FOUND" in body
    status, _, body = await _export(system, ADMIN, "forecast", encoding="latin-9")
    assert status == 400 and b"BAD_USER_INPUT" in body


CALIBRATION = """query($f: ReportFilterInput) { calibration(filter: $f) { pipelineId
  stages { stageKey configuredProbability reachedAndClosed won observedWinRate }
  bySource { sourceId sourceName stages { stageKey configuredProbability reachedAndClosed won observedWinRate } } } }"""


def calibration_by_source() -> dict[tuple[str, str, str], tuple[int, int, int, str | None]]:
    """(pipeline, source id or "", stage) -> configured probability, closed in the period that
    reached the stage, of those won, and the win rate."""
    found = {}
    for pipeline, stages in WORLD.stages.items():
        closed = [o for o in WORLD.opps if WORLD.last(o)["pipeline_id"] == pipeline and WORLD.last(o)["status"] != "OPEN"
                  and START <= datetime.fromisoformat(WORLD.last(o)["closed_at"]) < END]  # fmt: skip
        for source in {WORLD.last(o)["source_id"] or "" for o in closed}:
            mine = [o for o in closed if (WORLD.last(o)["source_id"] or "") == source]
            for key, stage in stages.items():
                if stage["kind"] == "OPEN":
                    reaching = [o for o in mine if WORLD.reached(o, stage["position"])]
                    won = sum(1 for o in reaching if WORLD.last(o)["status"] == "WON")
                    rate = (
                        str((Decimal(won) / len(reaching)).quantize(Decimal("0.0001"))) if reaching else None
                    )
                    found[(pipeline, source, key)] = (stage["probability"], len(reaching), won, rate)
    return found


async def test_calibration_by_source_sets_each_sources_win_rate_beside_the_stage_probability(
    system: System,
) -> None:
    report = (await system.data(ADMIN, CALIBRATION, {"f": PERIOD}))["calibration"]
    got = {
        (p["pipelineId"], s["sourceId"], st["stageKey"]):
            (st["configuredProbability"], st["reachedAndClosed"], st["won"], st["observedWinRate"])
        for p in report for s in p["bySource"] for st in s["stages"]
    }  # fmt: skip
    expected = calibration_by_source()
    assert got == expected
    assert len({source for _, source, _ in got}) >= 4
    names = {s["sourceId"]: s["sourceName"] for p in report for s in p["bySource"]}
    assert names["s-computex"] == "Computex" and names.get("", "(no source)") == "(no source)"
    # The per-stage figures are the sum over sources.
    for p in report:
        for i, stage in enumerate(p["stages"]):
            assert stage["reachedAndClosed"] == sum(s["stages"][i]["reachedAndClosed"] for s in p["bySource"])
    _, _, body = await _export(system, ADMIN, "calibration", **PERIOD)
    rows = [r for r in _rows(body, "utf-8-sig") if r["group"] == "source"]
    assert {(r["pipeline_id"], r["source_id"], r["stage"]): (int(r["reached_and_closed"]), int(r["won"]))
            for r in rows} == {key: (n, won) for key, (_, n, won, _) in expected.items()}  # fmt: skip
