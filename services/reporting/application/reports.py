"""Report use cases: a period of whole months is answered from the month rollups; any other
period from the population the active read model finds, with the per-opportunity rules."""

from __future__ import annotations

from dataclasses import dataclass

from services.reporting.application.policies import PolicyTerms, policy_in_force
from services.reporting.application.ports import Clock, PolicyRepository, ReportReader
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.money import Conversion
from services.reporting.domain.reports.appraisal import AppraisalReport, rep_appraisal
from services.reporting.domain.reports.calibration import PipelineCalibration, calibration
from services.reporting.domain.reports.forecast import Forecast, forecast
from services.reporting.domain.reports.overdue import RepOverdue, overdue_by_rep
from services.reporting.domain.reports.source_value import SourceValueReport, source_value
from services.reporting.domain.reports.time_in_stage import (
    PipelineStageTimes,
    rotting_cutoffs,
    time_in_stage,
)
from services.reporting.domain.rollups.appraisal import (
    AppraisalMonth,
    appraisal_from_months,
    appraisal_months_read,
)
from services.reporting.domain.rollups.months import whole_months


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
        today = self.clock().date()
        if whole_months(flt):
            first, end = appraisal_months_read(flt)
            months = await model.month_rollups("appraisal", first, end, flt.pipeline_id)
            partials = [(month, pipeline, AppraisalMonth.from_json(data)) for month, pipeline, data in months]
            return appraisal_from_months(partials, await model.catalog(), policy, flt, today, self.conversion)
        views = await model.alive_during(flt)
        return rep_appraisal(views, await model.catalog(), policy, flt, today, self.conversion)

    async def overdue(self, flt: ReportFilter) -> list[RepOverdue]:
        today = self.clock().date()
        model = await self.reader.active()
        views = await model.overdue_population(flt, today)
        return overdue_by_rep(views, await model.catalog(), flt, today, self.conversion)

    async def time_in_stage(self, flt: ReportFilter) -> list[PipelineStageTimes]:
        now = self.clock()
        model = await self.reader.active()
        catalog = await model.catalog()
        # Open ones are read only from stages with a rotting limit, each past its own limit.
        views = await model.stage_population(flt, rotting_cutoffs(catalog, flt, now))
        return time_in_stage(views, catalog, flt, now)

    async def source_value(self, flt: ReportFilter) -> SourceValueReport:
        model = await self.reader.active()
        return source_value(await model.created_in(flt), await model.catalog(), flt, self.conversion)

    async def forecast(self, flt: ReportFilter) -> Forecast:
        model = await self.reader.active()
        return forecast(await model.open_due_in(flt), await model.catalog(), flt, self.conversion)

    async def calibration(self, flt: ReportFilter) -> list[PipelineCalibration]:
        model = await self.reader.active()
        return calibration(await model.closed_in(flt), await model.catalog(), flt)
