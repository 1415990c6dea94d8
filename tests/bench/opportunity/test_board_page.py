"""A board's page of 50 from the opportunity API: new opportunities against long-lived ones (30
moves, 10 new close dates, 10 probability changes each), their histories left unmapped (what a
board asks) and mapped (``make bench``; figures printed, never asserted)."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest

from services.opportunity.adapters.opportunity_repository import OPPORTUNITIES
from tests.integration.opportunity._graphql import REP_1, REP_2, Api, running_api
from tests.support.resources import cpu_seconds, listening_pid

pytestmark = pytest.mark.bench

CARD = "id title value { amount currency } stage { key nameEn kind } probability { effective } ownerId sourceId pipelineId"
PAGE = "query($owner: ID!, $first: Int!) {{ opportunities(filter: {{ ownerId: $owner }}, first: $first) {{ nodes {{ {} }} }} }}"
LIGHT = PAGE.format(CARD)
WITH_HISTORIES = PAGE.format(CARD + " stageMoves { at } closeDateHistory { at } probabilityHistory { at }")
ROUNDS = 7
PAGES = 20


async def _age(api: Api, opportunity_id: str) -> None:
    """Give an opportunity the histories of a long life, written as the service writes them."""
    doc = await api.db[OPPORTUNITIES].find_one({"_id": opportunity_id})
    assert doc is not None
    (move,) = doc["stage_history"]
    (close,) = doc["close_date_history"]
    at = doc["created_at"]
    probability = {"before": 10, "after": 40, "by": move["by"]}
    await api.db[OPPORTUNITIES].update_one(
        {"_id": opportunity_id},
        {"$push": {
            "stage_history": {"$each": [{**move, "at": at + timedelta(days=i), "note": "called the buyer"}
                                        for i in range(1, 31)]},
            "close_date_history": {"$each": [{**close, "at": at + timedelta(days=i)} for i in range(1, 11)]},
            "probability_history": {"$each": [{**probability, "at": at + timedelta(days=i)} for i in range(1, 11)]},
        }},
    )  # fmt: skip


async def _page_ms(api: Api, query: str, owner: str, server_pid: int | None) -> tuple[float, float]:
    """Milliseconds per page in this process (the API runs in it) and on the database server."""
    server = cpu_seconds(server_pid) if server_pid else 0.0
    started = time.perf_counter()
    for _ in range(PAGES):
        nodes = (await api.call(query, {"owner": owner, "first": 50}))["opportunities"]["nodes"]
        assert len(nodes) == 50
    elapsed = (time.perf_counter() - started) / PAGES * 1000
    spent = ((cpu_seconds(server_pid) - server) / PAGES * 1000) if server_pid else 0.0
    return elapsed, spent


async def test_a_board_page_of_new_and_of_long_lived_opportunities_with_and_without_histories(
    mongodb_url: str,
) -> None:
    async with running_api(mongodb_url) as api:
        for i in range(50):
            await api.create(REP_1, title=f"New deal {i}")
            old = await api.create(REP_2, title=f"Old deal {i}")
            await _age(api, old["id"])
        server_pid = listening_pid(mongodb_url)
        runs: dict[str, list[tuple[float, float]]] = {"new": [], "old": [], "old+histories": []}
        for _ in range(ROUNDS):  # in turns: this machine's speed drifts within a minute
            runs["new"].append(await _page_ms(api, LIGHT, REP_1.user_id, server_pid))
            runs["old"].append(await _page_ms(api, LIGHT, REP_2.user_id, server_pid))
            runs["old+histories"].append(await _page_ms(api, WITH_HISTORIES, REP_2.user_id, server_pid))
    figures = {k: tuple(statistics.median(r[i] for r in v) for i in (0, 1)) for k, v in runs.items()}
    print(
        f"\nboard page of 50 from the opportunity API (in-process over ASGI), median of {ROUNDS} rounds of {PAGES}"
    )
    for label, text in (
        ("new", "new opportunities, board fields"),
        ("old", "30 moves each, board fields"),
        ("old+histories", "30 moves each, with histories"),
    ):
        wall, server = figures[label]
        print(f"  {text:<34} {wall:6.2f} ms a page; database server CPU {server:5.2f} ms")
    print(f"  long-lived against new, board fields: {figures['old'][0] / figures['new'][0]:.2f}x; "
          f"histories mapped for the same page: {figures['old+histories'][0] / figures['old'][0]:.2f}x")  # fmt: skip
