"""What subscriptions push: an opportunity as its event describes it, right after the change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from gateway.api.common.types import Money, StageKind
from gateway.api.context import Context
from gateway.api.opportunities.types import OpportunityStatus
from gateway.api.raw import data_of, served
from gateway.api.scalars import Date, DateTime, Decimal

if TYPE_CHECKING:
    from gateway.api.users.types import User


@strawberry.type
class LiveStage:
    key: str
    kind: StageKind
    name: str | None


@strawberry.type(description="The opportunity as it stands after the change (from the event itself).")
class OpportunitySnapshot:
    id: strawberry.ID
    title: str
    customer_name: str
    is_new_customer: bool
    products: list[str]
    is_new_product: bool
    owner_id: strawberry.ID
    team: str | None
    pipeline_id: strawberry.ID
    stage: LiveStage
    stage_entered_at: DateTime
    status: OpportunityStatus
    probability: int
    value: Money
    expected_close_date: Date
    source_id: strawberry.ID | None
    difficulty: Decimal
    lost_reason: str | None
    lost_reason_key: str | None
    created_at: DateTime
    updated_at: DateTime
    closed_at: DateTime | None
    version: int

    @strawberry.field(description="The rep who owns it now.")
    async def owner(
        self, info: Info[Context, None]
    ) -> Annotated[User, strawberry.lazy("gateway.api.users.types")] | None:
        return served(await info.context.loaders.user.load(str(data_of(self, "owner_id"))))


@strawberry.type
class OpportunityChange:
    event_id: strawberry.ID
    type: str = strawberry.field(description="The event type, e.g. opportunity.stage_changed.")
    at: DateTime
    sequence: int = strawberry.field(description="The opportunity's version after the change.")
    by: strawberry.ID | None = strawberry.field(description="Who made the change.")
    opportunity: OpportunitySnapshot
