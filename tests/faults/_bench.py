"""The system under fault: every process on a database of its own, a team of reps at work
through the gateway, and a scenario runner that injects a fault while the load runs, then
waits until every check holds and prints how long recovery took."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from servicekit.identity import Identity
from tests.e2e._client import FrontEnd
from tests.e2e._system import RunningSystem, running_processes
from tests.faults._checks import (
    Expected,
    mail_problems,
    probe_problems,
    queue_problems,
    queues_of,
    read_model_problems,
)
from tests.faults._database import Database, database_of_our_own
from tests.faults._load import Ledger, Load
from tests.support.waiting import wait_until

ADMIN = Identity(user_id="faults-admin", role="ADMIN", name="Admin")
SOURCE = "Fault-tolerance expo"
REPS = ("Ann", "Bob", "Cai")
# A scheduler killed after claiming alerts holds them for its lease: a short one keeps the
# suite short (the setting is the operator's; 60 s by default).
SERVICE_SETTINGS = {"notifications": {"LEASE_SECONDS": "10"}}

Fault = Callable[["FaultBench"], Awaitable[None]]
RECOVERIES: list[Recovery] = []
"""Every recovery of the run, printed at its end (tests/faults/conftest.py)."""


@dataclass
class Recovery:
    fault: str
    load_done: float
    """Seconds from the fault until the load had every change acknowledged."""
    probes_green: float
    """Seconds from the fault until every process reported ready again."""
    caught_up: float
    """Seconds from the fault until every check held."""

    def __str__(self) -> str:
        return (
            f"recovery from {self.fault}: probes green after {self.probes_green:.1f} s, every read model,"
            f" inbox, mailbox and queue right after {self.caught_up:.1f} s (load done after {self.load_done:.1f} s)"
        )


class FaultBench:
    def __init__(
        self, system: RunningSystem, database: Database, amqp_url: str, http: httpx.AsyncClient,
        reps: list[FrontEnd], load: Load, expected: Expected,
    ) -> None:  # fmt: skip
        self.system = system
        self.database = database
        self.amqp_url = amqp_url
        self.http = http
        self.admin = FrontEnd(http, ADMIN)
        self.reps = reps
        self.load = load
        self.ledger = load.ledger
        self.expected = expected
        self.prefix = system.envs["gateway.gateway"]["QUEUE_PREFIX"]
        self._queues: list[str] = []
        self._load: asyncio.Task[None] | None = None

    async def survive(self, fault: str, inject: Fault, per_rep: int, timeout: float = 240) -> Recovery:
        """Run the load; once a third of it is acknowledged, inject the fault (which brings back
        whatever it took away, as a supervisor or an operator would); then wait until every
        check holds. Fails naming what is still wrong after ``timeout`` seconds."""
        await self.wait_until_sound(timeout=120)  # the previous scenario's state is settled
        before = self.ledger.changes
        load = self._load = asyncio.create_task(self.load.run(fault.replace(" ", ""), per_rep))
        try:
            await self.wait_for_changes(before + per_rep * len(self.reps))
            started = time.monotonic()
            await inject(self)
            probes_green = await self._first_all_ready(started, timeout)
            try:
                await asyncio.wait_for(asyncio.shield(load), timeout)
            except TimeoutError:
                raise AssertionError(
                    f"the load stalled {timeout:.0f} s after the fault ({self.ledger.changes} changes"
                    f" acknowledged): {await self.problems()}{self._diagnosis()}"
                ) from None
            load_done = time.monotonic() - started
        finally:
            load.cancel()
        await self.wait_until_sound(timeout)
        recovery = Recovery(fault, load_done, probes_green, time.monotonic() - started)
        RECOVERIES.append(recovery)
        return recovery

    async def wait_for_changes(self, count: int) -> None:
        """Until the load has ``count`` changes acknowledged (or is done)."""
        load = self._load

        async def reached() -> bool:
            if load is not None and load.done():
                load.result()  # a load that failed says why
                return True
            return self.ledger.changes >= count

        await wait_until(reached, timeout=180, interval=0.1)

    async def _first_all_ready(self, started: float, timeout: float) -> float:
        deadline = started + timeout
        while problems := await asyncio.to_thread(probe_problems, self.system):
            if time.monotonic() > deadline or self.system.group.exited():  # nobody restarts those
                raise AssertionError(f"not ready after the fault: {problems}{self._diagnosis()}")
            await asyncio.sleep(0.2)
        return time.monotonic() - started

    async def problems(self) -> list[str]:
        found = await asyncio.to_thread(probe_problems, self.system)
        if not self._queues:
            self._queues = await queues_of(self.prefix)
        found += await queue_problems(self.amqp_url, self._queues)
        found += mail_problems(self.system, self.ledger)
        try:
            found += await read_model_problems(self.admin, self.reps, SOURCE, self.expected)
        except (httpx.HTTPError, ValueError) as exc:
            found.append(f"the gateway did not answer: {exc!r}")
        return found

    async def wait_until_sound(self, timeout: float) -> None:
        last: list[str] = []
        deadline = time.monotonic() + timeout
        while last := await self.problems():
            if time.monotonic() > deadline or self.system.group.exited():
                raise AssertionError(f"not recovered after {timeout:.0f} s: {last}{self._diagnosis()}")
            await asyncio.sleep(1.0)

    def _diagnosis(self) -> str:
        return f"; logs in {self.system.group.log_dir}; the database's log ends: {self.database.log_tail()!r}"

    async def start_again(self, label: str) -> None:
        """Start a killed process again and wait until it reports ready."""
        self.system.start_again(label)
        deadline = time.monotonic() + 120
        while not await asyncio.to_thread(self.system.ready, label):
            if label in self.system.group.exited() or time.monotonic() > deadline:
                raise AssertionError(f"{label} did not come back{self._diagnosis()}")
            await asyncio.sleep(0.2)


@asynccontextmanager
async def fault_bench(amqp_url: str, work_dir: Path) -> AsyncIterator[FaultBench]:
    with (
        database_of_our_own(work_dir / "database") as database,
        running_processes(database.url, amqp_url, work_dir / "logs", service_env=SERVICE_SETTINGS) as system,
    ):
        async with httpx.AsyncClient(base_url=system.gateway_url, timeout=30) as http:
            admin = FrontEnd(http, ADMIN)
            reps = [await _new_rep(admin, name) for name in REPS]
            created = await admin(
                "mutation($i: SourceInput!) { createSource(input: $i) { id } }",
                i={"name": SOURCE, "kind": "TRADE_SHOW", "costAmount": "50000.00", "costCurrency": "TWD"},
            )
            pipelines = await admin("{ pipelines { id stages { key kind position } } }")
            stages = next(p["stages"] for p in pipelines["pipelines"] if p["id"] == "default")
            positions = {s["key"]: s["position"] for s in stages if s["kind"] == "OPEN"}
            first_stage = min(positions, key=positions.__getitem__)
            ledger = Ledger()
            load = Load(reps, created["createSource"]["id"], first_stage, ledger)
            yield FaultBench(
                system, database, amqp_url, http, reps, load, Expected(ledger, positions),
            )  # fmt: skip


async def _new_rep(admin: FrontEnd, name: str) -> FrontEnd:
    user = (
        await admin(
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            i={"name": name, "email": f"{name.lower()}@faults.example", "role": "REP", "team": "east"},
        )
    )["createUser"]
    return FrontEnd(admin.http, Identity(user_id=user["id"], role="REP", team="east", name=name))
