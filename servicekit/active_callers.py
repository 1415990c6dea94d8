"""A deactivated user's calls are refused by every service, not only by the gateway: a gateway
replica that has not yet heard of the deactivation, or anything else holding the internal
secret, still signs identities naming that user.

The identity names the user; each service knows whether its users are active (the opportunity
service owns them, the others keep copies from ``user.*`` events) and passes that knowledge in
as an ``IsActive`` check. An id no service knows (the system's own, a user created later by an
identity provider) is not refused here: only a known, deactivated user is.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from cachetools import TTLCache
from starlette.responses import JSONResponse

from servicekit.i18n import localize_message

ACCOUNT_DEACTIVATED = "ACCOUNT_DEACTIVATED"
DEACTIVATED_MESSAGE = "This account has been deactivated and can no longer be used."

IsActive = Callable[[str], Awaitable[bool]]
"""Given a user id: False when that user is known and deactivated."""


def deactivated_response() -> JSONResponse:
    """The refusal in the APIs' one error shape, before any GraphQL work."""
    return JSONResponse(
        {
            "data": None,
            "errors": [
                {
                    "message": localize_message(DEACTIVATED_MESSAGE),
                    "extensions": {"code": ACCOUNT_DEACTIVATED},
                }
            ],
        },
        status_code=403,
    )


def kept_for(seconds: float, is_active: IsActive, clock: Callable[[], float] = time.monotonic) -> IsActive:
    """``is_active`` with each answer kept ``seconds``: a caller's every request would otherwise
    cost a read. A deactivation is then seen within ``seconds`` (the window the opportunity
    service's users cache already has)."""
    kept: TTLCache[str, bool] = TTLCache(maxsize=10_000, ttl=seconds, timer=clock)

    async def check(user_id: str) -> bool:
        known = kept.get(user_id)
        if known is not None:
            return known
        active = await is_active(user_id)
        kept[user_id] = active
        return active

    return check
