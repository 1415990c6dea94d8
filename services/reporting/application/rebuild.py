"""Rebuild the read model from zero while the live projection keeps running.

1. Start a fresh generation: from this moment every live consumer writes each event into it as
   well as into the active one (a consumer reads the targets for each batch, after receiving it).
2. Replay the retained events into a private queue and project them into the fresh generation
   only. Every event published before step 1 is in the retained set; every one consumed after it
   reaches the fresh generation live. The projection is idempotent and order-independent, so the
   overlap is harmless.
3. When the replay is drained, switch reports to the fresh generation, and drop the old one once
   every API process has stopped reading it (they keep the active generation for a few seconds).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Protocol


class Generations(Protocol):
    async def begin(self) -> Any: ...
    async def switch(self, generation: Any) -> Any: ...
    async def drop(self, generation: Any) -> None: ...


async def rebuild_read_model(
    generations: Generations,
    replay_into: Callable[[Any], Awaitable[int]],
    keep_old: bool = False,
    readers_grace: float = 0.0,
) -> tuple[Any, int]:
    """``replay_into(generation)`` replays the retained events into the generation and returns
    once they are all applied, with how many there were. Returns the new generation and that count."""
    generation = await generations.begin()
    replayed = await replay_into(generation)
    retired = await generations.switch(generation)
    if not keep_old:
        await asyncio.sleep(readers_grace)
        await generations.drop(retired)
    return generation, replayed
