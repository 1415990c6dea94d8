"""Request rates per user and per client address, counted with the `limits` library: in this
process's memory, or in Redis when a URL is given, so that every gateway replica counts the same
hits. Sliding-window counters: two numbers a key, and no burst at a window's edge."""

from __future__ import annotations

import math
import time
from typing import Any, Literal

from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from prometheus_client import Counter
from redis.asyncio import ConnectionPool

from servicekit.logs import get_logger

log = get_logger(__name__)

Key = Literal["user", "address"]

REFUSED = Counter("gateway_rate_limited_total", "Requests refused for their rate", ["key"])

_STORAGE_TIMEOUT_SECONDS = 0.5
_WARN_EVERY_SECONDS = 60.0


class RateLimiter:
    """``retry_after`` counts one request for a key and tells whether it is over its limits.

    Rules are the `limits` notation, several separated by ``;`` ("20/second;600/minute"); an
    empty string turns a key's limit off. When the store cannot be reached, requests pass (a
    Redis outage must not take the API down) and a warning says so, once a minute at most.
    """

    def __init__(self, *, per_user: str, per_address: str, redis_url: str | None, namespace: str) -> None:
        self._rules: dict[Key, list[RateLimitItem]] = {
            "user": parse_many(per_user) if per_user.strip() else [],
            "address": parse_many(per_address) if per_address.strip() else [],
        }
        self._redis_url = redis_url
        self._namespace = namespace
        self._limiter: SlidingWindowCounterRateLimiter | None = None
        self._pool: ConnectionPool | None = None
        self._warned_at = -math.inf

    def _strategy(self) -> SlidingWindowCounterRateLimiter:
        # Made on first use, inside the running event loop (an asyncio Redis client belongs to one).
        if self._limiter is None:
            if self._redis_url:
                # A pool of our own, so that the lifespan can close its connections.
                self._pool = ConnectionPool.from_url(
                    self._redis_url,
                    socket_timeout=_STORAGE_TIMEOUT_SECONDS,
                    socket_connect_timeout=_STORAGE_TIMEOUT_SECONDS,
                )
                passed_to_redis: dict[str, Any] = {"connection_pool": self._pool}
                storage: RedisStorage | MemoryStorage = RedisStorage(
                    f"async+{self._redis_url}", implementation="redispy", **passed_to_redis
                )
            else:
                storage = MemoryStorage()
            self._limiter = SlidingWindowCounterRateLimiter(storage)
        return self._limiter

    async def aclose(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()
        self._pool = self._limiter = None

    async def retry_after(self, key: Key, value: str) -> int | None:
        """None when ``value`` (a user id, an address) may go on; else the whole seconds to wait."""
        rules = self._rules[key]
        if not rules:
            return None
        limiter = self._strategy()
        try:
            for rule in rules:
                if not await limiter.hit(rule, self._namespace, key, value):
                    stats = await limiter.get_window_stats(rule, self._namespace, key, value)
                    REFUSED.labels(key).inc()
                    return max(1, math.ceil(stats.reset_time - time.time()))
        except Exception as exc:  # the store is down or answers nonsense: let the request through
            now = time.monotonic()
            if now - self._warned_at >= _WARN_EVERY_SECONDS:
                self._warned_at = now
                log.warning("rate limits not applied: their store failed", error=repr(exc))
        return None
