"""Garbage-collector settings for a process that applies events in batches.

A consumer allocates many objects for every message (the parsed envelope and its model, the
copies and documents it writes) and holds them until the message's batch is applied; then
reference counting frees nearly all of them. The collector only looks for reference cycles, yet
it runs whenever the objects allocated and not yet freed pass its threshold, and each run
traverses every one of them, all still in use. With the interpreter's default (700) it took a
fifth of the reporting consumer's CPU; with 20,000 a backlog of 2,057 events (one batch) still
cost the notifications consumer 33-40 ms of collections, and it took that backlog in at
3,500-3,600 events a second against 4,200-4,300 with collections out of the way.

So the young generation is collected only once far more objects are alive than a batch holds,
and what start-up made lives as long as the process, so it is frozen out of every later
collection. Cycles are still found: they are rare here (no model or document holds one), and
they count towards the threshold like any object until a collection frees them.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 500_000
"""Objects allocated and not yet freed before the youngest generation is collected (the
interpreter's default: 700). A delivery waiting for its batch holds about 50 (2,057 held about
106,000), so this covers the notifications consumer's whole prefetch window of 8,192."""


def settle_heap() -> None:
    """Call once start-up is done: collect, freeze what is left, and collect less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
