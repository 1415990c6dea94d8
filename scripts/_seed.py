"""The demo ``make dev`` seeds through the gateway's API, as an administrator would.

Idempotent: when the demo manager exists, nothing is added. The demo: the brief's pipeline (the
opportunity service seeds it), a manager and three reps in one team, an administrator, lead
sources including a trade show with its cost, an opportunity in every stage (won and lost
included), one past its expected close date and one closing within the week.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx

from gateway.adapters.tokens import issue_local_token
from gateway.settings import GatewaySettings
from servicekit.identity import SYSTEM, Identity

MANAGER_EMAIL = "mei.lin@pipewise.demo"
TEAM = "north"
PEOPLE = [
    ("林美 Mei Lin", MANAGER_EMAIL, "MANAGER"),
    ("陳志明 Chih-Ming Chen", "cm.chen@pipewise.demo", "REP"),
    ("王小華 Hsiao-Hua Wang", "hh.wang@pipewise.demo", "REP"),
    ("張雅婷 Ya-Ting Chang", "yt.chang@pipewise.demo", "REP"),
    ("Admin", "admin@pipewise.demo", "ADMIN"),
]
SOURCES = [
    {"name": "Computex Taipei 2026", "kind": "TRADE_SHOW", "startsOn": "2026-06-02", "endsOn": "2026-06-05",
     "costAmount": "480000.00", "costCurrency": "TWD"},
    {"name": "Smart Manufacturing Expo", "kind": "EXPO", "costAmount": "150000.00", "costCurrency": "TWD"},
    {"name": "Hannover Messe (overseas)", "kind": "OVERSEAS_EXHIBITION", "costAmount": "32000.00", "costCurrency": "EUR"},
    {"name": "Website sign-up", "kind": "ONLINE_REGISTRATION", "costAmount": "20000.00", "costCurrency": "TWD"},
]  # fmt: skip


class Gateway:
    def __init__(self, client: httpx.AsyncClient, url: str, token: str) -> None:
        self.client, self.url, self.token = client, url, token

    async def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.client.post(
            self.url, json={"query": query, "variables": variables},
            headers={"authorization": f"Bearer {self.token}"},
        )  # fmt: skip
        body = response.json()
        if body.get("errors"):
            raise RuntimeError(f"{body['errors'][0].get('message')} ({body['errors'][0].get('extensions')})")
        data: dict[str, Any] = body["data"]
        return data


def token_for(settings: GatewaySettings, user: dict[str, Any]) -> str:
    identity = Identity(user_id=user["id"], role=user["role"], team=user.get("team"), name=user["name"])
    return issue_local_token(settings, identity)


async def seed_demo(gateway_url: str, settings: GatewaySettings | None = None) -> str:
    """Seeds the demo unless it is there; returns a token for the demo manager."""
    settings = settings or GatewaySettings()
    async with httpx.AsyncClient(timeout=30) as client:
        api = Gateway(client, gateway_url, issue_local_token(settings, SYSTEM))
        users = (await api("{ users { id name email role team } }"))["users"]
        manager = next((u for u in users if u["email"] == MANAGER_EMAIL), None)
        if manager is None:
            manager = await _seed(api)
            print("[dev] demo data seeded", flush=True)
        else:
            print("[dev] demo data already there; kept as it was", flush=True)
        return token_for(settings, manager)


async def _seed(api: Gateway) -> dict[str, Any]:
    created = []
    manager_id = None
    for name, email, role in PEOPLE:
        given: dict[str, Any] = {"name": name, "email": email, "role": role}
        if role != "ADMIN":
            given |= {"team": TEAM, **({"managerId": manager_id} if manager_id else {})}
        user = await api(
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id name role team } }", i=given
        )
        created.append(user["createUser"])
        manager_id = manager_id or user["createUser"]["id"]
    reps = [u for u in created if u["role"] == "REP"]
    sources = [
        (await api("mutation($i: SourceInput!) { createSource(input: $i) { id } }", i=s))["createSource"][
            "id"
        ]
        for s in SOURCES
    ]
    pipeline = next(
        p
        for p in (await api("{ pipelines { id isDefault stages { key kind } } }"))["pipelines"]
        if p["isDefault"]
    )
    await _opportunities(api, pipeline, reps, sources)
    return created[0]


async def _opportunities(
    api: Gateway, pipeline: dict[str, Any], reps: list[dict[str, Any]], sources: list[str]
) -> None:
    today = datetime.now(UTC).date()
    open_stages = [s["key"] for s in pipeline["stages"] if s["kind"] == "OPEN"]
    closing = {s["kind"]: s["key"] for s in pipeline["stages"] if s["kind"] != "OPEN"}
    plans: list[tuple[str, str, date]] = [
        (key, "OPEN", today + timedelta(days=30 + 10 * i)) for i, key in enumerate(open_stages)
    ]
    plans += [
        (open_stages[-1], "WON", today + timedelta(days=20)),
        (open_stages[-1], "LOST", today + timedelta(days=25)),
    ]
    plans += [(open_stages[2], "OPEN", today + timedelta(days=5))]  # closing within a week
    for i, (stage, outcome, close) in enumerate(plans):
        rep = reps[i % len(reps)]
        opportunity = (await api(
            "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version } }",
            i={"title": f"Demo deal {i + 1}: {stage}", "customerName": f"Customer {chr(65 + i)} Co.",
               "amount": f"{(i + 1) * 125000}.00", "currency": "TWD", "expectedCloseDate": close.isoformat(),
               "ownerId": rep["id"], "pipelineId": pipeline["id"], "stageKey": stage,
               "sourceId": sources[i % len(sources)],
               "products": ["ERP Cloud"], "difficulty": "1.5" if i % 3 == 0 else "1.0"},
        ))["createOpportunity"]  # fmt: skip
        if outcome != "OPEN":
            await _close(api, opportunity, closing[outcome], outcome)
    await _overdue(api, reps[0], pipeline, open_stages[1], sources[0], today)


async def _close(api: Gateway, opportunity: dict[str, Any], stage: str, outcome: str) -> None:
    move = {"id": opportunity["id"], "expectedVersion": opportunity["version"], "stageKey": stage}
    if outcome == "LOST":
        move["lostReasonKey"] = "competitor"
        move["lostReason"] = "Chose a competitor on price"
    try:
        await api(
            "mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { id } }", i=move
        )
    except RuntimeError as exc:  # a stage may require evidence first; the demo goes on without it
        print(f"[dev] could not close a demo deal as {outcome}: {exc}", flush=True)


async def _overdue(
    api: Gateway, rep: dict[str, Any], pipeline: dict[str, Any], stage: str, source: str, today: date
) -> None:
    details = {"title": "Demo deal: overdue", "customerName": "Late Payers Ltd.", "amount": "300000.00",
               "currency": "TWD", "ownerId": rep["id"], "pipelineId": pipeline["id"], "stageKey": stage,
               "sourceId": source}  # fmt: skip
    try:
        await api("mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }",
                  i={**details, "expectedCloseDate": (today - timedelta(days=10)).isoformat()})  # fmt: skip
    except RuntimeError as exc:
        print(
            f"[dev] the service refused a past close date ({exc}); the overdue demo deal is skipped",
            flush=True,
        )
