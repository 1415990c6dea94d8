"""The brief's story, driven through the gateway over HTTP and WebSocket against every process of
the system running for real: a manager back from a trade show enters the cards and distributes
them, each card becoming an account and a contact; reps move them through the stages with
evidence; one rep leaves and hands over, the successor reading the account's closed deal; alerts
come before a close date; one deal is won and one lost; the account page and the reports show it."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.header import decode_header, make_header

import httpx
import pytest

from servicekit.identity import Identity
from tests.e2e._client import FrontEnd
from tests.e2e._system import running_processes
from tests.integration.gateway._ws import subscribed
from tests.support.waiting import wait_until

pytestmark = pytest.mark.timeout(600)

ADMIN = Identity(user_id="e2e-admin", role="ADMIN", name="Admin")
CREATE_USER = "mutation($i: CreateUserInput!) { createUser(input: $i) { id name role team } }"
MOVE = "mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { id version status stage { key } probability { effective } } }"
ONE = "query($id: ID!) { opportunity(id: $id) { id version ownerId status stage { key } } }"
ACCOUNT_OF = "query($id: ID!) { opportunity(id: $id) { accountId contacts { contactId role } } }"
ACCOUNT_PAGE = """query($id: ID!) { account(id: $id) { id name origin ownerId
  contacts { name emails } opportunities { id status ownerId } wonRevenue { amount currency } } }"""


@pytest.fixture(scope="module")
def system(mongodb_url, amqp_url, tmp_path_factory):
    with running_processes(mongodb_url, amqp_url, tmp_path_factory.mktemp("logs")) as running:
        yield running


async def move(front: FrontEnd, opportunity_id: str, stage: str, **extra) -> dict:
    current = (await front(ONE, id=opportunity_id))["opportunity"]
    moved = await front(
        MOVE, i={"id": opportunity_id, "expectedVersion": current["version"], "stageKey": stage, **extra}
    )
    return moved["moveOpportunityStage"]


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002"
    "00000105000d0a2db40000000049454e44ae426082"
)
CARDS = "Company,Contact,Title,Phone,Email,Product interest,Estimated amount,Currency,Notes\n" + "".join(
    f"Visitor {i} Co.,Contact {i},Buyer,0912-345-67{i},buyer{i}@visitor{i}.example,ERP,200000,TWD,Booth talk\n"
    for i in range(6)
)


async def import_cards(manager: FrontEnd, source: str, reps: list[str]) -> dict:
    query = (
        "mutation($i: ImportOpportunitiesInput!) { importOpportunities(input: $i) "
        "{ id status totalRows created problems { line reason } } }"
    )
    variables = {
        "i": {
            "file": None,
            "toUserIds": reps,
            "strategy": "ROUND_ROBIN",
            "sourceId": source,
            "closeInDays": 60,
        }
    }
    return (
        await multipart(
            manager, query, variables, {"variables.i.file": ("computex.csv", CARDS.encode(), "text/csv")}
        )
    )["importOpportunities"]


async def upload(front: FrontEnd, activity_id: str, name: str, content: bytes) -> dict:
    query = "mutation($a: ID!, $f: [Upload!]!) { attachFiles(activityId: $a, files: $f) { id downloadPath size } }"
    files = {"variables.f.0": (name, content, "image/png")}
    return (await multipart(front, query, {"a": activity_id, "f": [None]}, files))["attachFiles"][0]


async def multipart(front: FrontEnd, query: str, variables: dict, files: dict) -> dict:
    """The GraphQL multipart request a browser sends with files."""
    keys = list(files)
    response = await front.http.post(
        "/graphql",
        data={"operations": json.dumps({"query": query, "variables": variables}),
              "map": json.dumps({str(i): [key] for i, key in enumerate(keys)})},
        files={str(i): files[key] for i, key in enumerate(keys)},
        headers={"authorization": f"Bearer {front.token}"},
    )  # fmt: skip
    body = response.json()
    assert not body.get("errors"), body["errors"]
    return body["data"]


async def test_the_sales_story(system):
    today = datetime.now(UTC).date()
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30) as http:
        admin = FrontEnd(http, ADMIN)

        # An administrator sets up the team and the trade show, with what it cost.
        people = {}
        for name, role in (("Mei", "MANAGER"), ("Ann", "REP"), ("Bob", "REP"), ("Cai", "REP")):
            user = (
                await admin(
                    CREATE_USER,
                    i={"name": name, "email": f"{name.lower()}@e2e.example", "role": role, "team": "east"},
                )
            )["createUser"]
            people[name] = Identity(user_id=user["id"], role=role, team="east", name=name)
        show = (await admin(
            "mutation($i: SourceInput!) { createSource(input: $i) { id } }",
            i={"name": "Computex 2026", "kind": "TRADE_SHOW", "costAmount": "100000.00", "costCurrency": "TWD"},
        ))["createSource"]["id"]  # fmt: skip
        await admin(
            "mutation($i: SetStageEvidenceInput!) { setStageEvidence(input: $i) { kind } }",
            i={"pipelineId": "default", "stageKey": "value_proposition",
               "requirements": [{"kind": "SAMPLE_SENT", "anyOf": ["tracking_number"]}]},
        )  # fmt: skip
        manager, ann, bob = (FrontEnd(http, people[n]) for n in ("Mei", "Ann", "Bob"))
        # Ann reads English; the others never choose, so they read the organisation's zh-TW.
        assert (await ann('mutation { chooseLocale(locale: "en") { locale } }'))["chooseLocale"][
            "locale"
        ] == "en"

        # The manager imports the six cards from the show, spread across the three reps.
        job = await import_cards(manager, show, [people[n].user_id for n in ("Ann", "Bob", "Cai")])
        assert job["totalRows"] == 6 and not job["problems"]
        listing = (
            "query($s: ID) { opportunities(first: 50, filter: { sourceId: $s }) { nodes { id ownerId } } }"
        )
        imported = await manager.eventually(listing, lambda d: len(d["opportunities"]["nodes"]) == 6, s=show)
        cards = [n["id"] for n in imported["opportunities"]["nodes"]]
        counts = Counter(n["ownerId"] for n in imported["opportunities"]["nodes"])
        assert sorted(counts.values()) == [2, 2, 2]
        owners = {c: (await manager(ONE, id=c))["opportunity"]["ownerId"] for c in cards}
        anns = [c for c in cards if owners[c] == people["Ann"].user_id]
        cais = [c for c in cards if owners[c] == people["Cai"].user_id]

        # Each card became an account (the company) with a contact (the person on the card).
        visitors = await manager(
            '{ accounts(filter: { search: "Visitor" }, first: 10) { totalCount nodes { origin } } }'
        )
        assert visitors["accounts"]["totalCount"] == 6
        assert {a["origin"] for a in visitors["accounts"]["nodes"]} == {"IMPORT"}
        account_of = {c: (await manager(ACCOUNT_OF, id=c))["opportunity"] for c in cards}
        assert all(a["accountId"] and len(a["contacts"]) == 1 for a in account_of.values())

        # Ann's customer wants to sign within five days: an alert comes to her before that date,
        # pushed to her open page over the WebSocket and kept in her inbox.
        mine_live = "subscription { myNotifications { kind subject opportunityIds } }"
        async with subscribed(system.gateway_url, ann.token, mine_live) as inbox_live:
            current = (await ann(ONE, id=anns[0]))["opportunity"]
            await ann(
                "mutation($i: ChangeExpectedCloseDateInput!) { changeExpectedCloseDate(input: $i) { id } }",
                i={"id": anns[0], "expectedVersion": current["version"],
                   "expectedCloseDate": (today + timedelta(days=5)).isoformat(), "reason": "Signing next week"},
            )  # fmt: skip
            # Well inside the subscription's 60 s backstop look: only the bus can have brought it.
            async with asyncio.timeout(30):
                while True:
                    pushed = (await inbox_live.next())["data"]["myNotifications"]
                    if pushed["kind"] == "UPCOMING_CLOSE" and anns[0] in pushed["opportunityIds"]:
                        break
        inbox = await ann("{ notifications(first: 20) { items { kind opportunityIds } } }")
        assert any(
            n["kind"] == "UPCOMING_CLOSE" and anns[0] in n["opportunityIds"]
            for n in inbox["notifications"]["items"]
        )

        # ... and by e-mail.
        async def mailed() -> bool:
            subjects = [
                str(make_header(decode_header(m["Subject"]))) for m in system.mailbox.to("ann@e2e.example")
            ]
            return any(subject.startswith("Closing in 5 days") for subject in subjects)

        await wait_until(mailed, timeout=30)

        # The same alert for Cai, who never chose a language, comes in zh-TW: inbox and e-mail.
        cai = FrontEnd(http, people["Cai"])
        current = (await cai(ONE, id=cais[0]))["opportunity"]
        await cai(
            "mutation($i: ChangeExpectedCloseDateInput!) { changeExpectedCloseDate(input: $i) { id } }",
            i={"id": cais[0], "expectedVersion": current["version"],
               "expectedCloseDate": (today + timedelta(days=5)).isoformat()},
        )  # fmt: skip
        in_chinese = "5 天後結案："
        await cai.eventually(
            "{ notifications(first: 20) { items { kind subject } } }",
            lambda d: any(n["subject"].startswith(in_chinese) for n in d["notifications"]["items"]),
        )

        async def mailed_in_chinese() -> bool:
            subjects = [
                str(make_header(decode_header(m["Subject"]))) for m in system.mailbox.to("cai@e2e.example")
            ]
            return any(subject.startswith(in_chinese) for subject in subjects)

        await wait_until(mailed_in_chinese, timeout=30)

        # Ann sees only her two cards, and watches them live.
        mine = await ann("{ opportunities(first: 50) { totalCount nodes { id } } }")
        assert {n["id"] for n in mine["opportunities"]["nodes"]} == set(anns)
        changes = "subscription { opportunityChanged { type opportunity { id stage { key } } } }"
        async with subscribed(system.gateway_url, ann.token, changes) as live:
            deal = anns[0]
            await move(ann, deal, "needs_analysis")
            async with asyncio.timeout(30):
                while True:
                    change = (await live.next())["data"]["opportunityChanged"]
                    if change["opportunity"]["id"] == deal and change["type"] == "opportunity.stage_changed":
                        break
            assert change["opportunity"]["stage"]["key"] == "needs_analysis"

        # Leaving the stage that asks for a sample needs the courier's tracking number first.
        await move(ann, deal, "value_proposition")
        refused = await ann.ask(
            MOVE,
            i={
                "id": deal,
                "expectedVersion": (await ann(ONE, id=deal))["opportunity"]["version"],
                "stageKey": "decision_makers",
            },
        )
        assert refused["errors"][0]["extensions"]["code"] not in {"INTERNAL_ERROR", "FORBIDDEN"}
        activity = (await ann(
            "mutation($i: LogActivityInput!) { logActivity(input: $i) { id } }",
            i={"opportunityId": deal, "kind": "SAMPLE_SENT", "text": "Sample shipped",
               "details": {"courier": "DHL", "trackingNumber": "JD0123456789"}},
        ))["logActivity"]["id"]  # fmt: skip
        # A photo of the sample goes up through the gateway and comes back down the same way.
        attached = await upload(ann, activity, "sample.png", PNG)
        downloaded = await http.get(
            attached["downloadPath"], headers={"authorization": f"Bearer {ann.token}"}
        )
        assert downloaded.status_code == 200 and downloaded.content == PNG
        stranger_download = await http.get(
            attached["downloadPath"], headers={"authorization": f"Bearer {bob.token}"}
        )
        assert stranger_download.status_code in {403, 404}
        for stage in ("decision_makers", "proposal", "negotiation"):
            await move(ann, deal, stage)
        won = await move(ann, deal, "won")
        assert won["status"] == "WON" and won["probability"]["effective"] == 100
        # The account page shows the won deal and the revenue it brought.
        page = (await ann(ACCOUNT_PAGE, id=account_of[deal]["accountId"]))["account"]
        assert page["origin"] == "IMPORT" and page["contacts"][0]["emails"]
        assert [(o["id"], o["status"]) for o in page["opportunities"]] == [(deal, "WON")]
        assert [(Decimal(m["amount"]), m["currency"]) for m in page["wonRevenue"]] == [
            (Decimal(200000), "TWD")
        ]
        lost = await move(ann, anns[1], "lost", lostReasonKey="price", lostReason="Chose a cheaper vendor")
        assert lost["status"] == "LOST"

        # Bob may not touch Ann's deals.
        stranger = await bob.ask(ONE, id=anns[1])
        assert stranger["errors"][0]["extensions"]["code"] == "NOT_FOUND"

        # Before leaving, Cai loses one card; the other is still open.
        cai = FrontEnd(http, people["Cai"])
        await move(cai, cais[1], "lost", lostReasonKey="price", lostReason="No budget this year")
        assert (await bob.ask(ONE, id=cais[1]))["errors"][0]["extensions"]["code"] == "NOT_FOUND"

        # Cai leaves: the manager hands Cai's open deals (and accounts) to Bob, who reads the brief first.
        handover = (await manager(
            "mutation($i: HandOverOpportunitiesInput!) { handOverOpportunities(input: $i) { deactivated assignment { assignedCount } } }",
            i={"fromUserId": people["Cai"].user_id, "toUserIds": [people["Bob"].user_id]},
        ))["handOverOpportunities"]  # fmt: skip
        assert handover["assignment"]["assignedCount"] == 1  # the open one; the lost deal stays Cai's
        version = (await admin("query($id: ID!) { user(id: $id) { version } }", id=people["Cai"].user_id))[
            "user"
        ]["version"]
        left = await admin("mutation($id: ID!, $v: Int!) { deactivateUser(id: $id, expectedVersion: $v) { active } }",
                           id=people["Cai"].user_id, v=version)  # fmt: skip
        assert left["deactivateUser"]["active"] is False
        brief = await bob(
            "query($id: ID!) { opportunity(id: $id) { ownerId handoverBrief { stageKey previousOwnerId } } }",
            id=cais[0],
        )
        assert brief["opportunity"]["handoverBrief"]["previousOwnerId"] == people["Cai"].user_id
        # Bob now owns the lost card's account and reads its closed deal and that deal's timeline.
        lost_account = (await bob(ACCOUNT_PAGE, id=account_of[cais[1]]["accountId"]))["account"]
        assert lost_account["ownerId"] == people["Bob"].user_id
        assert [(o["id"], o["status"], o["ownerId"]) for o in lost_account["opportunities"]] == [
            (cais[1], "LOST", people["Cai"].user_id)
        ]
        closed = await bob(
            "query($id: ID!) { opportunity(id: $id) { status timeline { kind } } }", id=cais[1]
        )
        assert closed["opportunity"]["status"] == "LOST" and closed["opportunity"]["timeline"]

        # The reports follow the events.
        await manager.eventually(
            "{ repAppraisal { reps { repId won lost } } }",
            lambda d: any(
                r["repId"] == people["Ann"].user_id and r["won"] == 1 and r["lost"] == 1
                for r in d["repAppraisal"]["reps"]
            ),
        )
        value = await manager.eventually(
            "{ sourceValue { bySource { name opportunities won money { currency cost wonRevenue } } } }",
            lambda d: any(
                s["name"] == "Computex 2026" and s["won"] == 1 for s in d["sourceValue"]["bySource"]
            ),
        )
        computex = next(s for s in value["sourceValue"]["bySource"] if s["name"] == "Computex 2026")
        assert computex["opportunities"] == 6
        assert computex["money"][0]["cost"] in {"100000.00", "100000"}
        stages = await manager.eventually(
            "{ timeInStage(rottingLimit: 5) { stages { stageKey reached rottingCount } rottingCount rotting { opportunityId } } }",
            lambda d: any(
                s["stageKey"] == "negotiation" and s["reached"] >= 1
                for p in d["timeInStage"]
                for s in p["stages"]
            ),
        )
        assert stages["timeInStage"]
        assert all(len(p["rotting"]) <= min(5, p["rottingCount"]) for p in stages["timeInStage"])
        overdue = await manager("{ overdueReport { repId overdueCount } }")
        assert all(r["overdueCount"] == 0 for r in overdue["overdueReport"])
