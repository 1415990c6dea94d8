"""The whole fault suite (`make faults`): one fault at a time while reps work through the
gateway; after each, every acknowledged change is in every read model once, no alert was sent
twice, no queue is stuck, nothing was dead-lettered, every probe is green, and the recovery time
is printed. The scenarios run in order on one system."""

from __future__ import annotations

import pytest

from tests.faults._bench import FaultBench
from tests.faults._faults import BROKER_RESTART_OPT_IN, broker_restart_allowed
from tests.faults._scenarios import (
    broker_connections_closed,
    broker_restarted,
    database_down_while_restarting,
    database_restarted,
    killed,
)

pytestmark = [pytest.mark.faults, pytest.mark.timeout(900)]
PER_REP = 9


@pytest.mark.parametrize(
    "label",
    ["opportunity.relay", "notifications.consumer", "reporting.consumer", "notifications.scheduler",
     "notifications.worker"],
)  # fmt: skip
async def test_a_process_killed_with_sigkill_comes_back_and_loses_nothing(
    bench: FaultBench, label: str
) -> None:
    await bench.survive(f"kill -9 {label}", killed(label), per_rep=PER_REP)


async def test_the_broker_closing_every_connection_loses_nothing(bench: FaultBench) -> None:
    await bench.survive("broker closing the connections", broker_connections_closed, per_rep=PER_REP)


async def test_a_database_restart_loses_nothing(bench: FaultBench) -> None:
    await bench.survive("database restart", database_restarted, per_rep=PER_REP)


@pytest.mark.skipif(
    not broker_restart_allowed(),
    reason=f"stops the broker the whole machine uses: set {BROKER_RESTART_OPT_IN}=1 (`make faults` does)",
)
async def test_a_broker_restart_loses_nothing(bench: FaultBench) -> None:
    await bench.survive("broker restart", broker_restarted, per_rep=PER_REP)


async def test_processes_started_while_the_database_is_down_wait_for_it(bench: FaultBench) -> None:
    await bench.survive(
        "database down while processes restart",
        database_down_while_restarting(
            "opportunity.relay",
            "notifications.consumer",
            "reporting.consumer",
            "notifications.scheduler",
            "notifications.worker",
        ),
        per_rep=PER_REP,
    )
