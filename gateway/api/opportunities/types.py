"""An opportunity as the front end sees it, with its owner, pipeline, source and alerts linked in
from wherever they live."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from gateway.adapters.services import ServiceError
from gateway.api.common.types import Money, PageInfo, StageKind
from gateway.api.context import Context
from gateway.api.loaders import at_once
from gateway.api.raw import data_of, served
from gateway.api.scalars import Date, DateTime, Decimal

if TYPE_CHECKING:
    from gateway.api.accounts.types import Account, OpportunityContact
    from gateway.api.catalog.types import Pipeline, Source
    from gateway.api.evidence.types import Activity, HandoverBrief, TimelineEntry
    from gateway.api.notifications.types import PendingAlert
    from gateway.api.reports.types import DealAppraisal
    from gateway.api.users.types import User


@strawberry.enum
class OpportunityStatus(Enum):
    OPEN = "OPEN"
    WON = "WON"
    LOST = "LOST"


@strawberry.enum
class OpportunityOrder(Enum):
    CREATED_AT_DESC = "CREATED_AT_DESC"
    CREATED_AT_ASC = "CREATED_AT_ASC"
    EXPECTED_CLOSE_DATE_ASC = "EXPECTED_CLOSE_DATE_ASC"
    EXPECTED_CLOSE_DATE_DESC = "EXPECTED_CLOSE_DATE_DESC"
    UPDATED_AT_DESC = "UPDATED_AT_DESC"


@strawberry.type
class StageRef:
    key: str
    name_zh: str
    name_en: str
    kind: StageKind


@strawberry.type
class Probability:
    effective: int = strawberry.field(
        description="100 when won, 0 when lost, else override or stage default."
    )
    stage_default: int
    overridden: bool
    override: int | None


@strawberry.type
class StageVisit:
    stage: StageRef
    entered_at: DateTime
    left_at: DateTime | None
    entered_by: strawberry.ID
    note: str | None
    duration_seconds: int


@strawberry.type(description="A manager's adjustment of the deal's difficulty, with why.")
class DifficultyChange:
    before: Decimal
    after: Decimal
    at: DateTime
    by: strawberry.ID
    reason: str


@strawberry.type
class CloseDateChange:
    old: Date | None
    new: Date
    at: DateTime
    by: strawberry.ID
    reason: str | None


@strawberry.type
class ProbabilityChange:
    before: int | None
    after: int | None
    at: DateTime
    by: strawberry.ID


@strawberry.type(description="One product the deal sells.")
class LineItem:
    product_id: strawberry.ID
    product_code: str = strawberry.field(description="As it was when the line was written.")
    product_name: str
    product_line: str
    quantity: Decimal
    unit_price: Money
    discount_percent: Decimal = strawberry.field(description="0 to 100.")
    total: Money = strawberry.field(description="Quantity × unit price less the discount.")


@strawberry.type
class Opportunity:
    id: strawberry.ID
    title: str
    customer_name: str
    is_new_customer: bool
    products: list[str]
    is_new_product: bool
    value: Money
    owner_id: strawberry.ID
    team: str | None
    pipeline_id: strawberry.ID
    stage: StageRef
    status: OpportunityStatus
    expected_close_date: Date
    difficulty: Decimal
    source_id: strawberry.ID | None
    lost_reason: str | None = strawberry.field(description="Why it was lost, in words.")
    lost_reason_key: str | None = strawberry.field(
        description="The key of its pipeline's lost reason (Pipeline.lostReasons), once lost."
    )
    created_at: DateTime
    updated_at: DateTime
    closed_at: DateTime | None
    version: int
    probability: Probability
    overdue: bool
    time_in_current_stage_seconds: int
    rotting: bool = strawberry.field(
        description="Open and in its stage longer than the stage's rotting threshold."
    )
    account_id: strawberry.ID | None = strawberry.field(description="The customer company (account).")
    contacts: list[Annotated[OpportunityContact, strawberry.lazy("gateway.api.accounts.types")]] = (
        strawberry.field(description="The people at the account it involves, with their part in it.")
    )
    line_items: list[LineItem] = strawberry.field(
        description="What it sells; when there are any, value is their sum and cannot be typed."
    )

    @strawberry.field(description="The customer company, when you may see it.")
    async def account(
        self, info: Info[Context, None]
    ) -> Annotated[Account, strawberry.lazy("gateway.api.accounts.types")] | None:
        account_id = data_of(self, "accountId")
        if account_id is None:
            return None
        found = await info.context.loaders.account.load(account_id)
        return None if isinstance(found, ServiceError) else served(found)

    # The links a board shows are plain functions returning ``at_once``: the page's resolver has
    # loaded them already (see ``scoped_page``), so they cost no task per card.
    @strawberry.field(description="The rep who owns it.")
    def owner(
        self, info: Info[Context, None]
    ) -> Annotated[User, strawberry.lazy("gateway.api.users.types")] | None:
        return served(at_once(info.context.loaders.user, data_of(self, "ownerId")))

    @strawberry.field
    def pipeline(
        self, info: Info[Context, None]
    ) -> Annotated[Pipeline, strawberry.lazy("gateway.api.catalog.types")] | None:
        return served(at_once(info.context.loaders.pipeline, data_of(self, "pipelineId")))

    @strawberry.field(description="The lead source (trade show, expo ...) it came from.")
    def source(
        self, info: Info[Context, None]
    ) -> Annotated[Source, strawberry.lazy("gateway.api.catalog.types")] | None:
        source_id = data_of(self, "sourceId")
        if source_id is None:
            return None
        return served(at_once(info.context.loaders.source, source_id))

    @strawberry.field(description="Close-date alerts and reminders still to come, soonest first.")
    async def pending_alerts(
        self, info: Info[Context, None]
    ) -> list[Annotated[PendingAlert, strawberry.lazy("gateway.api.notifications.types")]]:
        return served(await info.context.loaders.pending_alerts.load(data_of(self, "id")))

    @strawberry.field
    def pending_alert_count(self, info: Info[Context, None]) -> int:
        count: int = at_once(info.context.loaders.pending_alert_count, data_of(self, "id"))
        return count

    @strawberry.field(description="Each stay in a stage, oldest first; the last is the current one.")
    async def stage_history(self, info: Info[Context, None]) -> list[StageVisit]:
        return served((await info.context.loaders.histories.load(data_of(self, "id")))["stageHistory"])

    @strawberry.field
    async def close_date_history(self, info: Info[Context, None]) -> list[CloseDateChange]:
        return served((await info.context.loaders.histories.load(data_of(self, "id")))["closeDateHistory"])

    @strawberry.field
    async def probability_history(self, info: Info[Context, None]) -> list[ProbabilityChange]:
        return served((await info.context.loaders.histories.load(data_of(self, "id")))["probabilityHistory"])

    @strawberry.field(description="Managers' adjustments of its difficulty, oldest first, each with why.")
    async def difficulty_history(self, info: Info[Context, None]) -> list[DifficultyChange]:
        return served((await info.context.loaders.histories.load(data_of(self, "id")))["difficultyHistory"])

    @strawberry.field(
        description="Once won: its difficulty and why (the policy's rules or a manager), its facts and "
        "its reward under a policy version (default: the one in force). Null until reporting has the win."
    )
    async def appraisal(
        self, info: Info[Context, None], policy_version: int | None = None
    ) -> Annotated[DealAppraisal, strawberry.lazy("gateway.api.reports.types")] | None:
        if data_of(self, "status") != "WON":
            return None
        return served(
            await info.context.loaders.deal_appraisal.load((str(data_of(self, "id")), policy_version))
        )

    @strawberry.field(
        description="Everything that happened, oldest first: moves, assignments, activities ..."
    )
    async def timeline(
        self, info: Info[Context, None]
    ) -> list[Annotated[TimelineEntry, strawberry.lazy("gateway.api.evidence.types")]]:
        return served(await info.context.loaders.timeline.load(data_of(self, "id")))

    @strawberry.field(description="What a successor reads first: where it stands and what was done.")
    async def handover_brief(
        self, info: Info[Context, None]
    ) -> Annotated[HandoverBrief, strawberry.lazy("gateway.api.evidence.types")]:
        return served(await info.context.loaders.handover_brief.load(data_of(self, "id")))

    @strawberry.field(description="Its activities (evidence), oldest first.")
    async def activities(
        self, info: Info[Context, None]
    ) -> list[Annotated[Activity, strawberry.lazy("gateway.api.evidence.types")]]:
        return served(await info.context.loaders.activities.load(data_of(self, "id")))


@strawberry.type
class OpportunityConnection:
    nodes: list[Opportunity]
    page_info: PageInfo
    total_count: int


@strawberry.type(description="An open opportunity closing soon, and how many days it has left.")
class ClosingOpportunity:
    id: strawberry.ID
    title: str
    owner_id: strawberry.ID
    team: str | None
    pipeline_id: strawberry.ID
    stage_key: str
    expected_close_date: Date
    days_left: int

    @classmethod
    def of(cls, node: dict[str, Any], today: date) -> ClosingOpportunity:
        """From a node of the opportunity service's list."""
        close = date.fromisoformat(node["expectedCloseDate"])
        return cls(
            id=strawberry.ID(node["id"]), title=node["title"], owner_id=strawberry.ID(node["ownerId"]),
            team=node.get("team"), pipeline_id=strawberry.ID(node["pipelineId"]),
            stage_key=node["stage"]["key"], expected_close_date=Date(node["expectedCloseDate"]),
            days_left=(close - today).days,
        )  # fmt: skip
