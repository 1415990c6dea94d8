"""What the use cases need from the outside world, as protocols the adapters satisfy."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from services.reporting.domain.catalog import Catalog
from services.reporting.domain.exchange_rates import ExchangeRate
from services.reporting.domain.policy import AppraisalPolicy
from services.reporting.domain.rollups.kinds import RollupKind
from services.reporting.domain.rollups.months import Month, Window
from services.reporting.domain.view import Fact, OpportunityView

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class StoredFacts:
    """An opportunity's stored facts and the revision of the document holding them (None: none yet)."""

    facts: list[Fact]
    revision: int | None
    rollup_keys: frozenset[str] = frozenset()
    """The month rollups the stored model counts in."""


@dataclass(frozen=True)
class FactsWrite:
    """An opportunity's facts and the model derived from them, to be written only if its
    document is still at ``revision`` (None: only if there is no document yet)."""

    facts: list[Fact]
    view: OpportunityView
    revision: int | None
    rollup_keys: frozenset[str] = frozenset()
    """The month rollups the new model counts in."""
    joining: frozenset[str] = frozenset()
    """Those of ``rollup_keys`` the stored model did not count in: the rollups that must list
    the opportunity before it is written."""


class ProjectionStore(Protocol):
    async def targets(self) -> list[Any]: ...
    async def load_facts(self, generation: Any, opportunity_ids: list[str]) -> dict[str, StoredFacts]:
        """The stored facts of those of ``opportunity_ids`` that have a document."""

    async def save(self, generation: Any, writes: list[FactsWrite]) -> set[str]:
        """Apply each write whose document is still at its revision; returns the opportunities
        of those that were not (another writer moved their documents on meanwhile)."""

    async def save_catalog_entry(self, generation: Any, kind: str, entry: dict[str, Any]) -> bool: ...
    async def mark_rollups(self, generation: Any, keys: set[str]) -> None:
        """Say these month rollups may have changed, so they are recomputed."""


class PolicyVersionTaken(Exception):
    """Another save took this version first."""


class ReadModel(Protocol):
    """One generation of the read model: its catalog and its reports' month partials."""

    has_rollups: bool
    """Whether its month rollups may be read: not while a consumer keys the documents an earlier
    version wrote (an upgrade)."""

    async def catalog(self) -> Catalog: ...
    async def views(self, ids: list[str]) -> list[OpportunityView]:
        """The read model of each opportunity found among ``ids``."""

    async def month_rollups(
        self, kind: RollupKind[Any], first: Month | None, end: Month | None, pipeline_id: str | None
    ) -> list[tuple[Month, str, Any]]:
        """One report's month partials (JSON data) for months in ``[first, end)``, exact even
        where a rollup is not rebuilt yet."""

    async def window_partials(
        self, kind: RollupKind[Any], windows: Iterable[Window], pipeline_id: str | None
    ) -> list[tuple[Window, str, Any]]:
        """One report's partials (JSON data) for parts of months, per window and pipeline: from the
        day partials of a built rollup when the window is made of whole days, else from the
        month's opportunities (a window may come as several pieces, one per day)."""


class ReportReader(Protocol):
    async def active(self) -> ReadModel: ...


class PolicyRepository(Protocol):
    async def latest(self) -> AppraisalPolicy | None: ...
    async def get(self, version: int) -> AppraisalPolicy | None: ...
    async def all(self) -> list[AppraisalPolicy]: ...
    async def add(self, policy: AppraisalPolicy) -> None:
        """Raises PolicyVersionTaken if the version exists."""


class ExchangeRateRepository(Protocol):
    async def all(self) -> list[ExchangeRate]: ...
    async def put(self, rate: ExchangeRate) -> None:
        """Adds the rate, or replaces the one for the same currency and day."""

    async def remove(self, currency: str, valid_from: date) -> bool:
        """Whether there was one to remove."""
