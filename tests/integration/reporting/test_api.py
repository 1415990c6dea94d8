"""The GraphQL API and CSV exports over real HTTP (ASGI), against a projected read model."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from contracts.registry import data_model_for
from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from servicekit.mongo import open_client
from services.reporting.adapters.collections import GENERATIONS, STATE_ID
from services.reporting.adapters.projection_store import MongoProjectionStore
from services.reporting.api.app import create_app
from services.reporting.application.project_events import project_events
from services.reporting.settings import ReportingSettings
from tests.support.histories import NOW, generate

pytestmark = pytest.mark.asyncio(loop_scope="session")
SECRET = "reporting-test-secret-of-at-least-32-bytes"
ADMIN = Identity("u-admin", "ADMIN")
NORTH_MANAGER = Identity("u-m", "MANAGER", team="north")
REP = Identity("u-1", "REP", team="north")

APPRAISAL = """query($filter: ReportFilterInput, $v: Int) { repAppraisal(filter: $filter, policyVersion: $v) {
  policy { version creditRule } reps { repId owned won lost winRate score wonAmount { currency amount } } } }"""
EVERYTHING = """{ overdue { repId overdueCount opportunities { opportunityId daysOverdue } }
  timeInStage { pipelineId stages { stageKey overall { medianSeconds p90Seconds } reached } rotting { opportunityId } }
  sourceValue { byKind { key money { currency roi } } } forecast { byTeam { month group weighted } }
  calibration { stages { stageKey configuredProbability observedWinRate } } }"""


@pytest.fixture(scope="module")
async def http(mongodb_url: str) -> AsyncIterator[httpx.AsyncClient]:
    settings = ReportingSettings(mongodb_url=mongodb_url, database=f"t_{uuid.uuid4().hex[:12]}_reporting",
                                 internal_secret=SECRET, log_json=False)  # fmt: skip
    client = open_client(mongodb_url)
    store = MongoProjectionStore(client, settings.database)
    await store.prepare()
    events = generate(80, seed=3)
    await project_events(store, [(e, data_model_for(e.type).model_validate(e.data)) for e in events])
    app = create_app(settings, clock=lambda: NOW)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as http_client:
            yield http_client
    await client.close()


def _headers(identity: Identity | None) -> dict[str, str]:
    return {IDENTITY_HEADER: sign_identity(identity, SECRET)} if identity else {}


async def _gql(
    http: httpx.AsyncClient, query: str, identity: Identity | None = ADMIN, **variables: object
) -> dict:
    response = await http.post(
        "/graphql", json={"query": query, "variables": variables}, headers=_headers(identity)
    )
    return response.json()


async def test_a_call_without_a_valid_identity_is_refused(http) -> None:
    response = await http.post("/graphql", json={"query": "{ forecast { byRep { month } } }"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    forged = {IDENTITY_HEADER: sign_identity(ADMIN, "another-secret-that-is-at-least-32-bytes")}
    response = await http.post("/graphql", json={"query": "{ forecast { byRep { month } } }"}, headers=forged)
    assert response.status_code == 401


async def test_health_and_metrics_need_no_identity(http) -> None:
    assert (await http.get("/health/live")).status_code == 200
    assert (await http.get("/health/ready")).status_code == 200
    assert (await http.get("/metrics")).status_code == 200


async def test_an_administrator_gets_every_report(http) -> None:
    body = await _gql(http, EVERYTHING)
    assert "errors" not in body, body
    data = body["data"]
    assert data["overdue"] and data["timeInStage"] and data["calibration"]
    assert {k["key"] for k in data["sourceValue"]["byKind"]} >= {"TRADE_SHOW", "EXPO"}


async def test_a_rep_reads_their_own_appraisal_row_and_no_other_report(http) -> None:
    body = await _gql(http, APPRAISAL, identity=REP)
    assert [r["repId"] for r in body["data"]["repAppraisal"]["reps"]] == [REP.user_id]
    other = await _gql(http, "{ overdue { repId } }", identity=REP)
    assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_manager_sees_only_their_team(http) -> None:
    everyone = await _gql(http, APPRAISAL)
    north = await _gql(http, APPRAISAL, identity=NORTH_MANAGER)
    assert sum(r["won"] for r in north["data"]["repAppraisal"]["reps"]) < sum(
        r["won"] for r in everyone["data"]["repAppraisal"]["reps"]
    )
    other = await _gql(http, APPRAISAL, identity=NORTH_MANAGER, filter={"team": "south"})
    assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_period_that_ends_before_it_starts_is_a_clear_error(http) -> None:
    body = await _gql(
        http, APPRAISAL, filter={"from": "2026-05-01T00:00:00+00:00", "to": "2026-04-01T00:00:00+00:00"}
    )
    assert body["errors"][0]["extensions"]["code"] == "INVALID_PERIOD"


async def test_a_saved_policy_is_versioned_and_named_by_the_report(http) -> None:
    before = await _gql(http, APPRAISAL)
    assert before["data"]["repAppraisal"]["policy"] == {"version": 0, "creditRule": "OWNER_AT_CLOSE"}
    saved = await _gql(
        http,
        """mutation { setAppraisalPolicy(input: {baseReward: "200", newCustomerBonus: "0", newProductBonus: "0",
           creditRule: SHARED_BY_TIME_OWNED}) { version creditRule createdBy } }""",
    )
    assert saved["data"]["setAppraisalPolicy"] == {
        "version": 1,
        "creditRule": "SHARED_BY_TIME_OWNED",
        "createdBy": "u-admin",
    }
    after = await _gql(http, APPRAISAL)
    assert after["data"]["repAppraisal"]["policy"]["version"] == 1
    replayed = await _gql(http, APPRAISAL, v=0)
    assert replayed["data"]["repAppraisal"]["reps"] == before["data"]["repAppraisal"]["reps"]
    missing = await _gql(http, APPRAISAL, v=99)
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_rep_may_not_change_the_policy(http) -> None:
    body = await _gql(
        http,
        """mutation { setAppraisalPolicy(input: {baseReward: "1", newCustomerBonus: "0", newProductBonus: "0",
           creditRule: OWNER_AT_CLOSE}) { version } }""",
        identity=REP,
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    "report", ["appraisal", "overdue", "time-in-stage", "source-value", "forecast", "calibration"]
)
async def test_each_report_exports_as_csv_with_the_same_filters(http, report: str) -> None:
    response = await http.get(
        f"/export/{report}.csv", params={"from": "2026-01-01T00:00:00+00:00", "to": "2026-12-01T00:00:00+00:00"},
        headers=_headers(ADMIN),
    )  # fmt: skip
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert len(rows) > 1 and len({len(r) for r in rows}) == 1


async def test_a_csv_export_checks_identity_and_names(http) -> None:
    assert (await http.get("/export/forecast.csv")).status_code == 401
    assert (await http.get("/export/forecast.csv", headers=_headers(REP))).status_code == 403
    assert (await http.get("/export/nonsense.csv", headers=_headers(ADMIN))).status_code == 404
    bad = await http.get("/export/forecast.csv", params={"from": "yesterday"}, headers=_headers(ADMIN))
    assert bad.status_code == 400 and bad.json()["errors"][0]["extensions"]["code"] == "INVALID_PERIOD"


ROTTING = """query($limit: Int!) { timeInStage(rottingLimit: $limit) {
  pipelineId rottingCount stages { stageKey rottingCount } rotting { opportunityId daysInStage } } }"""


async def test_time_in_stage_lists_the_longest_rotting_and_counts_them_all(http) -> None:
    every = (await _gql(http, ROTTING, limit=1000))["data"]["timeInStage"]
    pipeline = max(every, key=lambda p: p["rottingCount"])
    assert pipeline["rottingCount"] == len(pipeline["rotting"]) > 2
    assert pipeline["rottingCount"] == sum(s["rottingCount"] for s in pipeline["stages"])
    two = next(
        p
        for p in (await _gql(http, ROTTING, limit=2))["data"]["timeInStage"]
        if p["pipelineId"] == pipeline["pipelineId"]
    )
    assert two["rotting"] == pipeline["rotting"][:2]
    assert two["rottingCount"] == pipeline["rottingCount"]
    days = [r["daysInStage"] for r in pipeline["rotting"]]
    assert days == sorted(days, reverse=True)


@pytest.mark.parametrize("limit", [0, 1001])
async def test_a_rotting_limit_out_of_range_is_a_clear_error(http, limit) -> None:
    body = await _gql(http, ROTTING, limit=limit)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "rottingLimit" in body["errors"][0]["message"]


async def test_reports_say_they_are_not_ready_while_an_upgrade_keys_the_documents(mongodb_url) -> None:
    settings = ReportingSettings(mongodb_url=mongodb_url, database=f"t_{uuid.uuid4().hex[:12]}_reporting",
                                 internal_secret=SECRET, log_json=False, read_cache_seconds=0)  # fmt: skip
    client = open_client(mongodb_url)
    # As an earlier version left it: a generation whose documents have no rollup keys yet.
    await client[settings.database][GENERATIONS].insert_one({"_id": STATE_ID, "active": 1, "building": None})
    app = create_app(settings, clock=lambda: NOW)
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://reporting") as http:
                body = await _gql(http, APPRAISAL)
                csv_response = await http.get("/export/forecast.csv", headers=_headers(ADMIN))
    finally:
        await client.drop_database(settings.database)
        await client.close()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "try again" in body["errors"][0]["message"].lower()
    assert csv_response.status_code == 503
