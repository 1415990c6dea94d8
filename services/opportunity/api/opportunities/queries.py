"""Opportunity queries: one by id, and the filtered, ordered, paginated list."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from services.opportunity.api.context import Info
from services.opportunity.api.opportunities.selection import list_needs_histories
from services.opportunity.api.opportunities.types import Opportunity, OpportunityConnection
from services.opportunity.api.permissions import AUTHENTICATED
from services.opportunity.application.queries import OpportunityFilter as FilterCommand
from services.opportunity.application.queries import OpportunityOrder
from services.opportunity.application.read_opportunities import get_opportunity, list_opportunities
from services.opportunity.domain.opportunity import Status

strawberry.enum(OpportunityOrder, name="OpportunityOrder")


@strawberry.input
class OpportunityFilter:
    owner_id: strawberry.ID | None = None
    team: str | None = None
    pipeline_id: strawberry.ID | None = None
    stage_key: str | None = None
    status: Status | None = None
    source_id: strawberry.ID | None = None
    closing_within_days: int | None = strawberry.field(
        default=None, description="Open and expected to close between today and today + N days."
    )
    close_date_from: date | None = strawberry.field(
        default=None, description="Expected to close on this day or later."
    )
    close_date_to: date | None = strawberry.field(
        default=None, description="Expected to close on this day or earlier."
    )
    overdue: bool | None = strawberry.field(
        default=None, description="Open and past the expected close date."
    )
    search: str | None = strawberry.field(default=None, description="Words of the title or customer name.")
    created_from: datetime | None = None
    created_to: datetime | None = strawberry.field(default=None, description="Exclusive.")

    def to_command(self) -> FilterCommand:
        return FilterCommand(
            owner_id=self.owner_id, team=self.team, pipeline_id=self.pipeline_id, stage_key=self.stage_key,
            status=self.status, source_id=self.source_id, closing_within_days=self.closing_within_days,
            close_date_from=self.close_date_from, close_date_to=self.close_date_to,
            overdue=self.overdue, search=self.search, created_from=self.created_from, created_to=self.created_to,
        )  # fmt: skip


@strawberry.type
class OpportunityQueries:
    @strawberry.field(permission_classes=AUTHENTICATED)
    async def opportunity(self, info: Info, id: strawberry.ID) -> Opportunity:
        ctx = info.context
        return Opportunity.from_domain(await get_opportunity(id, ctx.identity, ctx.ports, ctx.work.accounts))

    @strawberry.field(permission_classes=AUTHENTICATED, description="Only what the caller may see.")
    async def opportunities(
        self,
        info: Info,
        filter: OpportunityFilter | None = None,
        order_by: OpportunityOrder = OpportunityOrder.CREATED_AT_DESC,
        first: int = 50,
        after: str | None = None,
    ) -> OpportunityConnection:
        ctx = info.context
        command = filter.to_command() if filter else FilterCommand()
        page = await list_opportunities(
            command, ctx.identity, ctx.ports, first=first, after=after, order=order_by,
            histories=list_needs_histories(info),
        )  # fmt: skip
        return OpportunityConnection.from_page(page)
