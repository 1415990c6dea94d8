"""Report use cases: a period of whole months is answered from the month rollups; any other
period from the population the active read model finds, with the per-opportunity rules. Both
give the same figures (tests compare them); rollups read a few documents instead of thousands."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from services.reporting.application.policies import PolicyTerms, policy_in_force
from services.reporting.application.ports import Clock, PolicyRepository, ReadModel, ReportReader
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion
from services.reporting.domain.reports.appraisal import AppraisalReport, rep_appraisal
from services.reporting.domain.reports.calibration import PipelineCalibration, calibration
from services.reporting.domain.reports.forecast import Forecast, forecast
from services.reporting.domain.reports.overdue import RepOverdue, overdue_by_rep
from services.reporting.domain.reports.source_value import SourceValueReport, source_value
from services.reporting.domain.reports.time_in_stage import (
    ROTTING_SHOWN,
    PipelineStageTimes,
    rotting_cutoffs,
    time_in_stage,
)
from services.reporting.domain.rollups import appraisal as appraisal_months
from services.reporting.domain.rollups import calibration as calibration_months
from services.reporting.domain.rollups import forecast as forecast_months
from services.reporting.domain.rollups import overdue as overdue_months
from services.reporting.domain.rollups import rotting
from services.reporting.domain.rollups import source_value as source_months
from services.reporting.domain.rollups import time_in_stage as stage_months
from services.reporting.domain.rollups.months import Month, whole_months

Partial = TypeVar("Partial")


async def _partials(
    model: ReadModel,
    kind: str,
    months: tuple[Month | None, Month | None],
    flt: ReportFilter,
    decode: Callable[[Any], Partial],
) -> list[tuple[Month, str, Partial]]:
    found = await model.month_rollups(kind, months[0], months[1], flt.pipeline_id)
    return [(month, pipeline, decode(data)) for month, pipeline, data in found]


def _from_rollups(model: ReadModel, flt: ReportFilter) -> bool:
    return model.has_rollups and whole_months(flt)


@dataclass(frozen=True)
class Reports:
    """The report use cases with the ports they need, wired once in bootstrap."""

    reader: ReportReader
    policies: PolicyRepository
    policy_defaults: PolicyTerms
    conversion: Conversion
    clock: Clock

    async def rep_appraisal(self, flt: ReportFilter, policy_version: int | None = None) -> AppraisalReport:
        policy = await policy_in_force(self.policies, self.policy_defaults, self.clock, policy_version)
        model = await self.reader.active()
        catalog, today = await model.catalog(), self.clock().date()
        if _from_rollups(model, flt):
            months = appraisal_months.appraisal_months_read(flt)
            partials = await _partials(
                model, "appraisal", months, flt, appraisal_months.AppraisalMonth.from_json
            )
            return appraisal_months.appraisal_from_months(
                partials, catalog, policy, flt, today, self.conversion
            )
        return rep_appraisal(await model.alive_during(flt), catalog, policy, flt, today, self.conversion)

    async def overdue(self, flt: ReportFilter) -> list[RepOverdue]:
        today = self.clock().date()
        model = await self.reader.active()
        catalog = await model.catalog()
        if _from_rollups(model, flt):
            months = overdue_months.overdue_months_read(flt, today)
            partials = await _partials(model, "overdue", months, flt, overdue_months.OverdueMonth.from_json)
            return overdue_months.overdue_from_months(partials, catalog, flt, today, self.conversion)
        return overdue_by_rep(
            await model.overdue_population(flt, today), catalog, flt, today, self.conversion
        )

    async def time_in_stage(
        self, flt: ReportFilter, rotting_limit: int | None = ROTTING_SHOWN
    ) -> list[PipelineStageTimes]:
        now = self.clock()
        model = await self.reader.active()
        catalog = await model.catalog()
        if _from_rollups(model, flt):
            months = stage_months.stage_times_months_read(flt)
            stays, open_since = await asyncio.gather(
                _partials(model, "stage_times", months, flt, stage_months.StageTimesMonth.from_json),
                _partials(
                    model,
                    "open_since",
                    rotting.rotting_months_read(now),
                    flt,
                    rotting.OpenSinceMonth.from_json,
                ),
            )
            counts = rotting.rotting_counts(open_since, catalog, flt, now)
            # The entries of the longest rotting lie in the oldest months that hold any.
            entries = await _partials(
                model, "open_entries", rotting.entry_months(counts, rotting_limit, now), flt,
                rotting.OpenEntriesMonth.from_json,
            )  # fmt: skip
            listed = rotting.longest_rotting_from_months(entries, catalog, flt, now, rotting_limit)
            return stage_months.time_in_stage_from_months(stays, catalog, flt, counts, listed)
        # Open ones are read only from stages with a rotting limit, each past its own limit.
        views = await model.stage_population(flt, rotting_cutoffs(catalog, flt, now))
        return time_in_stage(views, catalog, flt, now, rotting_limit)

    async def source_value(self, flt: ReportFilter) -> SourceValueReport:
        model = await self.reader.active()
        catalog = await model.catalog()
        if _from_rollups(model, flt):
            months = source_months.source_value_months_read(flt, self.clock())
            partials = await _partials(
                model, "source_value", months, flt, source_months.SourceValueMonth.from_json
            )
            return source_months.source_value_from_months(partials, catalog, flt, self.conversion)
        return source_value(await model.created_in(flt), catalog, flt, self.conversion)

    async def forecast(self, flt: ReportFilter) -> Forecast:
        model = await self.reader.active()
        catalog = await model.catalog()
        if _from_rollups(model, flt):
            months = forecast_months.forecast_months_read(flt)
            partials = await _partials(
                model, "forecast", months, flt, forecast_months.ForecastMonth.from_json
            )
            return forecast_months.forecast_from_months(partials, catalog, flt, self.conversion)
        return forecast(await model.open_due_in(flt), catalog, flt, self.conversion)

    async def calibration(self, flt: ReportFilter) -> list[PipelineCalibration]:
        model = await self.reader.active()
        catalog = await model.catalog()
        if _from_rollups(model, flt):
            months = calibration_months.calibration_months_read(flt)
            partials = await _partials(
                model, "calibration", months, flt, calibration_months.CalibrationMonth.from_json
            )
            return calibration_months.calibration_from_months(partials, catalog, flt)
        return calibration(await model.closed_in(flt), catalog, flt)
