"""The fault suite's system: one per module (its scenarios run in order on it, and what each
acknowledged stays in the ledger the next one checks)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.faults._bench import RECOVERIES, FaultBench, fault_bench


@pytest.fixture(scope="module")
async def bench(amqp_url: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FaultBench]:
    async with fault_bench(amqp_url, tmp_path_factory.mktemp("faults")) as running:
        yield running


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The recovery time of every fault, printed however quiet the run (pytest captures what
    the tests print)."""
    if RECOVERIES:
        terminalreporter.section("recovery times")
        for recovery in RECOVERIES:
            terminalreporter.write_line(str(recovery))
