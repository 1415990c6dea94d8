"""Faults as the scenarios inject them; each brings back what it took away."""

from __future__ import annotations

import asyncio
import contextlib

from tests.faults._bench import Fault, FaultBench
from tests.faults._faults import close_broker_connections, kill_hard, start_broker, stop_broker
from tests.support.waiting import wait_until


def killed(*labels: str) -> Fault:
    """kill -9 the processes; while they are down the load goes on (a backlog builds up); then
    start them again, as a supervisor would."""

    async def inject(bench: FaultBench) -> None:
        for label in labels:
            kill_hard(bench.system, label)
        await bench.wait_for_changes(bench.ledger.changes + 3 * len(bench.reps))
        await asyncio.gather(*(bench.start_again(label) for label in labels))

    return inject


async def broker_connections_closed(bench: FaultBench) -> None:
    closed = await close_broker_connections(bench.system, bench.amqp_url)
    assert closed >= 5, f"only {closed} connections of the processes under test were found to close"


async def database_restarted(bench: FaultBench) -> None:
    """The database process stops, and starts again on the same storage and port once the
    system has noticed (the relay's probe reports it)."""
    await asyncio.to_thread(bench.database.stop)
    try:

        async def noticed() -> bool:
            return not await asyncio.to_thread(bench.system.ready, "opportunity.relay")

        await wait_until(noticed, timeout=60, interval=0.2)
    finally:
        await asyncio.to_thread(bench.database.start)


async def broker_restarted(bench: FaultBench) -> None:
    """The broker stops and starts again (never left stopped: it serves the whole machine)."""
    await stop_broker()
    try:

        async def noticed() -> bool:
            return not await asyncio.to_thread(bench.system.ready, "reporting.consumer")

        await wait_until(noticed, timeout=60, interval=0.2)
    finally:
        await start_broker()


OUTAGE_SECONDS = 40
"""Longer than the driver's 30 s server selection, which a process starting up waits at most."""


def database_down_while_restarting(*labels: str) -> Fault:
    """The database goes away; the processes crash (kill -9) and their supervisor starts them
    again at once, while it is still away; it comes back ``OUTAGE_SECONDS`` later. A process
    must wait for it (not ready meanwhile) rather than exit."""

    async def inject(bench: FaultBench) -> None:
        await asyncio.to_thread(bench.database.stop)
        try:
            for label in labels:
                kill_hard(bench.system, label)
                bench.system.start_again(label)

            async def one_gave_up() -> bool:
                return bool(bench.system.group.exited())

            # The outage lasts its time, unless a process gives up first (then it is over).
            with contextlib.suppress(TimeoutError):
                await wait_until(one_gave_up, timeout=OUTAGE_SECONDS, interval=0.5)
        finally:
            await asyncio.to_thread(bench.database.start)

    return inject
