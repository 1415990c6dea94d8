"""DataLoaders made fresh for each request, so a page of N items costs one call per service for
each kind of linked data, whatever N is.

Users, pipelines and sources are small catalogues: one list call answers every key, and the
gateway keeps that list between requests (``CatalogueCache``: the same for every caller, forgotten
on any change). Nothing else is kept across requests or callers. Per-item data goes as one
batched call: a list argument where the service has one (pending alerts), else one aliased
document (histories, timelines, activities, the pages of each user's opportunities).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader, DefaultCache

from gateway.adapters.account_api import AccountApi
from gateway.adapters.catalogue import CatalogueCache
from gateway.adapters.clients.opportunity.fragments import PipelineFields, SourceFields, UserFields
from gateway.adapters.clients.reporting.fragments import DealAppraisalFields
from gateway.adapters.notifications_api import NotificationsApi
from gateway.adapters.opportunity_api import HANDOVER_BRIEF, TIMELINE, OpportunityApi
from gateway.adapters.product_api import ProductApi
from gateway.adapters.reporting_api import ReportingApi
from gateway.adapters.services import ServiceClients, ServiceError
from servicekit.identity import Identity

K = TypeVar("K")
T = TypeVar("T")

# Per-item batches go as one aliased document; past this many a second call starts.
MAX_BATCH = 100


class Loader(DataLoader[K, T]):
    """A DataLoader over a cache of its own making (``cache_map`` is a constructor argument), so
    that what it holds can be read without a load (``at_once``)."""

    def __init__(
        self,
        load_fn: Callable[[list[K]], Awaitable[Sequence[T | BaseException]]],
        max_batch_size: int | None = None,
    ) -> None:
        self.held: DefaultCache[K, T] = DefaultCache()
        super().__init__(load_fn=load_fn, max_batch_size=max_batch_size, cache_map=self.held)


def at_once(loader: Loader[Any, Any], key: Any) -> Any:
    """The value for ``key`` itself when ``loader`` already holds it (primed, or loaded earlier in
    the request), else the pending load. A resolver written as a plain ``def`` returns this:
    graphql-core awaits an awaitable result, and a page whose links are already loaded then
    resolves without a task per linked field (hundreds on a board)."""
    future = loader.held.get(key)
    if future is not None and future.done() and not future.cancelled():
        return future.result()  # a failed load raises here, as the field's error
    return loader.load(key)


def _by_id(fetch: Callable[[], Awaitable[list[Any]]]) -> Callable[[list[str]], Awaitable[list[Any]]]:
    async def load(ids: list[str]) -> list[Any]:
        index = {item.id: item for item in await fetch()}
        return [index.get(i) for i in ids]

    return load


@dataclass(frozen=True)
class PageKey:
    """One page of opportunities: its filter (as sorted JSON, so the key hashes) and the rest.
    Pages that differ only by filter are fetched together."""

    filter_json: str
    order_by: str
    first: int
    after: str | None
    selection: str

    @classmethod
    def of(
        cls, filter: dict[str, Any], order_by: str, first: int, after: str | None, selection: str
    ) -> PageKey:
        return cls(json.dumps(filter, sort_keys=True), order_by, first, after, selection)


@dataclass
class Apis:
    opportunity: OpportunityApi
    notifications: NotificationsApi
    reporting: ReportingApi
    accounts: AccountApi
    products: ProductApi

    @classmethod
    def over(cls, services: ServiceClients) -> Apis:
        return cls(
            OpportunityApi(services.opportunity),
            NotificationsApi(services.notifications),
            ReportingApi(services.reporting),
            AccountApi(services.opportunity),
            ProductApi(services.opportunity),
        )


class Loaders:
    def __init__(
        self, apis: Apis, identity: Identity | None, catalogue: CatalogueCache | None = None
    ) -> None:
        self.apis = apis
        self.identity = identity
        self.catalogue = catalogue
        self.user = Loader[str, UserFields | None](load_fn=_by_id(lambda: self.listed("users")))
        self.pipeline = Loader[str, PipelineFields | None](load_fn=_by_id(lambda: self.listed("pipelines")))
        self.source = Loader[str, SourceFields | None](load_fn=_by_id(lambda: self.listed("sources")))
        self.appraisal = DataLoader[str, Any](load_fn=self._appraisals)
        self.deal_appraisal = DataLoader[tuple[str, int | None], DealAppraisalFields | None](
            load_fn=self._deal_appraisals, max_batch_size=MAX_BATCH
        )
        self.pending_alerts = DataLoader[str, list[dict[str, Any]]](
            load_fn=self._pending_alerts, max_batch_size=MAX_BATCH
        )
        self.pending_alert_count = Loader[str, int](
            load_fn=self._pending_alert_counts, max_batch_size=MAX_BATCH
        )
        self.histories = DataLoader[str, dict[str, Any]](load_fn=self._histories, max_batch_size=MAX_BATCH)
        self.timeline = DataLoader[str, Any](load_fn=self._timeline, max_batch_size=MAX_BATCH)
        self.handover_brief = DataLoader[str, Any](load_fn=self._handover_brief, max_batch_size=MAX_BATCH)
        self.account = DataLoader[str, Any](load_fn=self._accounts, max_batch_size=MAX_BATCH)
        self.account_part = DataLoader[tuple[str, str], Any](
            load_fn=self._account_parts, max_batch_size=MAX_BATCH
        )
        self.activities = DataLoader[str, Any](load_fn=self._activities, max_batch_size=MAX_BATCH)
        self.pages = DataLoader[PageKey, Any](load_fn=self._pages, max_batch_size=MAX_BATCH)

    async def listed(self, kind: str) -> list[Any]:
        """Every user, pipeline or source (``kind`` names the catalogue), as any signed-in
        caller reads them: kept between requests when a catalogue cache is given."""
        identity = _required(self.identity)
        api = self.apis.opportunity
        catalogues: dict[str, Callable[[Identity], Awaitable[list[Any]]]] = {
            "users": api.users,
            "pipelines": api.pipelines,
            "sources": api.sources,
        }
        fetch = catalogues[kind]
        if self.catalogue is None:
            return await fetch(identity)
        return await self.catalogue.get(kind, lambda: fetch(identity))

    async def prefetch_catalogue(self, owners: bool, pipelines: bool, sources: bool) -> None:
        """Load the catalogues a page will link to while the page itself is fetched, instead of
        after it: the same one call each (none when kept), one round trip less on the critical path."""
        wanted = [
            (self.user, "users") if owners else None,
            (self.pipeline, "pipelines") if pipelines else None,
            (self.source, "sources") if sources else None,
        ]
        chosen = [w for w in wanted if w is not None]
        results = await asyncio.gather(*(self.listed(kind) for _, kind in chosen), return_exceptions=True)
        for (loader, _), items in zip(chosen, results, strict=True):
            if not isinstance(items, BaseException):  # a failure is met again, and reported, on load
                loader.prime_many({item.id: item for item in items})

    async def page(
        self, filter: dict[str, Any], order_by: str, first: int, after: str | None, selection: str
    ) -> Any:
        """One page of opportunities; the pages of many parents (each user's) go as one call."""
        return await self.pages.load(PageKey.of(filter, order_by, first, after, selection))

    async def prefetch_pending_alert_counts(self, ids: list[str]) -> None:
        await self.prefetch(self.pending_alert_count, ids)

    @staticmethod
    async def prefetch(loader: DataLoader[str, Any], keys: list[str]) -> None:
        """Load ``keys`` now, in one batch, so the fields that need them resolve ``at_once``.
        A failure is kept for each key, and met (and reported per field) when resolved."""
        await asyncio.gather(loader.load_many(keys), return_exceptions=True)

    @classmethod
    def for_request(
        cls, services: ServiceClients, identity: Identity | None, catalogue: CatalogueCache | None = None
    ) -> Loaders:
        return cls(Apis.over(services), identity, catalogue)

    async def _appraisals(self, rep_ids: list[str]) -> list[Any]:
        report = await self.apis.reporting.appraisal(_required(self.identity), None, None)
        index = {row.repId: row for row in report.reps}
        return [index.get(rep_id) for rep_id in rep_ids]

    async def _deal_appraisals(self, keys: list[tuple[str, int | None]]) -> list[DealAppraisalFields | None]:
        """(opportunity id, policy version): one call per version asked; None for a deal not won."""
        found: dict[tuple[str, int | None], DealAppraisalFields] = {}
        for version in dict.fromkeys(v for _, v in keys):
            ids = [i for i, v in keys if v == version]
            for deal in await self.apis.reporting.deal_appraisals(_required(self.identity), ids, version):
                found[(deal.opportunityId, version)] = deal
        return [found.get(key) for key in keys]

    async def _pending_alerts(self, ids: list[str]) -> list[Any]:
        results = await self.apis.notifications.pending_alerts(_required(self.identity), ids)
        # The notifications service learns of an opportunity from its events, a moment after it
        # is created: until then it has no alerts for it, which is not an error on a board.
        return [[] if isinstance(r, ServiceError) and r.code == "NOT_FOUND" else r for r in results]

    async def _pending_alert_counts(self, ids: list[str]) -> list[Any]:
        results = await self.apis.notifications.pending_alert_counts(_required(self.identity), ids)
        return [0 if isinstance(r, ServiceError) and r.code == "NOT_FOUND" else r for r in results]

    async def _timeline(self, ids: list[str]) -> list[Any]:
        results = await self.apis.opportunity.details(_required(self.identity), ids, TIMELINE)
        return [r if isinstance(r, ServiceError) else r["timeline"] for r in results]

    async def _handover_brief(self, ids: list[str]) -> list[Any]:
        results = await self.apis.opportunity.details(_required(self.identity), ids, HANDOVER_BRIEF)
        return [r if isinstance(r, ServiceError) else r["handoverBrief"] for r in results]

    async def _accounts(self, ids: list[str]) -> list[Any]:
        return list(await self.apis.accounts.accounts_by_id(_required(self.identity), ids))

    async def _account_parts(self, keys: list[tuple[str, str]]) -> list[Any]:
        """(account id, page part): one call per part asked, for every account of the page."""
        by_part: dict[str, list[int]] = {}
        for index, (_, part) in enumerate(keys):
            by_part.setdefault(part, []).append(index)
        results: list[Any] = [None] * len(keys)

        async def fetch(part: str, indexes: list[int]) -> None:
            ids = [keys[i][0] for i in indexes]
            found = await self.apis.accounts.page_parts(_required(self.identity), ids, part)
            for index, account in zip(indexes, found, strict=True):
                results[index] = account if isinstance(account, ServiceError) else account[part]

        await asyncio.gather(*(fetch(part, indexes) for part, indexes in by_part.items()))
        return results

    async def _activities(self, ids: list[str]) -> list[Any]:
        return await self.apis.opportunity.activities_of(_required(self.identity), ids)

    async def _pages(self, keys: list[PageKey]) -> list[Any]:
        """One call for each set of pages that differ only by filter (the same page of every
        user's opportunities on a team list)."""
        groups: dict[tuple[str, int, str | None, str], list[int]] = {}
        for index, key in enumerate(keys):
            groups.setdefault((key.order_by, key.first, key.after, key.selection), []).append(index)
        results: list[Any] = [None] * len(keys)

        async def fetch(group: tuple[str, int, str | None, str], indexes: list[int]) -> None:
            order_by, first, after, selection = group
            pages: list[Any]
            try:
                pages = await self.apis.opportunity.pages(
                    _required(self.identity), [json.loads(keys[i].filter_json) for i in indexes],
                    order_by=order_by, first=first, after=after, selection=selection,
                )  # fmt: skip
            except ServiceError as error:
                pages = [error] * len(indexes)
            for index, page in zip(indexes, pages, strict=True):
                results[index] = page

        await asyncio.gather(*(fetch(group, indexes) for group, indexes in groups.items()))
        return results

    async def _histories(self, ids: list[str]) -> list[Any]:
        return list(await self.apis.opportunity.histories(_required(self.identity), ids))


def _required(identity: Identity | None) -> Identity:
    if identity is None:
        raise ServiceError(
            "UNAUTHENTICATED", "Sign in again: the access token is missing, expired or invalid."
        )
    return identity
