"""Whether the user a token names is still active, known to every gateway replica at once.

A token stays valid for hours; a user deactivated meanwhile (a hand-over with
``deactivateLeaver``, or ``deactivateUser``) must lose access on the next request. So the
gateway keeps, per user id, whether they are active:

- learnt from the opportunity service (which owns users) on the first request after start-up,
  so a restarted gateway forgets nothing: it asks again;
- set at once by each ``user.*`` event on the bus: every replica has its own feed queue bound to
  them, so each hears of a deactivation, whichever replica or process made it;
- forgotten when the feed (re)connects (events may have been missed), when this gateway sends a
  mutation that may change a user, and after ``ttl`` seconds at the latest (one second while
  the feed is down);
- when it turns inactive, the user's open WebSockets are closed (4403), ending their
  subscriptions.

If the opportunity service cannot be asked, the last answer known is used, or the caller is let
through: the services refuse a deactivated caller themselves (the gateway is the first line,
not the only one).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from prometheus_client import Counter
from starlette.websockets import WebSocket, WebSocketState

from servicekit.active_callers import ACCOUNT_DEACTIVATED
from servicekit.logs import get_logger

log = get_logger(__name__)

STATUS_READS = Counter("gateway_user_status_reads_total", "User status look-ups", ["outcome"])
CLOSED_SOCKETS = Counter("gateway_deactivated_sockets_closed_total", "WebSockets closed on deactivation")

OFFLINE_TTL_SECONDS = 1.0
CLOSE_CODE = 4403


@dataclass(frozen=True)
class UserState:
    active: bool
    locale: str | None = None
    """The language the user chose; None until they choose (their request's then decides)."""


Lookup = Callable[[str], Awaitable[UserState | None]]
"""Asks the opportunity service about a user; None for an id it does not know."""


class UserStatus:
    def __init__(self, ttl_seconds: float) -> None:
        self._ttl = ttl_seconds
        self._lookup: Lookup | None = None
        self._live: Callable[[], bool] = lambda: False
        self._known: dict[str, tuple[bool, float]] = {}
        """Per user id: whether they may call, and when that was learnt (monotonic)."""
        self._locales: dict[str, str | None] = {}
        """Per user id: the language they chose, learnt with their status (the same way)."""
        self._sockets: dict[str, weakref.WeakSet[WebSocket]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def connect(self, lookup: Lookup, live: Callable[[], bool]) -> None:
        """Called in the lifespan, once the service clients and the feed exist."""
        self._lookup = lookup
        self._live = live

    async def is_active(self, user_id: str) -> bool:
        known = self._known.get(user_id)
        ttl = self._ttl if self._live() else min(self._ttl, OFFLINE_TTL_SECONDS)
        if known is not None and time.monotonic() - known[1] < ttl:
            STATUS_READS.labels("hit").inc()
            return known[0]
        if self._lookup is None:
            return True if known is None else known[0]
        started = time.monotonic()
        try:
            found = await self._lookup(user_id)
        except Exception as exc:  # the service is down: see the module's docstring
            STATUS_READS.labels("unavailable").inc()
            log.warning("user status unavailable", user_id=user_id, error=repr(exc))
            return True if known is None else known[0]
        STATUS_READS.labels("miss").inc()
        newer = self._known.get(user_id)
        if newer is not None and newer[1] >= started:
            return newer[0]  # an event arrived while the service was asked: it is newer
        # An id the service does not know may call (the services decide what it may see).
        active = found is None or found.active
        self._set(user_id, active, found.locale if found else None)
        return active

    def locale(self, user_id: str) -> str | None:
        """The language the user chose, as learnt by the last ``is_active``; None: not chosen."""
        return self._locales.get(user_id)

    def _set(self, user_id: str, active: bool, locale: str | None) -> None:
        if len(self._known) >= 100_000:
            self._known.clear()
            self._locales.clear()
        self._known[user_id] = (active, time.monotonic())
        self._locales[user_id] = locale
        if not active:
            self._close_sockets(user_id)

    def on_user(self, user_id: str, active: bool, locale: str | None = None) -> None:
        """A ``user.*`` event: its snapshot says whether the user is active and their language."""
        self._set(user_id, active, locale)

    def forget_all(self) -> None:
        """Events may have been missed, or this gateway just changed a user: ask again. Users with
        open WebSockets are asked at once, so a deactivation missed meanwhile still closes them."""
        self._known.clear()
        for user_id, sockets in list(self._sockets.items()):
            if sockets:
                self._spawn(self._recheck(user_id))

    async def _recheck(self, user_id: str) -> None:
        await self.is_active(user_id)

    def watch(self, user_id: str, socket: WebSocket) -> None:
        """An authenticated WebSocket: closed when its user is deactivated."""
        self._sockets.setdefault(user_id, weakref.WeakSet()).add(socket)

    def _close_sockets(self, user_id: str) -> None:
        sockets = self._sockets.pop(user_id, None)
        for socket in list(sockets or ()):
            self._spawn(_close(socket))

    def _spawn(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def aclose(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self._tasks, return_exceptions=True)


async def _close(socket: WebSocket) -> None:
    if socket.application_state == WebSocketState.DISCONNECTED:
        return
    # Closing the connection ends every subscription on it (the server cancels their operations).
    with contextlib.suppress(RuntimeError, OSError):
        await socket.close(code=CLOSE_CODE, reason=ACCOUNT_DEACTIVATED)
        CLOSED_SOCKETS.inc()
