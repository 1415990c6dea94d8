"""What the use cases need from the outside world, as protocols the adapters implement.

``add`` and ``save`` write the entity and its events in one transaction; ``save`` writes only if
the stored version is still ``expected_version`` and raises ``Conflict`` otherwise (nothing
written, no event).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from contracts.envelope import CloudEvent
from services.opportunity.application.queries import OpportunityQuery, Page
from services.opportunity.domain.accounts import Account
from services.opportunity.domain.opportunity import Opportunity
from services.opportunity.domain.pipeline import Pipeline
from services.opportunity.domain.product import Product
from services.opportunity.domain.source import Source
from services.opportunity.domain.user import User

T = TypeVar("T")


class Repository(Protocol[T]):
    async def get(self, id: str) -> T | None: ...

    async def get_many(self, ids: Sequence[str]) -> dict[str, T]: ...

    async def add(self, entity: T, events: Sequence[CloudEvent]) -> None: ...

    async def save(self, entity: T, expected_version: int, events: Sequence[CloudEvent]) -> None: ...


class OpportunityRepository(Repository[Opportunity], Protocol):
    async def find(self, query: OpportunityQuery) -> Page[Opportunity]: ...

    async def won_product_sets(self, account_id: str, excluding: str) -> list[frozenset[str]]: ...


class PipelineRepository(Repository[Pipeline], Protocol):
    async def all(self) -> list[Pipeline]: ...

    async def default(self) -> Pipeline | None: ...


class UserRepository(Repository[User], Protocol):
    async def all(self, *, active_only: bool = False) -> list[User]: ...


class SourceRepository(Repository[Source], Protocol):
    async def all(self) -> list[Source]: ...


@dataclass(frozen=True)
class ProductQuery:
    """A page of the catalogue in code order; None filters nothing."""

    product_line: str | None = None
    active: bool | None = None
    search: str | None = None
    first: int = 50
    after: str | None = None


class ProductRepository(Repository[Product], Protocol):
    async def list(self, query: ProductQuery) -> Page[Product]: ...


@dataclass(frozen=True)
class Ports:
    """Everything a use case may touch; built once in ``bootstrap``."""

    opportunities: OpportunityRepository
    pipelines: PipelineRepository
    users: UserRepository
    sources: SourceRepository
    products: ProductRepository
    clock: Callable[[], datetime]
    new_id: Callable[[], str]
    evidence_gate: EvidenceGate | None = None
    """Asked before a deal reaches a stage (application/evidence.py); None: no gate."""
    event_archive: EventArchive | None = None
    """The event log, for replays (application/replay.py)."""
    accounts: AccountReader | None = None
    """The accounts, for what a win records of its account (its segment); None: nothing."""


class AccountReader(Protocol):
    async def account(self, id: str) -> Account | None: ...


class EventArchive(Protocol):
    async def replay_to(self, queue: str, *, types: Sequence[str] | None, since: datetime | None) -> int: ...


class EvidenceGate(Protocol):
    async def check_move(self, opportunity: Opportunity, pipeline: Pipeline, to_key: str) -> None: ...

    async def check_start(self, pipeline: Pipeline, stage_key: str) -> None: ...
