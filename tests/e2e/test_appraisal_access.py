"""Who reads whose appraisal, through the gateway against every process running for real: a rep
their own row (``me { appraisal }``, as docs/api-queries.md shows them) and nobody else's; a
manager their team's; an administrator everyone's."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from servicekit.identity import Identity
from tests.e2e._client import FrontEnd
from tests.e2e._system import running_processes

pytestmark = pytest.mark.timeout(600)

ADMIN = Identity(user_id="e2e-appraisal-admin", role="ADMIN", name="Admin")
CREATE_USER = "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }"
CREATE = "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version } }"
MOVE = "mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { status } }"
MINE = "{ me { id appraisal { repId won } } }"
THEIRS = "query($id: ID!) { user(id: $id) { id appraisal { repId won } } }"
REPORT = "{ repAppraisal { reps { repId won } } }"


@pytest.fixture(scope="module")
def system(mongodb_url, amqp_url, tmp_path_factory):
    with running_processes(mongodb_url, amqp_url, tmp_path_factory.mktemp("logs")) as running:
        yield running


async def person(admin: FrontEnd, name: str, role: str, team: str) -> Identity:
    created = await admin(
        CREATE_USER,
        i={"name": name, "email": f"{name.lower()}@appraisal.example", "role": role, "team": team},
    )
    return Identity(user_id=created["createUser"]["id"], role=role, team=team, name=name)


async def win_one(front: FrontEnd) -> None:
    deal = {"title": f"{front.identity.name}'s deal", "customerName": "Acme", "amount": "1000.00",
            "currency": "TWD", "expectedCloseDate": "2030-01-31"}  # fmt: skip
    created = (await front(CREATE, i=deal))["createOpportunity"]
    moved = {"id": created["id"], "expectedVersion": created["version"], "stageKey": "won"}
    assert (await front(MOVE, i=moved))["moveOpportunityStage"]["status"] == "WON"


def rows(data: dict[str, Any]) -> dict[str, int]:
    return {r["repId"]: r["won"] for r in data["repAppraisal"]["reps"]}


def appraisal_of(data: dict[str, Any]) -> Any:
    return (data.get("me") or data.get("user") or {}).get("appraisal")


async def hidden(front: FrontEnd, user_id: str) -> bool:
    """The user is not shown to the caller at all, or shown without an appraisal."""
    body = await front.ask(THEIRS, id=user_id)
    if body.get("errors"):
        return bool(body["errors"][0]["extensions"]["code"] == "NOT_FOUND")
    return appraisal_of(body["data"]) is None


async def test_each_role_reads_the_appraisals_it_may_and_no_others(system):
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30) as http:
        admin = FrontEnd(http, ADMIN)
        manager_id = await person(admin, "Nia", "MANAGER", "north")
        ann_id, bob_id = (
            await person(admin, "Ann", "REP", "north"),
            await person(admin, "Bob", "REP", "north"),
        )
        cai_id = await person(admin, "Cai", "REP", "south")
        manager, ann, bob, cai = (FrontEnd(http, who) for who in (manager_id, ann_id, bob_id, cai_id))
        for rep in (ann, bob, cai):
            await win_one(rep)
        everyone = {ann_id.user_id: 1, bob_id.user_id: 1, cai_id.user_id: 1}
        await admin.eventually(REPORT, lambda d: everyone.items() <= rows(d).items())

        # A rep: their own row, and nobody else's.
        mine = await ann(MINE)
        assert appraisal_of(mine) == {"repId": ann_id.user_id, "won": 1}
        assert await hidden(ann, bob_id.user_id)
        refused = await ann.ask(REPORT)
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"

        # A manager: their team's reps, not another team's.
        assert appraisal_of(await manager(THEIRS, id=ann_id.user_id)) == {"repId": ann_id.user_id, "won": 1}
        assert await hidden(manager, cai_id.user_id)
        team = rows(await manager(REPORT))
        assert team.get(ann_id.user_id) == 1 and team.get(bob_id.user_id) == 1
        assert cai_id.user_id not in team

        # An administrator: everyone.
        assert appraisal_of(await admin(THEIRS, id=cai_id.user_id)) == {"repId": cai_id.user_id, "won": 1}
        assert everyone.items() <= rows(await admin(REPORT)).items()
