"""Garbage-collector settings for a process that applies events in batches.

A consumer allocates many objects for every message (the parsed envelope and its model, the
copies and documents it writes) and holds them until the message's batch is applied; then
reference counting frees nearly all of them. The collector only looks for reference cycles, yet
it runs whenever the objects allocated and not yet freed pass its threshold, and each run
traverses every one of them, all still in use: with the interpreter's default threshold a
consumer spends a large share of its CPU traversing a batch it is about to free.

The rules: the young generation is collected only once far more objects are alive than a
consumer's whole prefetch window holds, and what start-up made lives as long as the process, so
it is frozen out of every later collection. Cycles are still found: they are rare here (no model
or document holds one), and they count towards the threshold like any object until a collection
frees them. This concerns the Python process alone, whatever the database server.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 500_000
"""Objects allocated and not yet freed before the youngest generation is collected (the
interpreter's default: 700). Rule: above what the largest prefetch window holds while waiting
for its batch (a delivery holds a few dozen objects; the notifications consumer's window is
8,192 deliveries), so no collection runs in the middle of a batch."""


def settle_heap() -> None:
    """Call once start-up is done: collect, freeze what is left, and collect less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
