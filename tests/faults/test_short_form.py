"""The fault suite's short form, run by every `make test`: the relay and both event consumers
killed with SIGKILL while reps work through the gateway, and started again."""

from __future__ import annotations

import pytest

from tests.faults._bench import FaultBench
from tests.faults._scenarios import killed

pytestmark = pytest.mark.timeout(600)


async def test_killing_the_relay_and_the_consumers_loses_nothing_and_applies_nothing_twice(
    bench: FaultBench,
) -> None:
    await bench.survive(
        "kill -9 relay and consumers",
        killed("opportunity.relay", "notifications.consumer", "reporting.consumer"),
        per_rep=6,
    )
