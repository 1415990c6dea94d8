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


def test_a_batch_of_objects_in_use_is_not_traversed_while_cycles_are_still_collected() -> None:
    before = gc.get_threshold()
    try:
        settle_heap()
        runs = gc.get_stats()[0]["collections"]
        in_use = [{"event": i} for i in range(200_000)]  # what a large backlog holds at once
        assert gc.get_stats()[0]["collections"] == runs
        del in_use
        for _ in range(YOUNG_THRESHOLD):  # cycles, never freed by reference counting alone
            cycle: list[object] = []
            cycle.append(cycle)
        assert gc.get_stats()[0]["collections"] > runs
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
