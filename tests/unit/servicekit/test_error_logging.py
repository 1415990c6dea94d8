"""Each error is logged once: an expected refusal as one info line without a traceback, a bug as
an error with its traceback (and masked for the client)."""

from __future__ import annotations

import logging

import strawberry
from structlog.testing import capture_logs

from servicekit.graphql import ApiError, ErrorCodes, Schema


@strawberry.type
class Query:
    @strawberry.field
    def refused(self) -> str:
        raise ApiError("CONFLICT", "The opportunity changed since you read it; reload it.")

    @strawberry.field
    def broken(self) -> str:
        raise KeyError("owner")  # a bug


SCHEMA = Schema(query=Query, extensions=[ErrorCodes])


async def test_an_expected_refusal_logs_one_info_line_without_a_traceback(caplog):
    caplog.set_level(logging.DEBUG)
    with capture_logs() as logs:
        result = await SCHEMA.execute("{ refused }")

    assert [e.extensions for e in result.errors or []] == [{"code": "CONFLICT"}]
    assert [(entry["log_level"], entry["event"], entry["code"]) for entry in logs] == [
        ("info", "request refused", "CONFLICT")
    ]
    assert not any("exc_info" in entry for entry in logs)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]


async def test_a_query_that_does_not_validate_logs_one_info_line(caplog):
    caplog.set_level(logging.DEBUG)
    with capture_logs() as logs:
        result = await SCHEMA.execute("{ nothingHere }")

    assert [e.extensions for e in result.errors or []] == [{"code": "GRAPHQL_VALIDATION_FAILED"}]
    assert [(entry["log_level"], entry["code"]) for entry in logs] == [("info", "GRAPHQL_VALIDATION_FAILED")]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info]


async def test_a_bug_logs_an_error_with_its_traceback_and_is_masked(caplog):
    caplog.set_level(logging.DEBUG)
    with capture_logs() as logs:
        result = await SCHEMA.execute("{ broken }")

    assert [(e.message, e.extensions) for e in result.errors or []] == [
        ("Unexpected error.", {"code": "INTERNAL_ERROR"})
    ]
    assert [(entry["log_level"], entry["event"]) for entry in logs] == [
        ("error", "unexpected error in resolver")
    ]
    assert isinstance(logs[0]["exc_info"], KeyError)
