"""A consumer process freezes what start-up made and collects its young objects less often."""

from __future__ import annotations

import gc

from servicekit.heap import YOUNG_THRESHOLD, settle_heap


def test_settling_freezes_the_start_up_heap_and_raises_the_young_threshold() -> None:
    before = gc.get_threshold()
    try:
        settle_heap()
        assert gc.get_threshold() == (YOUNG_THRESHOLD, *before[1:])
        assert gc.get_freeze_count() > 1000  # the modules, schemas and drivers loaded so far
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1  # cycles made later are still collected
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
