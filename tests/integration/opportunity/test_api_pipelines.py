"""Pipelines, users and sources through the API: admin-only changes, history that survives
stage renames, reorders and retirements, and one event per change."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.integration.opportunity._graphql import (
    ADMIN,
    MANAGER_NORTH,
    REP_1,
    Api,
    GraphQLFailure,
    running_api,
)

PIPELINE = "query($id: ID!) { pipeline(id: $id) { id version alertDaysBeforeClose isDefault stages { key nameEn nameZh probability kind position retired rottingDays } } }"
UPDATE_STAGE = (
    "mutation($input: UpdateStageInput!) { updateStage(input: $input) { version stages { key nameEn } } }"
)
REORDER = "mutation($input: ReorderStagesInput!) { reorderStages(input: $input) { version stages { key position } } }"
RETIRE = "mutation($input: RetireStageInput!) { retireStage(input: $input) { version stages(includeRetired: false) { key } } }"
ADD_STAGE = (
    "mutation($input: AddStageInput!) { addStage(input: $input) { version stages { key probability } } }"
)
CREATE_PIPELINE = (
    "mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id version stages { key } } }"
)


@pytest.fixture(scope="module")
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url) as api:
        yield api


async def _pipeline(api: Api, id: str = "default") -> dict[str, Any]:
    return (await api.call(PIPELINE, {"id": id}))["pipeline"]


async def test_start_up_seeds_the_default_pipeline_once_and_publishes_it(api: Api) -> None:
    pipeline = await _pipeline(api)
    assert pipeline["isDefault"] and pipeline["alertDaysBeforeClose"] == 7
    assert [s["probability"] for s in pipeline["stages"]] == [10, 20, 30, 40, 50, 60, 75, 90, 100, 0]
    assert pipeline["stages"][7]["nameZh"] == "談判審核"
    rows = await api.outbox("default")
    assert [r["type"] for r in rows][:1] == ["pipeline.created"]


async def test_renaming_reordering_and_retiring_stages_keep_opportunity_history(api: Api) -> None:
    opp = await api.create()
    opp = await api.move(opp, "validate")
    opp = await api.move(opp, "needs_analysis")
    version = (await _pipeline(api))["version"]
    updates_before = [r["type"] for r in await api.outbox("default")].count("pipeline.updated")

    renamed = (await api.call(UPDATE_STAGE, {"input": {"pipelineId": "default", "expectedVersion": version,
                                                       "key": "validate", "nameEn": "Qualify"}}))["updateStage"]  # fmt: skip
    keys = [s["key"] for s in renamed["stages"]]
    keys[1], keys[2] = keys[2], keys[1]
    reordered = (await api.call(REORDER, {"input": {"pipelineId": "default", "expectedVersion": renamed["version"],
                                                    "stageKeys": keys}}))["reorderStages"]  # fmt: skip
    assert [s["key"] for s in reordered["stages"]][1:3] == ["needs_analysis", "validate"]
    retired = (await api.call(RETIRE, {"input": {"pipelineId": "default", "expectedVersion": reordered["version"],
                                                 "key": "validate"}}))["retireStage"]  # fmt: skip
    assert "validate" not in [s["key"] for s in retired["stages"]]

    history = (await api.get(opp["id"]))["stageHistory"]
    assert [(v["stage"]["key"], v["stage"]["nameEn"]) for v in history] == [
        ("discover", "Discover"), ("validate", "Validate"), ("needs_analysis", "Needs analysis"),
    ]  # fmt: skip
    with pytest.raises(GraphQLFailure) as caught:
        await api.move(opp, "validate")
    assert caught.value.code == "STAGE_RETIRED"
    types = [r["type"] for r in await api.outbox("default")]
    assert types.count("pipeline.updated") == updates_before + 3


async def test_a_new_stage_needs_a_fresh_key_and_valid_probability(api: Api) -> None:
    version = (await _pipeline(api))["version"]
    added = (await api.call(ADD_STAGE, {"input": {"pipelineId": "default", "expectedVersion": version, "position": 4,
             "stage": {"key": "sample", "nameZh": "樣品", "nameEn": "Sample", "probability": 45, "rottingDays": 10}}}))["addStage"]  # fmt: skip
    assert added["stages"][4] == {"key": "sample", "probability": 45}
    with pytest.raises(GraphQLFailure) as caught:
        await api.call(ADD_STAGE, {"input": {"pipelineId": "default", "expectedVersion": added["version"],
                       "stage": {"key": "sample", "nameZh": "樣品", "nameEn": "Sample", "probability": 45}}})  # fmt: skip
    assert caught.value.code == "BAD_USER_INPUT" and caught.value.details["field"] == "key"


async def test_a_pipeline_needs_exactly_one_won_and_a_lost_stage(api: Api) -> None:
    stages = [{"key": "a", "nameZh": "甲", "nameEn": "A", "probability": 10},
              {"key": "b", "nameZh": "乙", "nameEn": "B", "probability": 100, "kind": "WON"},
              {"key": "c", "nameZh": "丙", "nameEn": "C", "probability": 100, "kind": "WON"}]  # fmt: skip
    with pytest.raises(GraphQLFailure) as caught:
        await api.call(CREATE_PIPELINE, {"input": {"name": "Short", "stages": stages}})
    assert caught.value.code == "BAD_USER_INPUT" and caught.value.details["field"] == "stages"
    stages[2] = {"key": "c", "nameZh": "丙", "nameEn": "C", "probability": 0, "kind": "LOST"}
    created = (await api.call(CREATE_PIPELINE, {"input": {"name": "Short", "stages": stages}}))[
        "createPipeline"
    ]
    opp = await api.create(pipelineId=created["id"])
    assert opp["stage"]["key"] == "a" and opp["pipelineId"] == created["id"]


@pytest.mark.parametrize("who", [REP_1, MANAGER_NORTH])
async def test_only_an_admin_changes_pipelines_users_and_sources(api: Api, who: Any) -> None:
    version = (await _pipeline(api))["version"]
    attempts = [
        (RETIRE, {"input": {"pipelineId": "default", "expectedVersion": version, "key": "discover"}}),
        ('mutation { createSource(input: {name: "Expo", kind: EXPO}) { id } }', None),
        ('mutation { createUser(input: {name: "X", email: "x@example.com", role: ADMIN}) { id } }', None),
    ]
    for query, variables in attempts:
        with pytest.raises(GraphQLFailure) as caught:
            await api.call(query, variables, as_=who)
        assert caught.value.code == "FORBIDDEN"
    assert (await _pipeline(api))["version"] == version


async def test_users_and_sources_are_managed_with_versions_and_events(api: Api) -> None:
    user = (
        await api.call(
            'mutation { createUser(input: {name: "Mei", email: "Mei@Example.com", role: REP, team: "north"}) { id email version } }'
        )
    )["createUser"]
    assert user["email"] == "mei@example.com"
    with pytest.raises(GraphQLFailure) as caught:
        await api.call(
            'mutation { createUser(input: {name: "Mei 2", email: "mei@example.com", role: REP}) { id } }'
        )
    assert caught.value.code == "ALREADY_EXISTS"
    gone = (
        await api.call(
            "mutation($id: ID!) { deactivateUser(id: $id, expectedVersion: 1) { active version } }",
            {"id": user["id"]},
        )
    )["deactivateUser"]
    assert gone == {"active": False, "version": 2}
    assert [r["type"] for r in await api.outbox(user["id"])] == ["user.created", "user.deactivated"]
    with pytest.raises(GraphQLFailure) as caught:
        await api.create(ADMIN, ownerId=user["id"])
    assert caught.value.details.get("field") == "ownerId"

    source = (
        await api.call(
            'mutation { createSource(input: {name: "Taipei Expo", kind: EXPO, startsOn: "2026-05-01", endsOn: "2026-05-04", costAmount: "180000.00", costCurrency: "TWD"}) { id version cost { amount currency } } }'
        )
    )["createSource"]
    assert source["cost"] == {"amount": "180000.00", "currency": "TWD"}
    with pytest.raises(GraphQLFailure) as caught:
        await api.call(
            'mutation($id: ID!) { updateSource(id: $id, expectedVersion: 1, input: {endsOn: "2026-04-01"}) { id } }',
            {"id": source["id"]},
        )
    assert caught.value.details.get("field") == "endsOn"
    updated = (
        await api.call(
            'mutation($id: ID!) { updateSource(id: $id, expectedVersion: 1, input: {name: "Taipei Expo 2026"}) { version } }',
            {"id": source["id"]},
        )
    )["updateSource"]
    assert updated == {"version": 2}
    assert [r["type"] for r in await api.outbox(source["id"])] == ["source.created", "source.updated"]


async def test_an_opportunity_rots_once_it_outstays_the_stage_threshold(api: Api) -> None:
    version = (await _pipeline(api))["version"]
    await api.call(UPDATE_STAGE, {"input": {"pipelineId": "default", "expectedVersion": version, "key": "proposal",
                                            "rottingDays": 5}})  # fmt: skip
    fresh = await api.move(await api.create(), "proposal")
    stale = await api.move(await api.create(), "proposal")
    ten_days_ago = datetime.now(UTC) - timedelta(days=10)
    await api.db["opportunities"].update_one(
        {"_id": stale["id"]}, {"$set": {"stage_entered_at": ten_days_ago}}
    )
    query = "query($id: ID!) { opportunity(id: $id) { rotting timeInCurrentStageSeconds } }"
    assert (await api.call(query, {"id": fresh["id"]}))["opportunity"]["rotting"] is False
    rotten = (await api.call(query, {"id": stale["id"]}))["opportunity"]
    assert rotten["rotting"] is True and rotten["timeInCurrentStageSeconds"] >= 10 * 86400


SOURCE = "id version cost { amount currency } costs { kind amount { amount currency } startsOn endsOn }"


async def test_a_source_keeps_dated_costs_and_publishes_them(api: Api) -> None:
    legacy = (
        await api.call(
            'mutation { createSource(input: {name: "Computex", kind: TRADE_SHOW, startsOn: "2026-06-02", endsOn: "2026-06-05",'
            f' costAmount: "250000.00", costCurrency: "TWD"}}) {{ {SOURCE} }} }}'
        )
    )["createSource"]
    # The single cost of earlier versions stays, and is listed as one cost over the show's days.
    assert legacy["cost"] == {"amount": "250000.00", "currency": "TWD"}
    assert legacy["costs"] == [{"kind": "OTHER", "amount": {"amount": "250000.00", "currency": "TWD"},
                                "startsOn": "2026-06-02", "endsOn": "2026-06-05"}]  # fmt: skip
    costs = [
        {
            "kind": "BOOTH_FEE",
            "amount": "200000",
            "currency": "TWD",
            "startsOn": "2026-06-02",
            "endsOn": "2026-06-05",
        },
        {"kind": "TRAVEL", "amount": "1800.50", "currency": "usd", "startsOn": "2026-06-01"},
    ]
    update = f"mutation($id: ID!, $v: Int!, $input: SourceInput!) {{ updateSource(id: $id, expectedVersion: $v, input: $input) {{ {SOURCE} }} }}"
    updated = (await api.call(update, {"id": legacy["id"], "v": 1, "input": {"costs": costs}}))[
        "updateSource"
    ]
    assert updated["cost"] is None and updated["version"] == 2
    assert [(c["kind"], c["amount"], c["startsOn"], c["endsOn"]) for c in updated["costs"]] == [
        ("BOOTH_FEE", {"amount": "200000", "currency": "TWD"}, "2026-06-02", "2026-06-05"),
        ("TRAVEL", {"amount": "1800.50", "currency": "USD"}, "2026-06-01", None),
    ]
    published = (await api.outbox(legacy["id"]))[-1]["envelope"]["data"]["source"]
    assert [(c["kind"], c["amount"], c["starts_on"], c["ends_on"]) for c in published["costs"]] == [
        ("BOOTH_FEE", {"amount": "200000", "currency": "TWD"}, "2026-06-02", "2026-06-05"),
        ("TRAVEL", {"amount": "1800.50", "currency": "USD"}, "2026-06-01", None),
    ]
    before = datetime.now(UTC).date().isoformat()
    undated = await api.call(
        f'mutation {{ createSource(input: {{name: "Web", costAmount: "10", costCurrency: "TWD"}}) {{ {SOURCE} }} }}'
    )
    assert undated["createSource"]["costs"][0]["startsOn"] in {before, datetime.now(UTC).date().isoformat()}
    for bad, field, code in (
        ({**costs[1], "endsOn": "2026-05-01"}, "costs[0].endsOn", "BAD_USER_INPUT"),
        ({**costs[1], "currency": "XXY"}, "costs[0].currency", "UNKNOWN_CURRENCY"),
        ({**costs[1], "amount": "-5"}, "costs[0].amount", "BAD_USER_INPUT"),
    ):
        with pytest.raises(GraphQLFailure) as caught:
            await api.call(update, {"id": legacy["id"], "v": 2, "input": {"costs": [bad]}})
        assert (caught.value.code, caught.value.details.get("field")) == (code, field)
    unchanged = await api.call(f"query($id: ID!) {{ source(id: $id) {{ {SOURCE} }} }}", {"id": legacy["id"]})
    assert unchanged["source"]["version"] == 2 and len(unchanged["source"]["costs"]) == 2
