"""The batch view "opportunities closing within N days": the opportunity service's own list,
from today in the organisation's time zone (the alert settings'), scoped to what the caller may
see, soonest first."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from servicekit.identity import Identity
from tests.integration.gateway._system import ADMIN, System, running_system

CLOSING = (
    "query($days: Int!) { opportunitiesClosingWithin(days: $days) { id title daysLeft expectedCloseDate } }"
)


def _zone_a_day_off_utc() -> str:
    """A zone whose date is not UTC's right now (UTC+14 from 10:00 UTC, UTC-11 until 11:00), so
    a view counting from UTC's today would be a day off."""
    return "Pacific/Kiritimati" if datetime.now(UTC).hour >= 11 else "Pacific/Pago_Pago"


async def _user(system: System, name: str, role: str, team: str) -> Identity:
    created = await system.data(
        ADMIN,
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        {"i": {"name": name, "email": f"{name.lower()}@example.com", "role": role, "team": team}},
    )
    return Identity(user_id=created["createUser"]["id"], role=role, team=team, name=name)


async def _opportunity(system: System, title: str, owner: Identity, close: date) -> str:
    created = await system.data(
        ADMIN,
        "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }",
        {"i": {"title": title, "customerName": "Customer", "amount": "1000.00", "currency": "TWD",
               "expectedCloseDate": close.isoformat(), "ownerId": owner.user_id}},
    )  # fmt: skip
    opportunity_id: str = created["createOpportunity"]["id"]
    return opportunity_id


async def test_closing_within_n_days_counts_from_the_organisations_today_and_shows_what_you_may_see(
    mongodb_url: str, amqp_url: str
) -> None:
    async with running_system(mongodb_url, amqp_url) as system:
        settings = "mutation($i: AlertSettingsInput!) { updateAlertSettings(input: $i) { timeZone } }"
        zone = _zone_a_day_off_utc()
        await system.data(ADMIN, settings, {"i": {"timeZone": zone}})
        ana = await _user(system, "Ana", "REP", "north")
        ben = await _user(system, "Ben", "REP", "south")
        manager = await _user(system, "Mia", "MANAGER", "north")
        today = datetime.now(ZoneInfo(zone)).date()
        assert today != datetime.now(UTC).date()
        for title, owner, days in [
            ("today", ana, 0), ("in 3", ana, 3), ("in 5", ben, 5), ("in 7", ana, 7), ("in 8", ana, 8),
            ("yesterday", ana, -1),
        ]:  # fmt: skip
            await _opportunity(system, title, owner, today + timedelta(days=days))
        lost = await _opportunity(system, "lost in 2", ana, today + timedelta(days=2))
        lose = "mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { status } }"
        await system.data(
            ADMIN,
            lose,
            {"i": {"id": lost, "stageKey": "lost", "expectedVersion": 1, "lostReasonKey": "price"}},
        )

        def titles(rows: list[dict[str, object]]) -> list[object]:
            return [row["title"] for row in rows]

        everyone = (await system.data(ADMIN, CLOSING, {"days": 7}))["opportunitiesClosingWithin"]
        assert titles(everyone) == ["today", "in 3", "in 5", "in 7"]  # not the lost one, nor past ones
        assert [row["daysLeft"] for row in everyone] == [0, 3, 5, 7]
        assert everyone[1]["expectedCloseDate"] == (today + timedelta(days=3)).isoformat()
        assert titles((await system.data(ana, CLOSING, {"days": 7}))["opportunitiesClosingWithin"]) == [
            "today", "in 3", "in 7"
        ]  # fmt: skip
        assert titles((await system.data(ben, CLOSING, {"days": 30}))["opportunitiesClosingWithin"]) == [
            "in 5"
        ]
        assert titles((await system.data(manager, CLOSING, {"days": 0}))["opportunitiesClosingWithin"]) == [
            "today"
        ]

        refused = await system.ask(ana, CLOSING, {"days": -1})
        assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert refused["errors"][0]["extensions"]["details"] == {"field": "days"}
