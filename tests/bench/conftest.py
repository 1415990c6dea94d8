"""Shared by the benchmarks."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from servicekit.heap import settle_heap
from tests.conftest import mongodb_server


@pytest.fixture
def consumer_heap() -> Iterator[None]:
    """The garbage-collector settings a consumer process takes once started (``settle_heap``),
    for the test's whole process, raw baselines included; restored afterwards."""
    before = gc.get_threshold()
    settle_heap()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


@pytest.fixture(scope="module")
def mongodb_url() -> Iterator[str]:
    """A server of its own for each benchmark module, unless ``MONGODB_URL`` names one: on one
    server shared by the whole run, what earlier benchmarks left (a full cache, many dropped
    collections) slowed the later ones several times over (plain inserts fell from about 800 to
    130 per second in one run), so their ratios depended on the order they ran in."""
    with mongodb_server() as url:
        yield url
