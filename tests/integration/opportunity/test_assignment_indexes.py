"""The queries of assignment, imports and evidence are served by the indexes declared beside them
and created at start-up (checked with ``explain``, not with timings)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from services.opportunity.adapters.assignment_store import HISTORY, REQUESTS
from services.opportunity.adapters.attachment_store import FILES
from services.opportunity.adapters.evidence_store import ACTIVITIES
from services.opportunity.adapters.import_store import CONTACTS
from services.opportunity.adapters.opportunity_repository import OPPORTUNITIES
from tests.integration.opportunity._graphql import Api, running_api
from tests.support.explain import index_names


@pytest.fixture(scope="module")
async def api(mongodb_url: str) -> AsyncIterator[Api]:
    async with running_api(mongodb_url, people=False) as api:
        yield api


@pytest.mark.parametrize(
    ("collection", "filter", "sort", "index"),
    [
        (HISTORY, {"opportunity_id": "o1"}, {"at": 1, "_id": 1}, "assignment_history_opportunity_at"),
        (REQUESTS, {"request": "key-1"}, None, "assignment_requests_chunks"),
        (
            ACTIVITIES,
            {"opportunity_id": "o1"},
            {"occurred_at": 1, "_id": 1},
            "activities_opportunity_occurred",
        ),
        (
            ACTIVITIES,
            {"opportunity_id": "o1", "stage_key": "sample"},
            None,
            "activities_opportunity_stage_kind",
        ),
        (CONTACTS, {"duplicate_keys": {"$in": ["p:0223456789"]}}, None, "contacts_duplicate_keys"),
        (
            FILES,
            {"metadata.activity_id": {"$in": ["a1"]}},
            None,
            "attachments_activity",
        ),
        (OPPORTUNITIES, {"owner_id": "rep-1", "status": "OPEN"}, None, "opp_owner_status_close"),
    ],
)
async def test_hot_queries_use_their_declared_index(
    mongodb_url: str, collection, filter, sort, index
) -> None:
    async with running_api(mongodb_url, people=False) as api:
        await _assert_uses(api, collection, filter, sort, index)


async def _assert_uses(
    api: Api, collection: str, filter: dict[str, Any], sort: dict[str, int] | None, index: str
) -> None:
    assert index in await api.db[collection].index_information()
    command: dict[str, Any] = {"find": collection, "filter": filter}
    if sort:
        command["sort"] = sort
    explain = await api.db.command({"explain": command})
    used = index_names(explain["queryPlanner"]["winningPlan"])
    assert used, explain["queryPlanner"]
