"""Shared by the benchmarks."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from servicekit.heap import settle_heap


@pytest.fixture
def consumer_heap() -> Iterator[None]:
    """The garbage-collector settings a consumer process takes once started (``settle_heap``),
    for the test's whole process, raw baselines included; restored afterwards."""
    before = gc.get_threshold()
    settle_heap()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)
