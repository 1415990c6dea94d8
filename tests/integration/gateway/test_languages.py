"""Words in the caller's language, codes the same in every language: a refusal made by the
gateway itself and one made by a service behind it, asked in zh-TW, in English and with no
language at all (the organisation's default, zh-TW)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import pytest

from servicekit.identity import Identity
from tests.integration.gateway._system import ADMIN, System, running_system

CREATE = "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version } }"
MOVE = "mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { version } }"
CREATE_PIPELINE = "mutation($i: CreatePipelineInput!) { createPipeline(input: $i) { id } }"
CLOSE = (date.today() + timedelta(days=60)).isoformat()
REP: dict[str, Identity] = {}


@pytest.fixture(scope="module")
async def system(mongodb_url: str, amqp_url: str) -> AsyncIterator[System]:
    async with running_system(mongodb_url, amqp_url) as system:
        created = await system.data(
            ADMIN,
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            {"i": {"name": "Mei", "email": "mei@example.com", "role": "REP", "team": "north"}},
        )
        REP["mei"] = Identity(user_id=created["createUser"]["id"], role="REP", team="north", name="Mei")
        yield system


def _refusal(body: dict[str, Any]) -> tuple[str, str]:
    assert body.get("errors"), body
    error = body["errors"][0]
    return error["extensions"]["code"], error["message"]


async def test_a_gateway_refusal_in_both_languages_with_the_same_code(system: System) -> None:
    pipeline = {"name": "Export", "stages": []}
    asked = {
        language: _refusal(
            await system.ask(REP["mei"], CREATE_PIPELINE, {"i": pipeline}, accept_language=language)
        )
        for language in ("en", "zh-TW,zh;q=0.9", "")
    }
    assert asked["en"] == ("FORBIDDEN", "Only an administrator may do this.")
    assert asked["zh-TW,zh;q=0.9"] == ("FORBIDDEN", "只有管理員可以執行此操作。")
    assert asked[""] == asked["zh-TW,zh;q=0.9"]  # no language asked: the organisation's zh-TW


async def test_a_service_refusal_in_both_languages_with_its_values_and_code(system: System) -> None:
    fields = {"title": "Booth lead", "customerName": "Acme", "amount": "1000", "currency": "TWD",
              "expectedCloseDate": CLOSE, "ownerId": REP["mei"].user_id}  # fmt: skip
    opportunity = (await system.data(REP["mei"], CREATE, {"i": fields}))["createOpportunity"]
    stale = {
        "id": opportunity["id"],
        "expectedVersion": opportunity["version"] + 4,
        "stageKey": "qualification",
    }
    english = _refusal(await system.ask(REP["mei"], MOVE, {"i": stale}, accept_language="en-US"))
    chinese = _refusal(await system.ask(REP["mei"], MOVE, {"i": stale}, accept_language="zh-TW"))
    version, expected = opportunity["version"], opportunity["version"] + 4
    assert english == ("CONFLICT", f"The opportunity is at version {version}, not {expected}; reload it.")
    assert chinese == ("CONFLICT", f"此商機目前為第 {version} 版，而非第 {expected} 版；請重新載入。")
    # Nothing changed either way.
    after = await system.data(REP["mei"], "query($id: ID!) { opportunity(id: $id) { version } }",
                              {"id": opportunity["id"]})  # fmt: skip
    assert after["opportunity"]["version"] == version


async def test_a_user_reads_the_language_they_chose_whatever_their_browser_asks(system: System) -> None:
    pei = await system.data(
        ADMIN,
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id locale } }",
        {"i": {"name": "Pei", "email": "pei@example.com", "role": "REP", "team": "north"}},
    )
    assert pei["createUser"]["locale"] == "zh-TW"  # the organisation's default until they choose
    user = Identity(user_id=pei["createUser"]["id"], role="REP", team="north", name="Pei")
    refused = _refusal(await system.ask(user, 'mutation { chooseLocale(locale: "fr") { id } }'))
    assert refused == ("BAD_USER_INPUT", "Choose one of zh-TW, en, not 'fr'.")

    chosen = await system.data(user, 'mutation { chooseLocale(locale: "zh-TW") { locale } }')
    assert chosen["chooseLocale"]["locale"] == "zh-TW"
    # Their browser asks for English; their choice wins, at the gateway and at the services.
    asked_in_english = await system.ask(user, CREATE_PIPELINE, {"i": {"name": "X", "stages": []}})
    assert _refusal(asked_in_english) == ("FORBIDDEN", "只有管理員可以執行此操作。")
    missing = await system.ask(user, "query($id: ID!) { opportunity(id: $id) { id } }", {"id": "nope"})
    assert _refusal(missing)[1] == "找不到商機 'nope'。"

    await system.data(user, 'mutation { chooseLocale(locale: "en") { locale } }')
    me = await system.data(user, "{ me { locale } }", None)
    assert me["me"]["locale"] == "en"
    asked_in_chinese = await system.ask(
        user, CREATE_PIPELINE, {"i": {"name": "X", "stages": []}}, accept_language="zh-TW"
    )
    assert _refusal(asked_in_chinese) == ("FORBIDDEN", "Only an administrator may do this.")


async def test_the_timeline_and_handover_brief_read_in_the_readers_language(system: System) -> None:
    stages = (await system.data(ADMIN, "{ pipelines { isDefault stages { key nameZh nameEn } } }"))[
        "pipelines"
    ]
    names = {s["key"]: s for s in next(p for p in stages if p["isDefault"])["stages"]}
    fields = {"title": "Expo lead", "customerName": "Acme", "amount": "1000", "currency": "TWD",
              "expectedCloseDate": CLOSE, "ownerId": REP["mei"].user_id}  # fmt: skip
    created = (await system.data(REP["mei"], CREATE, {"i": fields}))["createOpportunity"]
    first, second = list(names)[:2]
    move = {"id": created["id"], "expectedVersion": created["version"], "stageKey": second}
    await system.data(REP["mei"], MOVE, {"i": move})
    await system.data(
        REP["mei"],
        "mutation($i: LogActivityInput!) { logActivity(input: $i) { id } }",
        {"i": {"opportunityId": created["id"], "kind": "CALL", "text": "Asked for a demo"}},
    )
    story = (
        "query($id: ID!) { opportunity(id: $id) { timeline { kind summary } handoverBrief { stageName } } }"
    )
    read = {
        language: (await system.ask(REP["mei"], story, {"id": created["id"]}, accept_language=language))[
            "data"
        ]
        for language in ("en", "zh-TW")
    }
    english, chinese = (read[lang]["opportunity"] for lang in ("en", "zh-TW"))
    assert [e["kind"] for e in english["timeline"]] == [e["kind"] for e in chinese["timeline"]]
    assert [e["summary"] for e in english["timeline"]] == [
        f"Created in {names[first]['nameEn']}",
        f"Moved from {names[first]['nameEn']} to {names[second]['nameEn']}",
        "Call: Asked for a demo",
    ]
    assert [e["summary"] for e in chinese["timeline"]] == [
        f"建立於「{names[first]['nameZh']}」",
        f"從「{names[first]['nameZh']}」移到「{names[second]['nameZh']}」",
        "電話：Asked for a demo",
    ]
    assert english["handoverBrief"]["stageName"] == names[second]["nameEn"]
    assert chinese["handoverBrief"]["stageName"] == names[second]["nameZh"]


async def test_a_request_refused_before_anyone_is_known_follows_its_accept_language(system: System) -> None:
    answers = {}
    for language in ("en", "zh-TW"):
        response = await system.http.post(
            "/graphql",
            json={"query": "{ me { id } }"},
            headers={"authorization": "Bearer not-a-token", "accept-language": language},
        )
        answers[language] = _refusal(response.json())
    assert answers["en"] == (
        "UNAUTHENTICATED",
        "Sign in again: the access token is missing, expired or invalid.",
    )
    assert answers["zh-TW"] == ("UNAUTHENTICATED", "請重新登入：存取權杖遺失、過期或無效。")
