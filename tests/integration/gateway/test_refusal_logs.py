"""A refused request is an answer, not a failure: the service that refuses it and the gateway
that passes it on each log one info line with its code, and no traceback."""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from typing import Any

import pytest
from structlog.testing import capture_logs

from tests.integration.gateway._system import ADMIN, running_system

MOVE = "mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { version } }"


@pytest.fixture(scope="module")
async def system(mongodb_url, amqp_url):
    async with running_system(mongodb_url, amqp_url) as system:
        yield system


@pytest.fixture(scope="module")
async def deal(system) -> str:
    rep = await system.data(
        ADMIN,
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        {"i": {"name": "Log Rep", "email": "log-rep@example.com", "role": "REP", "team": "north"}},
    )
    created = await system.data(
        ADMIN,
        "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }",
        {"i": {"title": "Log deal", "customerName": "Log Ltd", "amount": "500.00", "currency": "TWD",
               "expectedCloseDate": "2030-01-15", "ownerId": rep["createUser"]["id"]}},
    )  # fmt: skip
    deal_id: str = created["createOpportunity"]["id"]
    return deal_id


def stale_move(deal: str) -> dict:
    return {"i": {"id": deal, "expectedVersion": 999, "stageKey": "validate"}}


def refusals(logs: list[MutableMapping[str, Any]], code: str) -> list[MutableMapping[str, Any]]:
    return [entry for entry in logs if entry.get("code") == code]


def assert_quiet(logs: list[MutableMapping[str, Any]], records: list[logging.LogRecord]) -> None:
    assert not [e for e in logs if e["log_level"] in {"warning", "error", "critical"} or "exc_info" in e]
    assert not [r for r in records if r.levelno >= logging.WARNING or r.exc_info]


async def test_a_refused_move_logs_one_info_line_in_the_service_without_a_traceback(system, deal, caplog):
    caplog.set_level(logging.DEBUG)
    with capture_logs() as logs:
        body = await system.service_body("opportunity", ADMIN, MOVE, stale_move(deal))

    assert body["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert [(e["log_level"], e["event"]) for e in refusals(logs, "CONFLICT")] == [("info", "request refused")]
    assert_quiet(logs, caplog.records)


async def test_a_refused_move_through_the_gateway_logs_one_info_line_in_each(system, deal, caplog):
    caplog.set_level(logging.DEBUG)
    with capture_logs() as logs:
        body = await system.ask(ADMIN, MOVE, stale_move(deal))

    assert body["errors"][0]["extensions"]["code"] == "CONFLICT"
    # The opportunity service and the gateway run in this one process here.
    assert [e["log_level"] for e in refusals(logs, "CONFLICT")] == ["info", "info"]
    assert_quiet(logs, caplog.records)
