"""A rep who leaves loses access at once: after a hand-over that deactivates them, their still
valid token is refused for queries and mutations, their open subscription is closed, every
gateway replica hears of it from the bus, and the services refuse them even when asked directly
with a validly signed identity. Nothing of theirs can be reopened or given to them. An
administrator can let them back in."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx
import pytest
import websockets

from gateway.api.app import create_app
from servicekit.identity import Identity
from tests.integration.gateway._serving import serving
from tests.integration.gateway._system import ADMIN, System, running_system
from tests.integration.gateway._ws import subscribed
from tests.support.waiting import wait_until

CREATE_USER = "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }"
CREATE = "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version } }"
MOVE = "mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { id version status } }"
REOPEN = "mutation($i: ReopenOpportunityInput!) { reopenOpportunity(input: $i) { id status } }"
LOG = "mutation($i: LogActivityInput!) { logActivity(input: $i) { id } }"
ASSIGN = "mutation($i: AssignOpportunityInput!) { assignOpportunity(input: $i) { id } }"
HAND_OVER = (
    "mutation($i: HandOverOpportunitiesInput!) "
    "{ handOverOpportunities(input: $i) { deactivated assignment { assignedCount failedCount } } }"
)
CHANGES = "subscription { opportunityChanged { type opportunity { id } } }"


@pytest.fixture(scope="module")
async def system(mongodb_url, amqp_url):
    async with running_system(mongodb_url, amqp_url, events=True) as running:
        yield running


async def make_user(system: System, name: str, role: str = "REP", team: str | None = "north") -> Identity:
    email = f"{name.lower()}-{uuid.uuid4().hex[:6]}@example.com"
    created = await system.data(
        ADMIN, CREATE_USER, {"i": {"name": name, "email": email, "role": role, "team": team}}
    )
    return Identity(user_id=created["createUser"]["id"], role=role, team=team, name=name)


async def create_deal(system: System, owner: Identity, title: str) -> dict[str, Any]:
    deal = {"title": title, "customerName": "Acme", "amount": "5000.00", "currency": "TWD",
            "expectedCloseDate": "2030-03-01"}  # fmt: skip
    created: dict[str, Any] = (await system.data(owner, CREATE, {"i": deal}))["createOpportunity"]
    return created


async def win(system: System, owner: Identity, deal: dict[str, Any]) -> dict[str, Any]:
    moved = {"id": deal["id"], "expectedVersion": deal["version"], "stageKey": "won"}
    won: dict[str, Any] = (await system.data(owner, MOVE, {"i": moved}))["moveOpportunityStage"]
    assert won["status"] == "WON"
    return won


def code(body: dict[str, Any]) -> str:
    assert body.get("errors"), body
    result: str = body["errors"][0]["extensions"]["code"]
    return result


def handover(leaver: Identity, successor: Identity) -> dict[str, Any]:
    return {"i": {"fromUserId": leaver.user_id, "toUserIds": [successor.user_id], "deactivateLeaver": True}}


async def hand_over(
    system: System, leaver: Identity, successor: Identity, by: Identity = ADMIN
) -> dict[str, Any]:
    handed = await system.data(by, HAND_OVER, handover(leaver, successor))
    result: dict[str, Any] = handed["handOverOpportunities"]
    return result


async def close_code(socket: websockets.ClientConnection) -> int | None:
    """Reads until the server closes the connection; its close code."""
    try:
        async with asyncio.timeout(20):
            while True:
                await socket.recv()
    except websockets.ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else None


async def test_a_leavers_token_is_refused_and_their_subscription_closed_after_the_hand_over(system):
    manager = await make_user(system, "Mona", role="MANAGER")
    leaver, successor = await make_user(system, "Lee"), await make_user(system, "Sam")
    won = await win(system, leaver, await create_deal(system, leaver, "Won before leaving"))
    await create_deal(system, leaver, "Still open")
    assert (await system.data(leaver, "{ viewer { role } }"))["viewer"]["role"] == "REP"

    async with subscribed(system.url, system.token(leaver), CHANGES) as live:
        await system.wait_for_subscribers(1)
        handed = await hand_over(system, leaver, successor)
        assert handed == {"deactivated": True, "assignment": {"assignedCount": 1, "failedCount": 0}}
        assert await close_code(live.socket) == 4403

    assert code(await system.ask(leaver, "{ viewer { role } }")) == "ACCOUNT_DEACTIVATED"
    assert (
        code(await system.ask(leaver, "{ opportunities(first: 5) { totalCount } }")) == "ACCOUNT_DEACTIVATED"
    )
    reopen = {"id": won["id"], "expectedVersion": won["version"], "stageKey": "discover"}
    assert code(await system.ask(leaver, REOPEN, {"i": reopen})) == "ACCOUNT_DEACTIVATED"
    note = {"opportunityId": won["id"], "kind": "NOTE", "text": "One more call"}
    assert code(await system.ask(leaver, LOG, {"i": note})) == "ACCOUNT_DEACTIVATED"
    bearer = {"authorization": f"Bearer {system.token(leaver)}"}
    upload = await system.http.post(
        "/graphql",
        data={"operations": json.dumps({"query": "mutation { __typename }", "variables": {}}), "map": "{}"},
        files={"0": ("sample.png", b"\x89PNG", "image/png")},
        headers=bearer,
    )
    assert code(upload.json()) == "ACCOUNT_DEACTIVATED"
    download = await system.http.get("/attachments/any-file", headers=bearer)
    assert code(download.json()) == "ACCOUNT_DEACTIVATED"
    url = system.url.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(
        url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]
    ) as socket:
        init = {"type": "connection_init", "payload": {"authorization": f"Bearer {system.token(leaver)}"}}
        await socket.send(json.dumps(init))
        assert await close_code(socket) == 4403
    # Nothing changed: the won deal is still won.
    after = await system.data(
        manager, "query($id: ID!) { opportunity(id: $id) { status } }", {"id": won["id"]}
    )
    assert after["opportunity"]["status"] == "WON"


async def test_the_services_refuse_a_deactivated_caller_however_validly_signed(system):
    leaver, successor = await make_user(system, "Liv"), await make_user(system, "Sol")
    deal = await create_deal(system, leaver, "Liv's deal")
    await hand_over(system, leaver, successor)

    opportunity = await system.service_body(
        "opportunity", leaver, "{ opportunities(first: 5) { totalCount } }"
    )
    assert code(opportunity) == "ACCOUNT_DEACTIVATED"
    note = {"opportunityId": deal["id"], "kind": "NOTE", "text": "Still here"}
    logged = await system.service_body("opportunity", leaver, LOG, {"i": note})
    assert code(logged) == "ACCOUNT_DEACTIVATED"

    # Notifications keeps its copy of users from the events: it refuses once the copy says so.
    async def notifications_refuse() -> bool:
        body = await system.service_body("notifications", leaver, "{ unreadCount }")
        return bool(body.get("errors")) and code(body) == "ACCOUNT_DEACTIVATED"

    await wait_until(notifications_refuse, timeout=30, interval=0.2)
    assert not (await system.service_body("notifications", successor, "{ unreadCount }")).get("errors")


async def test_another_gateway_replica_hears_of_the_deactivation_from_the_bus(system):
    leaver, successor = await make_user(system, "Lou"), await make_user(system, "Sid")
    replica = create_app(system.settings.model_copy(update={"user_status_ttl_seconds": 3600.0}))
    async with serving(replica) as url, httpx.AsyncClient(base_url=url, timeout=30) as http:
        headers = {"authorization": f"Bearer {system.token(leaver)}"}

        async def viewer() -> dict[str, Any]:
            body: dict[str, Any] = (
                await http.post("/graphql", json={"query": "{ viewer { role } }"}, headers=headers)
            ).json()
            return body

        await wait_until(lambda: _ready(http), timeout=30)
        assert (await viewer())["data"]["viewer"]["role"] == "REP"  # the replica now holds "active"
        await hand_over(system, leaver, successor)  # through the other gateway

        async def refused() -> bool:
            body = await viewer()
            return bool(body.get("errors")) and code(body) == "ACCOUNT_DEACTIVATED"

        await wait_until(refused, timeout=20, interval=0.1)

    # A gateway started afterwards (a restart) asks before it lets the token in.
    async with (
        serving(create_app(system.settings)) as url,
        httpx.AsyncClient(base_url=url, timeout=30) as http,
    ):
        await wait_until(lambda: _ready(http), timeout=30)
        body = (await http.post("/graphql", json={"query": "{ viewer { role } }"}, headers=headers)).json()
        assert code(body) == "ACCOUNT_DEACTIVATED"


async def _ready(http: httpx.AsyncClient) -> bool:
    return (await http.get("/health/ready")).status_code == 200


async def test_nothing_of_a_leaver_is_reopened_or_given_to_them(system):
    manager = await make_user(system, "Mia", role="MANAGER")
    leaver, successor = await make_user(system, "Lia"), await make_user(system, "Sue")
    won = await win(system, leaver, await create_deal(system, leaver, "Lia's win"))
    other = await create_deal(system, successor, "Sue's deal")
    await hand_over(system, leaver, successor)

    reopen = {"id": won["id"], "expectedVersion": won["version"], "stageKey": "discover"}
    assert code(await system.ask(manager, REOPEN, {"i": reopen})) == "OWNER_INACTIVE"
    assert code(await system.ask(ADMIN, REOPEN, {"i": reopen})) == "OWNER_INACTIVE"
    assign = {"id": other["id"], "expectedVersion": other["version"], "toUserId": leaver.user_id}
    assert code(await system.ask(manager, ASSIGN, {"i": assign})) == "REP_INACTIVE"
    new = {"title": "For Lia", "customerName": "Acme", "amount": "1.00", "currency": "TWD",
           "expectedCloseDate": "2030-03-01", "ownerId": leaver.user_id}  # fmt: skip
    assert code(await system.ask(manager, CREATE, {"i": new})) == "BAD_USER_INPUT"
    deals = await system.data(
        ADMIN, "query($f: OpportunityFilter) { opportunities(first: 10, filter: $f) { nodes { status } } }",
        {"f": {"ownerId": leaver.user_id}},
    )  # fmt: skip
    assert [n["status"] for n in deals["opportunities"]["nodes"]] == ["WON"]


async def test_a_leaver_who_would_keep_open_work_is_not_deactivated(system):
    admin_leaver = await make_user(system, "Kim")
    successor = await make_user(system, "Ray")
    first = await create_deal(system, admin_leaver, "Kim's first")
    await create_deal(system, admin_leaver, "Kim's second")
    handed = {"fromUserId": admin_leaver.user_id, "toUserIds": [successor.user_id],
              "opportunityIds": [first["id"]], "deactivateLeaver": True}  # fmt: skip
    assert code(await system.ask(ADMIN, HAND_OVER, {"i": handed})) == "BAD_USER_INPUT"
    version = await system.data(
        ADMIN, "query($id: ID!) { user(id: $id) { version } }", {"id": admin_leaver.user_id}
    )
    deactivate = "mutation($id: ID!, $v: Int!) { deactivateUser(id: $id, expectedVersion: $v) { active } }"
    body = await system.ask(ADMIN, deactivate, {"id": admin_leaver.user_id, "v": version["user"]["version"]})
    assert code(body) == "OWNS_OPEN_OPPORTUNITIES"
    assert (await system.data(admin_leaver, "{ viewer { role } }"))["viewer"]["role"] == "REP"


async def test_a_manager_deactivates_a_rep_of_their_team_in_a_hand_over(system):
    manager = await make_user(system, "Meg", role="MANAGER")
    leaver, successor = await make_user(system, "Len"), await make_user(system, "Sky")
    await create_deal(system, leaver, "Len's deal")
    handed = await hand_over(system, leaver, successor, by=manager)
    assert handed == {"deactivated": True, "assignment": {"assignedCount": 1, "failedCount": 0}}
    assert code(await system.ask(leaver, "{ viewer { role } }")) == "ACCOUNT_DEACTIVATED"


async def test_a_manager_cannot_deactivate_someone_outside_their_team_or_an_admin(system):
    manager = await make_user(system, "Mac", role="MANAGER")
    successor = await make_user(system, "Stu")
    elsewhere = await make_user(system, "Eve", team="south")
    admin = await make_user(system, "Ada", role="ADMIN")
    peer = await make_user(system, "Pat", role="MANAGER")
    for leaver in (elsewhere, admin, peer):
        body = await system.ask(manager, HAND_OVER, handover(leaver, successor))
        assert code(body) == "FORBIDDEN", leaver.name
        assert (await system.data(leaver, "{ viewer { role } }"))["viewer"]["role"] == leaver.role


REACTIVATE = (
    "mutation($id: ID!, $v: Int!) { reactivateUser(id: $id, expectedVersion: $v) { active version } }"
)
USER_VERSION = "query($id: ID!) { user(id: $id) { active version } }"


async def test_an_administrator_lets_a_deactivated_user_back_in(system):
    leaver, successor = await make_user(system, "Rae"), await make_user(system, "Ray")
    await create_deal(system, leaver, "Rae's deal")
    await hand_over(system, leaver, successor)
    assert code(await system.ask(leaver, "{ viewer { role } }")) == "ACCOUNT_DEACTIVATED"
    before = (await system.data(ADMIN, USER_VERSION, {"id": leaver.user_id}))["user"]
    assert before["active"] is False

    # Only an administrator, and only at the version shown; a refusal changes nothing.
    manager = await make_user(system, "Max", role="MANAGER")
    assert (
        code(await system.ask(manager, REACTIVATE, {"id": leaver.user_id, "v": before["version"]}))
        == "FORBIDDEN"
    )
    stale = await system.ask(ADMIN, REACTIVATE, {"id": leaver.user_id, "v": before["version"] - 1})
    assert code(stale) == "CONFLICT"
    assert (await system.data(ADMIN, USER_VERSION, {"id": leaver.user_id}))["user"] == before

    back = await system.data(ADMIN, REACTIVATE, {"id": leaver.user_id, "v": before["version"]})
    assert back["reactivateUser"] == {"active": True, "version": before["version"] + 1}
    assert (await system.data(leaver, "{ viewer { role } }"))["viewer"]["role"] == "REP"
    # The services hear of it from the bus too: the user may work again.
    await wait_until(lambda: _creates(system, leaver), timeout=20, interval=0.5)


async def _creates(system: System, user: Identity) -> bool:
    body = await system.ask(user, CREATE, {"i": {"title": "Back at work", "customerName": "Acme",
        "amount": "100.00", "currency": "TWD", "expectedCloseDate": "2030-03-01"}})  # fmt: skip
    return not body.get("errors")
