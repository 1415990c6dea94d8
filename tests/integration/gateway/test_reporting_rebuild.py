"""An administrator rebuilds the reports through the gateway: a job, started once however often
it is asked for, followed to completion, after which the reports show the whole history."""

from __future__ import annotations

import asyncio

from servicekit.identity import Identity
from tests.integration.gateway._system import ADMIN, running_system
from tests.support.waiting import wait_until

JOB = "id state replayedEvents totalEvents generation finishedAt error"
START = f"mutation {{ startReportingRebuild {{ {JOB} }} }}"
FOLLOW = f"query($id: ID) {{ reportingRebuild(id: $id) {{ {JOB} }} }}"
REP = Identity(user_id="rebuild-rep", role="REP", team="east")


async def _rep(system) -> str:
    created = await system.data(
        ADMIN,
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        {"i": {"name": "Ann", "email": "ann@rebuild.example", "role": "REP", "team": "east"}},
    )
    return str(created["createUser"]["id"])


async def _deal(system, title: str, owner_id: str) -> None:
    await system.data(
        ADMIN,
        "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }",
        {"i": {"title": title, "customerName": "Acme", "amount": "250.00", "currency": "TWD",
               "expectedCloseDate": "2030-01-15", "ownerId": owner_id}},
    )  # fmt: skip


async def test_an_admin_starts_one_rebuild_and_follows_it_until_the_reports_are_rebuilt(
    mongodb_url: str, amqp_url: str
) -> None:
    async with running_system(mongodb_url, amqp_url) as system:
        # Given three deals the reports have not seen (no reporting consumer runs here)
        rep = await _rep(system)
        for title in ("First", "Second", "Third"):
            await _deal(system, title, rep)

        # When an administrator asks for a rebuild twice at once
        first, second = await asyncio.gather(system.data(ADMIN, START), system.data(ADMIN, START))

        # then there is one job,
        job = first["startReportingRebuild"]
        assert second["startReportingRebuild"]["id"] == job["id"]
        assert job["state"] == "RUNNING"
        # which they follow until it ends, its count never going back,
        seen: list[dict] = []

        async def ended() -> bool:
            current = (await system.data(ADMIN, FOLLOW, {"id": job["id"]}))["reportingRebuild"]
            seen.append(current)
            return bool(current["state"] != "RUNNING")

        await wait_until(ended, timeout=60, interval=0.05)
        final = seen[-1]
        assert (final["state"], final["error"]) == ("SUCCEEDED", None)
        # (the default pipeline's creation and the three deals' at least)
        assert final["replayedEvents"] == final["totalEvents"] >= 4
        assert [s["replayedEvents"] for s in seen] == sorted(s["replayedEvents"] for s in seen)
        # the latest job is that one, and a rep may not see it;
        assert (await system.data(ADMIN, "{ reportingRebuild { id } }"))["reportingRebuild"]["id"] == job[
            "id"
        ]
        refused = await system.ask(REP, FOLLOW, {"id": job["id"]})
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        # and the reports now show the three deals.
        forecast = await system.data(ADMIN, "{ forecast { byRep { month opportunities amount } } }")
        assert forecast["forecast"]["byRep"] == [{"month": "2030-01", "opportunities": 3, "amount": "750.00"}]
