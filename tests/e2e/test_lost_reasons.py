"""Lost reasons through the gateway, every process running: an administrator keeps the list,
losing a deal takes a reason from it (or "other" with words), bad input changes nothing, and the
report counts the period's losses by reason, stage, rep and source, scoped by role."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from servicekit.identity import Identity
from tests.e2e._client import FrontEnd
from tests.e2e._system import running_processes

pytestmark = pytest.mark.timeout(600)

ADMIN = Identity(user_id="lost-admin", role="ADMIN", name="Admin")
CREATE_USER = "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }"
CREATE = "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id version } }"
MOVE = "mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { version status lostReasonKey lostReason } }"
REOPEN = "mutation($i: ReopenOpportunityInput!) { reopenOpportunity(input: $i) { version } }"
PIPELINE = "{ pipelines { id isDefault version lostReasons { key nameEn retired } } }"
ADD = "mutation($i: AddLostReasonInput!) { addLostReason(input: $i) { version lostReasons { key nameEn retired } } }"
RETIRE = "mutation($i: RetireLostReasonInput!) { retireLostReason(input: $i) { version lostReasons { key retired } } }"
GROUP = "key name total reasons { reasonKey count }"
REPORT = (
    "query($f: ReportFilterInput) { lostReasons(filter: $f) { total reasons { reasonKey nameEn count } "
    f"byStage {{ {GROUP} }} byRep {{ {GROUP} }} bySource {{ {GROUP} }} }} }}"
)
STAGES = ["discover", "validate", "needs_analysis", "value_proposition", "decision_makers"]


@pytest.fixture(scope="module")
def system(mongodb_url, amqp_url, tmp_path_factory):
    with running_processes(mongodb_url, amqp_url, tmp_path_factory.mktemp("logs")) as running:
        yield running


async def _default(admin: FrontEnd) -> dict[str, Any]:
    pipeline: dict[str, Any] = next(p for p in (await admin(PIPELINE))["pipelines"] if p["isDefault"])
    return pipeline


def _code(body: dict[str, Any]) -> str:
    assert body.get("errors"), body
    code: str = body["errors"][0]["extensions"]["code"]
    return code


def _groups(counted: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """{group: {reason: count}} from (group, reason) counts."""
    out: dict[str, dict[str, int]] = {}
    for (group, reason), n in counted.items():
        out.setdefault(group, {})[reason] = n
    return out


def _shown(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    return {row["key"] or "": {r["reasonKey"]: r["count"] for r in row["reasons"]} for row in rows}


async def test_lost_reasons_are_kept_per_pipeline_required_and_reported(system) -> None:
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30) as http:
        admin = FrontEnd(http, ADMIN)
        people: dict[str, Identity] = {}
        for name, role, team in [("Mia", "MANAGER", "east"), ("Ann", "REP", "east"), ("Bob", "REP", "east"),
                                 ("Dan", "REP", "west")]:  # fmt: skip
            created = await admin(
                CREATE_USER,
                i={"name": name, "email": f"{name.lower()}@lost.example", "role": role, "team": team},
            )
            people[name] = Identity(user_id=created["createUser"]["id"], role=role, team=team, name=name)
        sources = {}
        for name in ("Computex", "Web form"):
            created = await admin(
                "mutation($i: SourceInput!) { createSource(input: $i) { id } }",
                i={"name": name, "kind": "EXPO"},
            )
            sources[name] = created["createSource"]["id"]
        manager, ann = FrontEnd(http, people["Mia"]), FrontEnd(http, people["Ann"])

        # The administrator keeps the list: adds a reason, retires one; a rep may not.
        pipeline = await _default(admin)
        assert pipeline["lostReasons"][-1]["key"] == "other"
        add = {"pipelineId": pipeline["id"], "expectedVersion": pipeline["version"], "key": "spec_mismatch",
               "nameZh": "規格不符", "nameEn": "Spec mismatch"}  # fmt: skip
        assert _code(await ann.ask(ADD, i=add)) == "FORBIDDEN"
        added = (await admin(ADD, i=add))["addLostReason"]
        assert added["lostReasons"][-1] == {
            "key": "spec_mismatch",
            "nameEn": "Spec mismatch",
            "retired": False,
        }
        assert _code(await admin.ask(ADD, i={**add, "expectedVersion": added["version"]})) == "BAD_USER_INPUT"
        retire = {"pipelineId": pipeline["id"], "expectedVersion": added["version"], "key": "timing"}
        retired = (await admin(RETIRE, i=retire))["retireLostReason"]
        assert {"key": "timing", "retired": True} in retired["lostReasons"]
        assert _code(
            await admin.ask(RETIRE, i={**retire, "expectedVersion": retired["version"], "key": "other"})
        ) == ("BAD_USER_INPUT")

        # Deals: (owner, source, stage lost from, reason, words); None: won, or reopened after losing.
        deals = [
            ("Ann", "Computex", "validate", "price", None),
            ("Ann", "Computex", "value_proposition", "price", "20 % over budget"),
            ("Ann", "Web form", "validate", "spec_mismatch", None),
            ("Bob", "Computex", "decision_makers", "competitor", None),
            ("Bob", None, "discover", "other", "The buyer's company was sold"),
            ("Bob", "Web form", "validate", "price", None),
            ("Dan", "Computex", "needs_analysis", "price", None),
            ("Dan", "Web form", "validate", "no_budget", None),
            ("Ann", "Computex", "validate", None, None),  # lost, then reopened: not lost any more
            ("Bob", "Web form", "validate", None, None),  # won
        ]
        close = (datetime.now(UTC).date() + timedelta(days=30)).isoformat()
        for number, (owner, source, stage, reason, words) in enumerate(deals):
            fields = {"title": f"Deal {number}", "customerName": f"Customer {number}", "amount": "1000",
                      "currency": "TWD", "expectedCloseDate": close, "ownerId": people[owner].user_id,
                      **({"sourceId": sources[source]} if source else {})}  # fmt: skip
            opp = (await admin(CREATE, i=fields))["createOpportunity"]
            version = opp["version"]
            for key in STAGES[1 : STAGES.index(stage) + 1]:
                step = {"id": opp["id"], "expectedVersion": version, "stageKey": key}
                version = (await admin(MOVE, i=step))["moveOpportunityStage"]["version"]
            lose = {"id": opp["id"], "expectedVersion": version, "stageKey": "lost"}
            if number == 0:  # bad reasons are refused and change nothing
                assert _code(await admin.ask(MOVE, i=lose)) == "LOST_REASON_REQUIRED"
                assert (
                    _code(await admin.ask(MOVE, i={**lose, "lostReason": "too dear"}))
                    == "LOST_REASON_REQUIRED"
                )
                assert (
                    _code(await admin.ask(MOVE, i={**lose, "lostReasonKey": "other"}))
                    == "LOST_REASON_REQUIRED"
                )
                assert (
                    _code(await admin.ask(MOVE, i={**lose, "lostReasonKey": "weather"}))
                    == "LOST_REASON_NOT_FOUND"
                )
                assert (
                    _code(await admin.ask(MOVE, i={**lose, "lostReasonKey": "timing"}))
                    == "LOST_REASON_RETIRED"
                )
            if reason is None and number == len(deals) - 1:
                await admin(MOVE, i={**lose, "stageKey": "won"})
                continue
            lost = (await admin(MOVE, i={**lose, "lostReasonKey": reason or "price", "lostReason": words}))[
                "moveOpportunityStage"
            ]
            assert lost["version"] == version + 1  # the refusals above wrote nothing
            assert (lost["status"], lost["lostReasonKey"], lost["lostReason"]) == (
                "LOST",
                reason or "price",
                words,
            )
            if reason is None:
                reopen = {"id": opp["id"], "expectedVersion": lost["version"], "stageKey": "validate"}
                await admin(REOPEN, i=reopen)

        # The figures a manager would check, counted here from the list above.
        counted = [
            (people[o].user_id, people[o].team, sources.get(s or ""), st, r) for o, s, st, r, _ in deals if r
        ]
        now = datetime.now(UTC)
        period = {"from": (now - timedelta(days=1)).isoformat(), "to": (now + timedelta(days=1)).isoformat()}

        def expected(team: str | None) -> dict[str, Any]:
            mine = [d for d in counted if team is None or d[1] == team]
            return {
                "total": len(mine),
                "reasons": dict(Counter(d[4] for d in mine)),
                "byStage": _groups(Counter((d[3], d[4]) for d in mine)),
                "byRep": _groups(Counter((d[0], d[4]) for d in mine)),
                "bySource": _groups(Counter((d[2] or "", d[4]) for d in mine)),
            }

        def shown(data: dict[str, Any]) -> dict[str, Any]:
            report = data["lostReasons"]
            return {
                "total": report["total"],
                "reasons": {r["reasonKey"]: r["count"] for r in report["reasons"]},
                "byStage": _shown(report["byStage"]),
                "byRep": _shown(report["byRep"]),
                "bySource": _shown(report["bySource"]),
            }

        everyone = expected(None)
        assert everyone["total"] == 8 and everyone["reasons"]["price"] == 4
        got = await admin.eventually(REPORT, lambda d: shown(d) == everyone, f=period)
        names = {r["reasonKey"]: r["nameEn"] for r in got["lostReasons"]["reasons"]}
        assert names["spec_mismatch"] == "Spec mismatch" and names["other"] == "Other"
        assert got["lostReasons"]["reasons"][0]["reasonKey"] == "price"  # most first
        east = expected("east")
        assert east["total"] == 6
        assert shown(await manager(REPORT, f=period)) == east
        earlier = {
            "from": (now - timedelta(days=10)).isoformat(),
            "to": (now - timedelta(days=5)).isoformat(),
        }
        assert shown(await manager(REPORT, f=earlier))["total"] == 0
        assert _code(await ann.ask(REPORT, f=period)) == "FORBIDDEN"
