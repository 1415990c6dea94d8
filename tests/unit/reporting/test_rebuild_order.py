"""A rebuild drops the old generation only after the API processes stopped reading it."""

from __future__ import annotations

import asyncio
import time

from services.reporting.application.rebuild import rebuild_read_model


class _Generations:
    def __init__(self) -> None:
        self.steps: list[tuple[str, float]] = []

    async def begin(self) -> int:
        self.steps.append(("begin", time.monotonic()))
        return 2

    async def switch(self, generation: int) -> int:
        self.steps.append(("switch", time.monotonic()))
        return 1

    async def drop(self, generation: int) -> None:
        self.steps.append((f"drop {generation}", time.monotonic()))


async def _replay(generation: int) -> int:
    return 7


def test_the_old_generation_outlives_the_readers_cache() -> None:
    generations = _Generations()
    result = asyncio.run(rebuild_read_model(generations, _replay, readers_grace=0.2))
    assert result == (2, 7)
    assert [name for name, _ in generations.steps] == ["begin", "switch", "drop 1"]
    (_, switched), (_, dropped) = generations.steps[1:]
    assert dropped - switched >= 0.2
