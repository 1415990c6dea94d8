"""Reports through the gateway, over real HTTP, from a read model projected from seeded histories;
every figure a manager would check is computed again here from the raw events."""

from __future__ import annotations

import csv
import io
import math
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import pytest

from contracts.envelope import new_event
from contracts.events._base import Money, SourceCostKind, SourceKind
from contracts.events.catalog import SourceChanged, SourceCost, SourceSnapshot, UserChanged
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
ROADSHOW = SourceSnapshot(
    id="s-roadshow",
    name="Roadshow",
    kind=SourceKind.EXCHANGE_MEETING,
    version=1,
    costs=[
        SourceCost(
            kind=SourceCostKind.BOOTH_FEE,
            amount=Money(amount=Decimal("60000"), currency="TWD"),
            starts_on=date(2026, 4, 10),
            ends_on=date(2026, 4, 19),
        ),
        SourceCost(
            kind=SourceCostKind.TRAVEL,
            amount=Money(amount=Decimal("1000"), currency="USD"),
            starts_on=date(2026, 4, 9),
        ),
    ],
)
"""A source that cost money and brought no lead at all."""
UNDATED = SourceSnapshot(
    id="s-undated",
    name="Old directory listing",
    kind=SourceKind.OTHER,
    version=1,
    cost=Money(amount=Decimal("5000"), currency="TWD"),
)
"""A single cost as earlier versions kept it, on a source with no dates: its whole life only."""
NEW_SOURCES = [
    new_event(type="source.created", source="/opportunity", subject=s.id, sequence=1,
              data=SourceChanged(source=s, by=SYSTEM))
    for s in (ROADSHOW, UNDATED)
]  # fmt: skip
EVENTS = [*generate(120, seed=11), RENAMED, *NEW_SOURCES]
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
        mongodb_url,
        amqp_url,
        reporting_database=database,
        reporting_clock=lambda: NOW,
        reporting_currency="TWD",
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
    system: System, identity: Identity | None, report: str, language: str = "en", **params: Any
) -> tuple[int, dict[str, str], bytes]:
    headers = {"authorization": f"Bearer {system.token(identity)}"} if identity else {}
    headers["accept-language"] = language  # English: the column names programs know
    response = await system.http.get(f"/export/{report}.csv", params=params, headers=headers)
    return response.status_code, dict(response.headers), response.content


