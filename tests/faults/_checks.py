"""What must hold once the system has recovered from a fault, each check naming what is wrong:
every acknowledged change is in every read model once (reporting's reports, the notifications
inbox), no alert was sent twice (the mail server's count per delivery), no queue is stuck or
holds a dead letter, and every process reports ready."""

from __future__ import annotations

import contextlib
from collections import Counter
from decimal import Decimal
from typing import Any

import aio_pika

from tests.e2e._client import FrontEnd
from tests.e2e._system import RunningSystem
from tests.faults._load import ALERT_LEAD_DAYS, Ledger
from tests.support.rabbit import _rabbitmqctl

APPRAISAL = "{ repAppraisal { reps { repId owned won lost wonAmount { currency amount } } } }"
SOURCES = "{ sourceValue { bySource { name opportunities won lost money { currency wonRevenue } } } }"
STAGES = "{ timeInStage { pipelineId stages { stageKey reached } } }"
INBOX = "query($after: String) { notifications(first: 100, after: $after) { items { kind opportunityIds } endCursor hasNextPage } }"

DEAD_LETTER_SUFFIXES = (".dlq", ".XQ")
"""Our consumers' dead-letter queues, and dramatiq's."""


class Expected:
    """The read models' expected content, from the ledger alone."""

    def __init__(self, ledger: Ledger, stage_positions: dict[str, int]) -> None:
        self.ledger = ledger
        self.positions = stage_positions

    def appraisal(self) -> dict[str, tuple[int, int, int, Decimal]]:
        rows: dict[str, tuple[int, int, int, Decimal]] = {}
        for opportunity in self.ledger.created.values():
            owned, won, lost, amount = rows.get(opportunity.owner_id, (0, 0, 0, Decimal(0)))
            is_won = opportunity.id in self.ledger.won
            rows[opportunity.owner_id] = (
                owned + 1, won + is_won, lost + (opportunity.id in self.ledger.lost),
                amount + (opportunity.amount if is_won else 0),
            )  # fmt: skip
        return rows

    def source(self) -> tuple[int, int, int, Decimal]:
        won_revenue = sum((self.ledger.created[i].amount for i in self.ledger.won), Decimal(0))
        return len(self.ledger.created), len(self.ledger.won), len(self.ledger.lost), won_revenue

    def reached(self) -> dict[str, int]:
        """Per open stage: the opportunities won, or moved to it or past it (reporting's funnel)."""
        counts = dict.fromkeys(self.positions, 0)
        for opportunity_id, furthest in self.ledger.furthest_stage.items():
            for key, position in self.positions.items():
                if opportunity_id in self.ledger.won or self.positions[furthest] >= position:
                    counts[key] += 1
        return counts

    def alerts_of(self, owner_id: str) -> set[str]:
        return {i for i in self.ledger.closing_soon if self.ledger.created[i].owner_id == owner_id}


def _money(rows: list[dict[str, Any]], field: str) -> Decimal:
    return sum((Decimal(r[field]) for r in rows if r["currency"] == "TWD"), Decimal(0))


