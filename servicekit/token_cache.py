"""Tokens already verified, each remembered until its own expiry.

A caller sends the same token with every request until it expires (a front end its access
token, the gateway the identity it signed for a user), so its signature is checked once, not per
request. The clock is injectable: tests move it instead of waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

from cachetools import TLRUCache

V = TypeVar("V")

Clock = Callable[[], float]
"""Seconds since the epoch, as ``time.time`` (tokens' ``exp`` claims are on that scale)."""


class TokenCache(Generic[V]):
    """What each token was verified as, kept until the token's expiry; when full, the least
    recently used token goes first (a burst of new callers never grows it without bound)."""

    def __init__(self, maxsize: int = 10_000, clock: Clock = time.time) -> None:
        self.clock = clock
        self._kept: TLRUCache[str, tuple[V, float]] = TLRUCache(
            maxsize, ttu=lambda _token, kept, _now: kept[1], timer=clock
        )

    def get(self, token: str) -> V | None:
        kept = self._kept.get(token)
        return None if kept is None else kept[0]

    def put(self, token: str, value: V, expires_at: float) -> None:
        self._kept[token] = (value, expires_at)
