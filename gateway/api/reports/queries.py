"""Reports: managers see their team's figures, administrators everyone's; a rep reads their own
appraisal through ``me { appraisal }``."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.permission import BasePermission
from strawberry.types import Info

from gateway.adapters.clients.reporting import input_types
from gateway.api.common.permissions import IsAdmin, IsManagerOrAdmin
from gateway.api.context import Context
from gateway.api.raw import served, to_variables
from gateway.api.reports.lost_reasons_types import LostReasonsReport
from gateway.api.reports.types import (
    AppraisalReport,
    ExchangeRate,
    Forecast,
    PipelineCalibration,
    PipelineStageTimes,
    Policy,
    ReportFilterInput,
    RepOverdue,
    SourceValueReport,
)
from gateway.application.report_scope import scoped_report_filter

MANAGERS: list[type[BasePermission]] = [IsManagerOrAdmin]


def _scoped_filter(
    info: Info[Context, None], filter: ReportFilterInput | None
) -> input_types.ReportFilterInput:
    return scoped_report_filter(info.context.caller, to_variables(filter) if filter is not None else {})


async def _report(info: Info[Context, None], name: str, filter: ReportFilterInput | None) -> Any:
    api = info.context.loaders.apis.reporting
    return served(await api.report(info.context.caller, name, _scoped_filter(info, filter)))


@strawberry.type
class ReportQueries:
    @strawberry.field(permission_classes=MANAGERS, description="Per rep: owned, won, lost, win rate, score.")
    async def rep_appraisal(
        self,
        info: Info[Context, None],
        filter: ReportFilterInput | None = None,
        policy_version: int | None = None,
    ) -> AppraisalReport:
        api = info.context.loaders.apis.reporting
        result = await api.appraisal(info.context.caller, _scoped_filter(info, filter), policy_version)
        return served(result)

    @strawberry.field(
        permission_classes=MANAGERS, description="Per rep: open opportunities past their close date."
    )
    async def overdue_report(
        self, info: Info[Context, None], filter: ReportFilterInput | None = None
    ) -> list[RepOverdue]:
        return await _report(info, "overdue", filter)

    @strawberry.field(
        permission_classes=MANAGERS, description="Per stage: time spent, the funnel, rotting now."
    )
    async def time_in_stage(
        self,
        info: Info[Context, None],
        filter: ReportFilterInput | None = None,
        rotting_limit: Annotated[
            int,
            strawberry.argument(
                description="How many of the longest rotting to list per pipeline (1 to 1000)."
            ),
        ] = 50,
    ) -> list[PipelineStageTimes]:
        api = info.context.loaders.apis.reporting
        result = await api.time_in_stage(info.context.caller, _scoped_filter(info, filter), rotting_limit)
        return served(result)

    @strawberry.field(
        permission_classes=MANAGERS,
        description="Per source and kind: volume, wins, revenue, what was spent in the period, ROI, cost per "
        "lead and per win; and each source over its whole life (lifetimeBySource).",
    )
    async def source_value(
        self, info: Info[Context, None], filter: ReportFilterInput | None = None
    ) -> SourceValueReport:
        return await _report(info, "sourceValue", filter)

    @strawberry.field(permission_classes=MANAGERS, description="Open and weighted pipeline by close month.")
    async def forecast(self, info: Info[Context, None], filter: ReportFilterInput | None = None) -> Forecast:
        return await _report(info, "forecast", filter)

    @strawberry.field(
        permission_classes=MANAGERS, description="Per stage: observed win rate of closed opportunities."
    )
    async def calibration(
        self, info: Info[Context, None], filter: ReportFilterInput | None = None
    ) -> list[PipelineCalibration]:
        return await _report(info, "calibration", filter)

    @strawberry.field(
        permission_classes=MANAGERS,
        description="Deals lost in the period (and lost still), by reason, by stage lost from, rep and source.",
    )
    async def lost_reasons(
        self, info: Info[Context, None], filter: ReportFilterInput | None = None
    ) -> LostReasonsReport:
        return await _report(info, "lostReasons", filter)

    @strawberry.field(permission_classes=MANAGERS, description="The appraisal policy in force.")
    async def appraisal_policy(self, info: Info[Context, None]) -> Policy:
        return served(await info.context.loaders.apis.reporting.policy(info.context.caller))

    @strawberry.field(permission_classes=[IsAdmin], description="Every saved policy version, oldest first.")
    async def appraisal_policies(self, info: Info[Context, None]) -> list[Policy]:
        return served(await info.context.loaders.apis.reporting.policies(info.context.caller))

    @strawberry.field(
        permission_classes=MANAGERS, description="The dated exchange rates source costs are converted at."
    )
    async def exchange_rates(self, info: Info[Context, None]) -> list[ExchangeRate]:
        return served(await info.context.loaders.apis.reporting.exchange_rates(info.context.caller))