async def read_model_problems(
    admin: FrontEnd, reps: list[FrontEnd], source_name: str, expected: Expected
) -> list[str]:
    problems: list[str] = []
    body = await admin.ask(APPRAISAL)
    if body.get("errors"):
        return [f"appraisal: {body['errors']}"]
    got = {
        r["repId"]: (r["owned"], r["won"], r["lost"], _money(r["wonAmount"], "amount"))
        for r in body["data"]["repAppraisal"]["reps"]
    }
    if got != expected.appraisal():
        problems.append(f"appraisal (owned, won, lost, won amount) {got} != expected {expected.appraisal()}")
    body = await admin.ask(SOURCES)
    if body.get("errors"):
        return [*problems, f"source value: {body['errors']}"]
    rows = [s for s in body["data"]["sourceValue"]["bySource"] if s["name"] == source_name]
    got_source = (
        (rows[0]["opportunities"], rows[0]["won"], rows[0]["lost"], _money(rows[0]["money"], "wonRevenue"))
        if rows
        else (0, 0, 0, Decimal(0))  # a source is listed once an opportunity names it
    )
    if got_source != expected.source():
        problems.append(
            f"source value (count, won, lost, revenue) {got_source} != expected {expected.source()}"
        )
    body = await admin.ask(STAGES)
    if body.get("errors"):
        return [*problems, f"time in stage: {body['errors']}"]
    listed = {
        s["stageKey"]: s["reached"]
        for p in body["data"]["timeInStage"]
        if p["pipelineId"] == "default"
        for s in p["stages"]
    }
    reached = {key: listed.get(key, 0) for key in expected.positions}  # a pipeline is listed once used
    if reached != expected.reached():
        problems.append(f"stages reached {reached} != expected {expected.reached()}")
    for rep in reps:
        alerts = await _close_date_alerts(rep)
        if alerts is None:
            problems.append(f"{rep.identity.name}'s inbox did not answer")
            continue
        twice = sorted(i for i, n in alerts.items() if n > 1)
        if twice:
            problems.append(f"{rep.identity.name}'s inbox has close-date alerts twice: {twice}")
        if set(alerts) != expected.alerts_of(rep.identity.user_id):
            problems.append(
                f"{rep.identity.name}'s close-date alerts: {len(alerts)} in the inbox, "
                f"{len(expected.alerts_of(rep.identity.user_id))} expected (due {ALERT_LEAD_DAYS} days ahead)"
            )
    return problems


async def _close_date_alerts(rep: FrontEnd) -> Counter[str] | None:
    seen: Counter[str] = Counter()
    after = None
    while True:
        body = await rep.ask(INBOX, after=after)
        if body.get("errors"):
            return None
        page = body["data"]["notifications"]
        for item in page["items"]:
            if item["kind"] == "UPCOMING_CLOSE":
                seen.update(item["opportunityIds"])
        if not page["hasNextPage"]:
            return seen
        after = page["endCursor"]


def mail_problems(system: RunningSystem, ledger: Ledger) -> list[str]:
    """Each close-date alert mailed once: one message per delivery id (the Message-ID), one per
    opportunity."""
    ids = Counter(str(m["Message-ID"]) for m in list(system.mailbox.messages))
    problems = [f"mailed {n} times: {i}" for i, n in ids.items() if n > 1]
    per_opportunity = Counter(
        i.strip("<").split("-UPCOMING_CLOSE", 1)[0] for i in ids if "-UPCOMING_CLOSE" in i
    )
    missing = ledger.closing_soon - set(per_opportunity)
    if missing:
        problems.append(f"{len(missing)} close-date alerts not mailed yet")
    if extra := set(per_opportunity) - ledger.closing_soon:
        problems.append(f"mailed alerts for opportunities not closing soon: {sorted(extra)}")
    return problems


async def queues_of(prefix: str) -> list[str]:
    """Every queue the system under test declared (their names start with its prefix)."""
    listing = await _rabbitmqctl("list_queues", "-q", "--no-table-headers", "name")
    return sorted(q for q in listing.split() if q.startswith(prefix))


async def queue_problems(amqp_url: str, queues: list[str]) -> list[str]:
    """Read through passive declares (the management API may be off): a queue still holding
    messages, a consumer queue nobody consumes, a dead letter."""
    problems: list[str] = []
    connection = await aio_pika.connect(amqp_url, client_properties={"connection_name": "fault-suite-checks"})
    try:
        for name in queues:
            channel = await connection.channel()
            try:
                declared = (await channel.declare_queue(name, passive=True)).declaration_result
            except aio_pika.exceptions.ChannelClosed:
                problems.append(f"queue {name} is gone")
                continue
            finally:
                with contextlib.suppress(Exception):
                    await channel.close()
            messages, consumers = declared.message_count or 0, declared.consumer_count or 0
            if name.endswith(DEAD_LETTER_SUFFIXES):
                if messages:
                    problems.append(f"{messages} dead-lettered in {name}")
            elif messages:
                problems.append(f"{messages} waiting in {name}")
            elif not consumers:
                problems.append(f"nobody consumes {name}")
    finally:
        await connection.close()
    return problems


def probe_problems(system: RunningSystem) -> list[str]:
    problems = [f"{label} exited on its own (code {code})" for label, code in system.group.exited().items()]
    return problems + [f"{label} is not ready" for label in system.ports if not system.ready(label)]
