"""A page of opportunities scoped to the caller's role, and the list of those closing soon.

The opportunity service applies visibility itself; the gateway narrows the filter by role first
so that a rep asking for someone else's deals gets an empty page without a call.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from gateway.adapters.notifications_api import NotificationsApi
from gateway.adapters.opportunity_api import OpportunityApi
from gateway.adapters.services import ServiceError
from gateway.application.page_selection import service_selection
from gateway.domain.access import opportunity_scope
from servicekit.identity import Identity

MAX_CLOSING_DAYS = 365
MAX_CLOSING_ROWS = 500
CLOSING = "id title ownerId team pipelineId stage { key } expectedCloseDate"
CLOSING_ORDER = "EXPECTED_CLOSE_DATE_ASC"
EMPTY_PAGE: dict[str, Any] = {
    "nodes": [],
    "pageInfo": {"hasNextPage": False, "endCursor": None},
    "totalCount": 0,
}


class PageLoading(Protocol):
    """What a page needs from the request's loaders: pages batched across parents (each user's
    opportunities go as one call) and the linked data loaded ahead of the nodes."""

    async def page(
        self, filter: dict[str, Any], order_by: str, first: int, after: str | None, selection: str
    ) -> Any: ...

    async def prefetch_catalogue(self, owners: bool, pipelines: bool, sources: bool) -> None: ...

    async def prefetch_pending_alert_counts(self, ids: list[str]) -> None: ...


def narrowed_filter(caller: Identity, filter: Mapping[str, Any]) -> dict[str, Any] | None:
    """``filter`` with the owner or team the caller's role forces; None when it asks for
    someone else's, which the caller may not see."""
    scope = opportunity_scope(caller)
    narrowed = dict(filter)
    for key, forced in (("ownerId", scope.owner_id), ("team", scope.team)):
        if forced is None:
            continue
        if narrowed.get(key) not in (None, forced):
            return None
        narrowed[key] = forced
    return narrowed


async def scoped_page(
    loading: PageLoading,
    caller: Identity,
    filter: Mapping[str, Any],
    order_by: str,
    first: int,
    after: str | None,
    fields: Mapping[str, set[str]],
) -> Any:
    """A page narrowed to what the caller's role may see, whatever filter they asked for, with
    the nodes' ``fields`` (the gateway's names, each with what is selected inside it)."""
    narrowed = narrowed_filter(caller, filter)
    if narrowed is None:
        return EMPTY_PAGE  # asked for someone else's: nothing to show
    page, _ = await asyncio.gather(
        loading.page(narrowed, order_by, first, after, service_selection(fields)),
        loading.prefetch_catalogue("owner" in fields, "pipeline" in fields, "source" in fields),
    )
    if "pendingAlertCount" in fields:
        await loading.prefetch_pending_alert_counts([node["id"] for node in page["nodes"]])
    return page


@dataclass(frozen=True)
class Closing:
    """Open opportunities closing soon, and the organisation's today they count from."""

    today: date
    nodes: list[dict[str, Any]]


async def closing_within(
    opportunities: OpportunityApi, notifications: NotificationsApi, caller: Identity, days: int
) -> Closing:
    """The opportunity service's list (it applies the caller's visibility), from today in the
    organisation's zone, which the notifications service keeps with the alert settings."""
    if not 0 <= days <= MAX_CLOSING_DAYS:
        raise ServiceError(
            "BAD_USER_INPUT", f"days must be between 0 and {MAX_CLOSING_DAYS}.", {"field": "days"}
        )
    settings = await notifications.alert_settings(caller)
    today = datetime.now(ZoneInfo(settings.timeZone)).date()
    last = today + timedelta(days=days)
    window = {"status": "OPEN", "closeDateFrom": today.isoformat(), "closeDateTo": last.isoformat()}
    nodes: list[dict[str, Any]] = []
    after: str | None = None
    while len(nodes) < MAX_CLOSING_ROWS:
        page = await opportunities.page(
            caller, filter=window, order_by=CLOSING_ORDER,
            first=min(200, MAX_CLOSING_ROWS - len(nodes)), after=after, selection=CLOSING,
        )  # fmt: skip
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    return Closing(today, nodes)
