"""Report queries: parse the filter, check the caller's scope, run one use case, map the result."""

from __future__ import annotations

from typing import Annotated

import strawberry

from services.reporting.api.context import Info
from services.reporting.api.reports.inputs import ReportFilterInput, to_filter
from services.reporting.api.reports.lost_reasons_types import LostReasonsReport
from services.reporting.api.reports.permissions import appraisal_scope, scoped_filter
from services.reporting.api.reports.types import (
    AppraisalReport,
    DealAppraisal,
    Forecast,
    PipelineCalibration,
    PipelineStageTimes,
    RepOverdue,
    SourceValueReport,
)
from services.reporting.domain.errors import InvalidArgument
from services.reporting.domain.filters import ReportFilter
from services.reporting.domain.reports.time_in_stage import MAX_ROTTING_LISTED, ROTTING_SHOWN

MAX_DEALS = 500


def _filter(info: Info, value: ReportFilterInput | None) -> ReportFilter:
    return scoped_filter(info.context.identity, to_filter(value))


@strawberry.type
class ReportQueries:
    @strawberry.field(
        description="Per rep: owned, won, lost, win rate, won amount, cycle time, overdue, score."
    )
    async def rep_appraisal(
        self, info: Info, filter: ReportFilterInput | None = None, policy_version: int | None = None
    ) -> AppraisalReport:
        # A rep reads their own row (``me { appraisal }`` at the gateway) and no other.
        flt, only_rep = appraisal_scope(info.context.identity, to_filter(filter))
        report = await info.context.services.reports.rep_appraisal(flt, policy_version, only_rep)
        return AppraisalReport.from_domain(report)

    @strawberry.field(
        description="What each won deal among the ids earns under a policy version (default: the one in "
        "force), its difficulty and why; deals not won are left out. A rep gets the deals they owned."
    )
    async def deal_appraisals(
        self, info: Info, opportunity_ids: list[strawberry.ID], policy_version: int | None = None
    ) -> list[DealAppraisal]:
        if len(opportunity_ids) > MAX_DEALS:
            raise InvalidArgument(f"At most {MAX_DEALS} deals at once.", {"field": "opportunityIds"})
        identity = info.context.identity
        reader = identity.user_id if identity.is_rep else None
        policy, deals = await info.context.services.reports.deal_appraisals(
            [str(i) for i in opportunity_ids], policy_version, reader
        )
        return [DealAppraisal.from_domain(policy, deal) for deal in deals]

    @strawberry.field(description="Per rep: open opportunities past their close date; late closes and slips.")
    async def overdue(self, info: Info, filter: ReportFilterInput | None = None) -> list[RepOverdue]:
        return [
            RepOverdue.from_domain(r)
            for r in await info.context.services.reports.overdue(_filter(info, filter))
        ]

    @strawberry.field(description="Per stage: time spent (overall and per rep), the funnel, and rotting now.")
    async def time_in_stage(
        self,
        info: Info,
        filter: ReportFilterInput | None = None,
        rotting_limit: Annotated[
            int,
            strawberry.argument(
                description="How many of the longest rotting to list per pipeline (1 to 1000)."
            ),
        ] = ROTTING_SHOWN,
    ) -> list[PipelineStageTimes]:
        if not 1 <= rotting_limit <= MAX_ROTTING_LISTED:
            raise InvalidArgument(f"rottingLimit must be between 1 and {MAX_ROTTING_LISTED}.")
        rows = await info.context.services.reports.time_in_stage(_filter(info, filter), rotting_limit)
        return [PipelineStageTimes.from_domain(p) for p in rows]

    @strawberry.field(
        description="Per source and per source kind: volume, wins, revenue, pipeline, what was spent in the "
        "period, ROI, cost per lead and per win; and each source over its whole life."
    )
    async def source_value(self, info: Info, filter: ReportFilterInput | None = None) -> SourceValueReport:
        reports, flt = info.context.services.reports, _filter(info, filter)
        # The whole life is read only when asked for.
        return SourceValueReport.from_domain(
            await reports.source_value(flt), lambda: reports.source_lifetime(flt)
        )

    @strawberry.field(description="Open and weighted pipeline by expected close month, per rep and per team.")
    async def forecast(self, info: Info, filter: ReportFilterInput | None = None) -> Forecast:
        return Forecast.from_domain(await info.context.services.reports.forecast(_filter(info, filter)))

    @strawberry.field(description="Per stage: observed win rate of closed opportunities that reached it.")
    async def calibration(
        self, info: Info, filter: ReportFilterInput | None = None
    ) -> list[PipelineCalibration]:
        rows = await info.context.services.reports.calibration(_filter(info, filter))
        return [PipelineCalibration.from_domain(p) for p in rows]

    @strawberry.field(
        description="Deals lost in the period (and lost still), by reason, by stage lost from, rep and source."
    )
    async def lost_reasons(self, info: Info, filter: ReportFilterInput | None = None) -> LostReasonsReport:
        return LostReasonsReport.from_domain(
            await info.context.services.reports.lost_reasons(_filter(info, filter))
        )
