"""``make dev`` supervises its processes: one that exits is started again after a pause, longer
while it keeps exiting, and the output says so; the others run on. Real child processes."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts._processes import ProcessGroup, base_env
from servicekit.reconnect import Backoff

CRASHES = [sys.executable, "-c", "import sys; print('starting', flush=True); sys.exit(3)"]
RUNS = [sys.executable, "-c", "import time; time.sleep(600)"]


@pytest.fixture
def group(tmp_path: Path) -> Iterator[ProcessGroup]:
    group = ProcessGroup(log_dir=tmp_path, env=base_env(), backoff=Backoff(first=0.2, longest=0.8))
    yield group
    group.stop(timeout=5)


def supervise_for(group: ProcessGroup, seconds: float, said: list[str]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        group.restart_exited(said.append)
        time.sleep(0.05)


def test_a_process_that_exits_is_restarted_with_growing_pauses_and_the_output_says_so(
    group: ProcessGroup, tmp_path: Path
) -> None:
    steady = group.start("steady", RUNS)
    group.start("crashing", CRASHES)
    said: list[str] = []

    supervise_for(group, 4.0, said)

    restarts = [line for line in said if line == "crashing restarted"]
    exits = [line for line in said if line.startswith("crashing exited with code 3")]
    assert len(restarts) >= 3 and len(exits) >= len(restarts)
    pauses = [float(line.rsplit("in ", 1)[1].removesuffix(" s")) for line in exits]
    assert pauses[0] <= 0.2 and max(pauses) > 0.4, pauses  # they grow, to the longest
    group.running["crashing"].wait(timeout=10)  # the last one started has written its line
    assert (tmp_path / "crashing.log").read_text().count("starting") == len(restarts) + 1
    # The rest of the group runs on, untouched.
    assert steady.poll() is None and group.running["steady"] is steady
    assert not [line for line in said if line.startswith("steady")]


def test_a_stopped_group_restarts_nothing(group: ProcessGroup) -> None:
    group.start("crashing", CRASHES)
    group.stop(timeout=5)
    said: list[str] = []
    supervise_for(group, 0.5, said)
    assert said == [] and group.running == {}
