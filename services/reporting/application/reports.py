"""Report use cases: a period is answered from the month rollups of its whole months and the
partials of the months it starts or ends in (from the blocks of days and quarter hours kept
beside their rollups, or their opportunities).
The figures equal the per-opportunity rules of ``domain.reports`` (tests compare them); rollups
read a few documents instead of thousands. While a consumer keys the documents an earlier version wrote
(an upgrade), reports answer that they are not ready rather than read every document."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Generic, TypeVar

from services.reporting.application.policies import PolicyTerms, policy_in_force
from services.reporting.application.ports import (
    Clock,
    ExchangeRateRepository,
    PolicyRepository,
    ReadModel,
    ReportReader,
)
from services.reporting.domain.difficulty import WinAppraisal
from services.reporting.domain.errors import ReportsNotReady
from services.reporting.domain.exchange_rates import RateBook
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion
from services.reporting.domain.policy import AppraisalPolicy
from services.reporting.domain.reports.appraisal import AppraisalReport
from services.reporting.domain.reports.calibration import PipelineCalibration
from services.reporting.domain.reports.forecast import Forecast
from services.reporting.domain.reports.lost_reasons import LostReasonsReport
from services.reporting.domain.reports.overdue import RepOverdue
from services.reporting.domain.reports.source_value import SourceValueReport
from services.reporting.domain.reports.time_in_stage import (
    ROTTING_SHOWN,
    PipelineStageTimes,
)
from services.reporting.domain.rollups import appraisal as appraisal_months
from services.reporting.domain.rollups import calibration as calibration_months
from services.reporting.domain.rollups import forecast as forecast_months
from services.reporting.domain.rollups import kinds, rotting
from services.reporting.domain.rollups import lost_reasons as lost_months
from services.reporting.domain.rollups import overdue as overdue_months
from services.reporting.domain.rollups import source_value as source_months
from services.reporting.domain.rollups import time_in_stage as stage_months
from services.reporting.domain.rollups.kinds import MonthPartial, RollupKind
from services.reporting.domain.rollups.months import Month, period_pieces

P = TypeVar("P", bound=MonthPartial)


@dataclass(frozen=True)
class _Pieces(Generic[P]):
    """A report's partials for a period (see ``PeriodPieces``): its whole months and its parts
    of the months it starts or ends in; the lead, the part of its first month before it."""

    months: list[tuple[Month, str, P]]
    lead: list[tuple[Month, str, P]]


async def _partials(
    model: ReadModel, kind: RollupKind[P], months: tuple[Month | None, Month | None], flt: ReportFilter
) -> list[tuple[Month, str, P]]:
    found = await model.month_rollups(kind, months[0], months[1], flt.pipeline_id)
    return [(month, pipeline, kind.decode(data)) for month, pipeline, data in found]


async def _period(
    model: ReadModel, kind: RollupKind[P], flt: ReportFilter, from_start: bool = False
) -> _Pieces[P]:
    """The period's whole months from rollups and its edges as ``ReadModel.window_partials`` gives them;
    ``from_start``: every month before it too, and the part of its first month before it as the
    lead."""
    pieces = period_pieces(flt)
    whole = await _partials(model, kind, (None if from_start else pieces.first, pieces.end), flt)
    lead = pieces.lead if from_start else None
    if lead is not None:
        whole = [piece for piece in whole if piece[0] != lead.month]
    windows = [*pieces.edges, *([lead] if lead else [])]
    found = await model.window_partials(kind, windows, flt.pipeline_id) if windows else []
    edges = [
        (window.month, pipeline, kind.decode(data)) for window, pipeline, data in found if window is not lead
    ]
    led = [(window.month, pipeline, kind.decode(data)) for window, pipeline, data in found if window is lead]
    return _Pieces(whole + edges, led)


@dataclass(frozen=True)
class DealAppraisal:
    opportunity_id: str
    appraisal: WinAppraisal
    reward: Decimal


@dataclass(frozen=True)
class Reports:
    """The report use cases with the ports they need, wired once in bootstrap."""

    reader: ReportReader
    policies: PolicyRepository
    policy_defaults: PolicyTerms
    conversion: Conversion
    clock: Clock
    rates: ExchangeRateRepository | None = None
    """The dated rates costs convert at; without, the configured ``conversion``."""

    async def is_active_user(self, user_id: str) -> bool:
        """From the catalog's copy of the user (kept from ``user.*`` events): False once they
        were deactivated."""
        user = (await (await self.reader.active()).catalog()).users.get(user_id)
        return user is None or user.active

    async def _model(self) -> ReadModel:
        model = await self.reader.active()
        if not model.has_rollups:
            raise ReportsNotReady(
                "Reports are being prepared: the read model is being upgraded. Try again in a minute."
            )
        return model

    async def rep_appraisal(
        self, flt: ReportFilter, policy_version: int | None = None, only_rep: str | None = None
    ) -> AppraisalReport:
        """Every rep's row the filter covers, or ``only_rep``'s alone."""
        policy = await policy_in_force(self.policies, self.policy_defaults, self.clock, policy_version)
        model = await self._model()
        catalog, today = await model.catalog(), self.clock().date()
        found, scores = await asyncio.gather(
            _period(model, kinds.APPRAISAL, flt, from_start=True), _period(model, kinds.APPRAISAL_SCORES, flt)
        )
        report = appraisal_months.appraisal_from_months(
            found.months, catalog, policy, flt, today, self.conversion, found.lead, scores.months
        )
        if only_rep is None:
            return report
        return replace(report, reps=tuple(r for r in report.reps if r.rep_id == only_rep))

    async def deal_appraisals(
        self, ids: list[str], policy_version: int | None = None, reader_id: str | None = None
    ) -> tuple[AppraisalPolicy, list[DealAppraisal]]:
        """What each won deal among ``ids`` earns under the policy, and why; ``reader_id``: only
        the deals that rep owned at some time."""
        policy = await policy_in_force(self.policies, self.policy_defaults, self.clock, policy_version)
        views = await (await self.reader.active()).views(ids)
        found = {
            v.id: v
            for v in views
            if v.won and (reader_id is None or any(o.owner_id == reader_id for o in v.ownership))
        }
        deals = [
            DealAppraisal(v.id, policy.appraise(v, self.conversion), policy.reward(v, self.conversion))
            for v in (found[i] for i in dict.fromkeys(ids) if i in found)
        ]
        return policy, deals

    async def overdue(self, flt: ReportFilter) -> list[RepOverdue]:
        today = self.clock().date()
        model = await self._model()
        catalog = await model.catalog()
        found = await _period(model, kinds.OVERDUE, flt)
        return overdue_months.overdue_from_months(found.months, catalog, flt, today, self.conversion)

    async def time_in_stage(
        self, flt: ReportFilter, rotting_limit: int | None = ROTTING_SHOWN
    ) -> list[PipelineStageTimes]:
        now = self.clock()
        model = await self._model()
        catalog = await model.catalog()
        stays, open_since = await asyncio.gather(
            _period(model, kinds.STAGE_TIMES, flt),
            _partials(model, kinds.OPEN_SINCE, rotting.rotting_months_read(now), flt),
        )
        counts = rotting.rotting_counts(open_since, catalog, flt, now)
        # The entries of the longest rotting lie in the oldest months that hold any.
        entries = await _partials(
            model, kinds.OPEN_ENTRIES, rotting.entry_months(counts, rotting_limit, now), flt
        )
        listed = rotting.longest_rotting_from_months(entries, catalog, flt, now, rotting_limit)
        return stage_months.time_in_stage_from_months(stays.months, catalog, flt, counts, listed)

    async def source_value(self, flt: ReportFilter) -> SourceValueReport:
        model = await self._model()
        catalog = await model.catalog()
        book = RateBook.of(await self.rates.all() if self.rates else [], self.conversion)
        found = await _period(model, kinds.SOURCE_VALUE, flt)
        return source_months.source_value_from_months(found.months, catalog, flt, self.conversion, book)

    async def source_lifetime(self, flt: ReportFilter) -> SourceValueReport:
        """Each source over its whole life: every opportunity and every cost, in the filter's
        pipeline and team, whatever its period."""
        return await self.source_value(ReportFilter(None, None, flt.pipeline_id, flt.team))

    async def forecast(self, flt: ReportFilter) -> Forecast:
        model = await self._model()
        catalog = await model.catalog()
        found = await _period(model, kinds.FORECAST, flt)
        return forecast_months.forecast_from_months(found.months, catalog, flt, self.conversion)

    async def calibration(self, flt: ReportFilter) -> list[PipelineCalibration]:
        model = await self._model()
        catalog = await model.catalog()
        found = await _period(model, kinds.CALIBRATION, flt)
        return calibration_months.calibration_from_months(found.months, catalog, flt)

    async def lost_reasons(self, flt: ReportFilter) -> LostReasonsReport:
        model = await self._model()
        catalog = await model.catalog()
        found = await _period(model, kinds.LOST_REASONS, flt)
        return lost_months.lost_reasons_from_months(found.months, catalog, flt)