@pytest.mark.parametrize(
    "report",
    ["appraisal", "overdue", "time-in-stage", "source-value", "forecast", "calibration", "lost-reasons"],
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


async def test_an_export_read_in_zh_tw_has_chinese_column_labels(system: System) -> None:
    _, _, english = await _export(system, ADMIN, "appraisal", **PERIOD)
    _, _, chinese = await _export(system, ADMIN, "appraisal", language="zh-TW", **PERIOD)
    first_line = chinese.decode("utf-8-sig").splitlines()[0]
    assert first_line.startswith("考核政策版本,業務編號,業務姓名,負責件數,成交,失單,成交率")
    assert english.decode("utf-8-sig").splitlines()[0].startswith("policy_version,rep_id,rep_name")
    # The same figures under either header.
    assert chinese.decode("utf-8-sig").splitlines()[1:] == english.decode("utf-8-sig").splitlines()[1:]


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


RATES = [("USD", "2026-01-01", "30"), ("USD", "2026-04-15", "32.5")]
SET_RATE = """mutation($i: ExchangeRateInput!) { setExchangeRate(input: $i) { currency reportingCurrency validFrom rate } }"""
SOURCE_VALUE = """query($f: ReportFilterInput) { sourceValue(filter: $f) {
  bySource { key opportunities won money { currency cost roi costPerWon costPerLead wonRevenue } }
  byKind { key money { currency cost } }
  lifetimeBySource { key opportunities won money { currency cost roi costPerWon costPerLead wonRevenue } } } }"""
CENT = Decimal("0.01")


def _rate_on(day: date) -> Decimal:
    """The USD rate in force on the day: the last one set from that day or before."""
    return [Decimal(r) for _, d, r in sorted(RATES, key=lambda x: x[1]) if date.fromisoformat(d) <= day][-1]


def cost_in_twd(source: dict, start: datetime | None, end: datetime | None) -> Decimal:
    """What the source spent in [start, end), every USD cost at the rate of its first day: each
    cost spread over the seconds of its days; an undated single cost counts in its whole life only."""
    entries = [
        (c["amount"], c["starts_on"], c.get("ends_on") or c["starts_on"]) for c in source.get("costs") or []
    ]
    if not entries and source.get("cost"):
        if not source.get("starts_on"):
            return Decimal(source["cost"]["amount"]) if start is None and end is None else Decimal(0)
        entries = [(source["cost"], source["starts_on"], source.get("ends_on") or source["starts_on"])]
    total = Decimal(0)
    for money, first_day, last_day in entries:
        first = datetime.fromisoformat(first_day).replace(tzinfo=UTC)
        after = datetime.fromisoformat(last_day).replace(tzinfo=UTC) + timedelta(days=1)
        low, high = max(first, start or first), min(after, end or after)
        if high <= low:
            continue
        part = (
            Decimal(money["amount"])
            * Decimal((high - low) / timedelta(microseconds=1))
            / Decimal((after - first) / timedelta(microseconds=1))
        )
        total += part * (_rate_on(date.fromisoformat(first_day)) if money["currency"] == "USD" else 1)
    return total


def expected_sources(start: datetime | None, end: datetime | None) -> dict[str, tuple]:
    """Per source: leads created in the period, wins, and the TWD line's cost, ROI, cost per win
    and per lead (a source shows when it had a lead or a cost in the period)."""
    rows: dict[str, list] = defaultdict(lambda: [0, 0, Decimal(0)])
    for opportunity in WORLD.opps:
        last = WORLD.last(opportunity)
        if (start is None or datetime.fromisoformat(last["created_at"]) >= start) and (
            end is None or datetime.fromisoformat(last["created_at"]) < end
        ):
            row = rows[last["source_id"] or ""]
            row[0] += 1
            if last["status"] == "WON":
                row[1] += 1
                row[2] += Decimal(last["value"]["amount"]) if last["value"]["currency"] == "TWD" else 0
    found = {}
    for source_id in set(rows) | set(WORLD.sources):
        cost = cost_in_twd(WORLD.sources[source_id], start, end) if source_id in WORLD.sources else Decimal(0)
        if source_id not in rows and not cost:
            continue
        leads, won, revenue = rows[source_id]
        found[source_id] = (
            leads,
            won,
            cost.quantize(CENT) if cost else None,
            ((revenue - cost) / cost).quantize(Decimal("0.0001")) if cost else None,
            (cost / won).quantize(CENT) if cost and won else None,
            (cost / leads).quantize(CENT) if cost and leads else None,
        )
    return found


def _got(rows: list[dict]) -> dict[str, tuple]:
    found = {}
    for row in rows:
        twd: dict = next((m for m in row["money"] if m["currency"] == "TWD"), {"cost": "0"})
        cost = Decimal(twd["cost"]) or None
        found[row["key"]] = (
            row["opportunities"], row["won"], cost,
            *(Decimal(twd[k]) if cost and twd[k] is not None else None for k in ("roi", "costPerWon", "costPerLead")),
        )  # fmt: skip
    return found


@pytest.fixture(scope="module")
async def rates(system: System) -> None:
    for currency, valid_from, rate in RATES:
        saved = await system.data(
            ADMIN, SET_RATE, {"i": {"currency": currency, "validFrom": valid_from, "rate": rate}}
        )
        assert saved["setExchangeRate"]["reportingCurrency"] == "TWD"


async def test_a_periods_cost_is_what_each_source_spent_in_it_at_the_rate_of_its_date(
    system: System, rates
) -> None:
    april = {"from": "2026-04-01T00:00:00+00:00", "to": "2026-05-01T00:00:00+00:00"}
    report = (await system.data(ADMIN, SOURCE_VALUE, {"f": april}))["sourceValue"]
    start, end = datetime.fromisoformat(april["from"]), datetime.fromisoformat(april["to"])
    expected = expected_sources(start, end)
    assert _got(report["bySource"]) == expected
    # The roadshow brought no lead and still shows, with its booth fee and its trip at April 9's rate.
    assert expected["s-roadshow"] == (0, 0, Decimal("90000.00"), Decimal("-1.0000"), None, None)
    # Hannover Messe's single cost of an earlier version lies in the show's days (April 20-24),
    # at the rate in force from April 15.
    assert expected["s-hannover"][2] == Decimal("585000.00")
    assert "s-undated" not in _got(report["bySource"])
    kinds = {
        k["key"]: sum(Decimal(m["cost"]) for m in k["money"] if m["currency"] == "TWD")
        for k in report["byKind"]
    }
    assert kinds["EXCHANGE_MEETING"] == Decimal("90000.00")


async def test_a_sources_whole_life_counts_every_cost_once(system: System, rates) -> None:
    report = (await system.data(ADMIN, SOURCE_VALUE, {"f": PERIOD}))["sourceValue"]
    lifetime = _got(report["lifetimeBySource"])
    assert lifetime == expected_sources(None, None)
    assert lifetime["s-undated"][2] == Decimal("5000.00")
    # The months of the year add up to the whole life: no cost counted in two periods.
    for source_id in ("s-expo", "s-computex", "s-medtec", "s-roadshow"):
        monthly = Decimal(0)
        for month in range(1, 13):
            first = datetime(2026, month, 1, tzinfo=UTC)
            after = datetime(2026 + month // 12, month % 12 + 1, 1, tzinfo=UTC)
            rows = await system.data(
                ADMIN, SOURCE_VALUE, {"f": {"from": first.isoformat(), "to": after.isoformat()}}
            )
            monthly += _got(rows["sourceValue"]["bySource"]).get(source_id, (0, 0, None))[2] or 0
        assert abs(monthly - lifetime[source_id][2]) <= Decimal("0.06")
    _, _, body = await _export(system, ADMIN, "source-value", **PERIOD)
    exported = {
        r["key"]: r["cost"]
        for r in _rows(body, "utf-8-sig")
        if r["group"] == "source lifetime" and r["currency"] == "TWD"
    }
    assert Decimal(exported["s-roadshow"]) == lifetime["s-roadshow"][2]


async def test_only_an_administrator_keeps_rates_and_a_bad_rate_changes_nothing(
    system: System, rates
) -> None:
    before = (await system.data(ADMIN, "{ exchangeRates { currency validFrom rate } }"))["exchangeRates"]
    assert [(r["currency"], r["validFrom"], Decimal(r["rate"])) for r in before] == [
        (c, d, Decimal(r)) for c, d, r in RATES
    ]
    refused = await system.ask(
        NORTH, SET_RATE, {"i": {"currency": "JPY", "validFrom": "2026-01-01", "rate": "0.2"}}
    )
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    for bad in (
        {"currency": "US", "rate": "30"},
        {"currency": "USD", "rate": "-1"},
        {"currency": "TWD", "rate": "1"},
    ):
        answer = await system.ask(ADMIN, SET_RATE, {"i": {"validFrom": "2026-02-01", **bad}})
        assert answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", answer
    after = (await system.data(NORTH, "{ exchangeRates { currency validFrom rate } }"))["exchangeRates"]
    assert after == before
