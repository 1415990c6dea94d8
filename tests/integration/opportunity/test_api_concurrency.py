"""Fifty clients move one opportunity from the same version at once: exactly one wins."""

from __future__ import annotations

import asyncio

from tests.integration.opportunity._graphql import MOVE, REP_1, GraphQLFailure, running_api

STAGES = ["validate", "needs_analysis", "value_proposition", "decision_makers", "perception_analysis",
          "proposal", "negotiation"]  # fmt: skip


async def test_fifty_concurrent_moves_from_one_version_exactly_one_succeeds(mongodb_url: str) -> None:
    async with running_api(mongodb_url) as api:
        opp = await api.create()

        async def attempt(i: int) -> str:
            payload = {
                "id": opp["id"],
                "expectedVersion": 1,
                "stageKey": STAGES[i % len(STAGES)],
                "note": f"try {i}",
            }
            try:
                await api.call(MOVE, {"input": payload}, as_=REP_1)
            except GraphQLFailure as failure:
                return str(failure.code)
            return "OK"

        outcomes = await asyncio.gather(*(attempt(i) for i in range(50)))

        assert outcomes.count("OK") == 1, outcomes
        assert set(outcomes) == {"OK", "CONFLICT"}
        winner = outcomes.index("OK")
        final = await api.get(opp["id"])
        assert final["version"] == 2
        assert [v["stage"]["key"] for v in final["stageHistory"]] == [
            "discover",
            STAGES[winner % len(STAGES)],
        ]
        assert final["stageHistory"][1]["note"] == f"try {winner}"
        rows = await api.outbox(opp["id"])
        assert [(r["type"], r["sequence"]) for r in rows] == [
            ("opportunity.created", 1),
            ("opportunity.stage_changed", 2),
        ]
