"""A bounded load through the gateway, as reps at work send it, and the ledger of what the
system acknowledged: the expected state of every read model is computed from the ledger alone.

Each rep creates opportunities from a lead source and takes each one down one of three paths:
won (through needs analysis), lost (through validation), or kept open with its close date moved
three days ahead (so its close-date alert is due at once). A request the system failed to
answer during a fault is not taken as done: the rep reads the opportunity back (or searches for
the title it was creating) and tries again until the system confirms the change, as a person
would. Only what the system confirmed goes in the ledger.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

import httpx

from tests.e2e._client import FrontEnd

CURRENCY = "TWD"
CREATE = "mutation($i: CreateOpportunityInput!) { createOpportunity(input: $i) { id } }"
FIND = "query($s: String) { opportunities(first: 5, filter: { search: $s }) { nodes { id title } } }"
ONE = "query($id: ID!) { opportunity(id: $id) { version status expectedCloseDate stage { key } } }"
MOVE = "mutation($i: MoveOpportunityStageInput!) { moveOpportunityStage(input: $i) { id } }"
NEW_CLOSE_DATE = "mutation($i: ChangeExpectedCloseDateInput!) { changeExpectedCloseDate(input: $i) { id } }"

T = TypeVar("T")

PATHS = ("won", "lost", "closing_soon")
ALERT_LEAD_DAYS = 3
"""Inside the default lead time (7 days): the close-date alert is due as soon as it is planned."""


class Refused(AssertionError):
    """The system refused a change the load expected it to accept: a bug, not a fault."""


@dataclass(frozen=True)
class Opportunity:
    id: str
    owner_id: str
    amount: Decimal


@dataclass
class Ledger:
    """What the system acknowledged, across every scenario run on one system."""

    created: dict[str, Opportunity] = field(default_factory=dict)
    won: set[str] = field(default_factory=set)
    lost: set[str] = field(default_factory=set)
    closing_soon: set[str] = field(default_factory=set)
    furthest_stage: dict[str, str] = field(default_factory=dict)
    """The furthest open stage each opportunity was moved to (its first stage if never moved)."""
    changes: int = 0
    """Changes acknowledged so far; a scenario injects its fault once the load is under way."""


def _ok(body: dict[str, Any] | None) -> bool:
    return body is not None and not body.get("errors") and body.get("data") is not None


_PERMANENT = {"BAD_USER_INPUT", "FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED", "LOST_REASON_REQUIRED"}


async def _ask(front: FrontEnd, query: str, **variables: Any) -> dict[str, Any] | None:
    """The answer, or None when the system could not give one (a fault); a refusal that no retry
    changes fails the test at once."""
    try:
        body = await front.ask(query, **variables)
    except (httpx.HTTPError, ValueError):
        return None
    codes = {(e.get("extensions") or {}).get("code") for e in body.get("errors") or []}
    if codes & _PERMANENT:
        raise Refused(f"{query[:60]}... {variables}: {body['errors']}")
    return body


class Load:
    def __init__(
        self, reps: list[FrontEnd], source_id: str, first_stage: str, ledger: Ledger,
        give_up_after: float = 240,
    ) -> None:  # fmt: skip
        self.reps = reps
        self.source_id = source_id
        self.first_stage = first_stage
        self.ledger = ledger
        self.give_up_after = give_up_after
        self._serial = 0

    async def run(self, tag: str, per_rep: int) -> None:
        """Every rep works through ``per_rep`` opportunities at the same time as the others."""
        await asyncio.gather(*(self._rep_works(rep, tag, per_rep) for rep in self.reps))

    async def _rep_works(self, rep: FrontEnd, tag: str, count: int) -> None:
        for n in range(count):
            self._serial += 1
            title = f"{tag}x{rep.identity.user_id[-6:]}x{n}"
            amount = Decimal(1000 + self._serial)
            opportunity_id = await self._create(rep, title, amount)
            path = PATHS[n % len(PATHS)]
            if path == "won":
                await self._move(rep, opportunity_id, "needs_analysis")
                await self._move(rep, opportunity_id, "won")
                self.ledger.won.add(opportunity_id)
            elif path == "lost":
                await self._move(rep, opportunity_id, "validate")
                await self._move(
                    rep, opportunity_id, "lost", lostReasonKey="competitor", lostReason="Chose another vendor"
                )
                self.ledger.lost.add(opportunity_id)
            else:
                await self._close_in(rep, opportunity_id, ALERT_LEAD_DAYS)
                self.ledger.closing_soon.add(opportunity_id)

    async def _create(self, rep: FrontEnd, title: str, amount: Decimal) -> str:
        close = (datetime.now(UTC).date() + timedelta(days=60)).isoformat()
        new = {"title": title, "customerName": f"{title} Co.", "amount": str(amount), "currency": CURRENCY,
               "expectedCloseDate": close, "sourceId": self.source_id}  # fmt: skip

        async def attempt() -> str | None:
            body = await _ask(rep, CREATE, i=new)
            if _ok(body):
                return str(body["data"]["createOpportunity"]["id"])  # type: ignore[index]
            # No answer: it may have been created all the same. Its title says.
            found = await _ask(rep, FIND, s=title)
            if _ok(found):
                for node in found["data"]["opportunities"]["nodes"]:  # type: ignore[index]
                    if node["title"] == title:
                        return str(node["id"])
            return None

        opportunity_id = await self._until_confirmed(f"create {title}", attempt)
        self.ledger.created[opportunity_id] = Opportunity(opportunity_id, rep.identity.user_id, amount)
        self.ledger.furthest_stage[opportunity_id] = self.first_stage
        self.ledger.changes += 1
        return opportunity_id

    async def _move(self, rep: FrontEnd, opportunity_id: str, stage: str, **extra: str) -> None:
        async def attempt() -> bool | None:
            current = await _ask(rep, ONE, id=opportunity_id)
            if not _ok(current):
                return None
            now = current["data"]["opportunity"]  # type: ignore[index]
            if now["stage"]["key"] == stage:  # an earlier attempt went through unanswered
                return True
            move = {"id": opportunity_id, "expectedVersion": now["version"], "stageKey": stage, **extra}
            return True if _ok(await _ask(rep, MOVE, i=move)) else None

        await self._until_confirmed(f"move {opportunity_id} to {stage}", attempt)
        if stage not in {"won", "lost"}:
            self.ledger.furthest_stage[opportunity_id] = stage
        self.ledger.changes += 1

    async def _close_in(self, rep: FrontEnd, opportunity_id: str, days: int) -> None:
        target = (datetime.now(UTC).date() + timedelta(days=days)).isoformat()

        async def attempt() -> bool | None:
            current = await _ask(rep, ONE, id=opportunity_id)
            if not _ok(current):
                return None
            now = current["data"]["opportunity"]  # type: ignore[index]
            if now["expectedCloseDate"] == target:
                return True
            change = {"id": opportunity_id, "expectedVersion": now["version"], "expectedCloseDate": target,
                      "reason": "The customer signs next week"}  # fmt: skip
            return True if _ok(await _ask(rep, NEW_CLOSE_DATE, i=change)) else None

        await self._until_confirmed(f"move {opportunity_id}'s close date", attempt)
        self.ledger.changes += 1

    async def _until_confirmed(self, what: str, attempt: Callable[[], Awaitable[T | None]]) -> T:
        deadline = time.monotonic() + self.give_up_after
        while (result := await attempt()) is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the system never confirmed: {what}")
            await asyncio.sleep(0.5)  # a person tries again a moment later
        return result
