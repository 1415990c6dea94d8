"""GraphQL types of opportunities, mapped from the domain with ``from_domain``."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from services.opportunity.api.common import Money
from services.opportunity.api.context import Info
from services.opportunity.api.imports.queries import resolve_contact
from services.opportunity.api.pipelines.types import Pipeline
from services.opportunity.api.scalars import DecimalString, decimal_out
from services.opportunity.api.timeline.queries import (
    resolve_activities,
    resolve_assignment_history,
    resolve_handover_brief,
    resolve_timeline,
)
from services.opportunity.api.users.types import User
from services.opportunity.application.queries import Page
from services.opportunity.domain import history
from services.opportunity.domain.errors import StageNotFound
from services.opportunity.domain.line_items import LineItem as DomainLineItem
from services.opportunity.domain.opportunity import ContactRole, Status
from services.opportunity.domain.opportunity import Opportunity as DomainOpportunity
from services.opportunity.domain.pipeline import StageKind


@strawberry.type
class StageRef:
    """A stage as it was named when the opportunity entered it."""

    key: str
    name_zh: str
    name_en: str
    kind: StageKind

    @classmethod
    def from_domain(cls, ref: history.StageRef) -> StageRef:
        return cls(key=ref.key, name_zh=ref.name_zh, name_en=ref.name_en, kind=ref.kind)


@strawberry.type
class Probability:
    effective: int = strawberry.field(
        description="What counts: 100 when won, 0 when lost, else override or stage default."
    )
    stage_default: int
    overridden: bool
    override: int | None


@strawberry.type
class StageVisit:
    stage: StageRef
    entered_at: datetime
    left_at: datetime | None
    entered_by: strawberry.ID
    note: str | None
    duration_seconds: int


@strawberry.type
class StageMove:
    """One recorded move; the first has no ``from`` (the opportunity was created in ``to``)."""

    from_stage: StageRef | None = strawberry.field(name="from")
    to_stage: StageRef = strawberry.field(name="to")
    at: datetime
    by: strawberry.ID
    note: str | None


@strawberry.type
class CloseDateChange:
    old: date | None
    new: date
    at: datetime
    by: strawberry.ID
    reason: str | None


@strawberry.type(description="A manager's adjustment of the deal's difficulty, with why.")
class DifficultyChange:
    before: DecimalString
    after: DecimalString
    at: datetime
    by: strawberry.ID
    reason: str


@strawberry.type
class ProbabilityChange:
    before: int | None
    after: int | None
    at: datetime
    by: strawberry.ID


@strawberry.type
class OpportunityContact:
    contact_id: strawberry.ID
    role: ContactRole


@strawberry.type(description="One product the deal sells.")
class LineItem:
    product_id: strawberry.ID
    product_code: str = strawberry.field(description="As it was when the line was written.")
    product_name: str
    product_line: str
    quantity: DecimalString
    unit_price: Money
    discount_percent: DecimalString = strawberry.field(description="0 to 100.")
    total: Money = strawberry.field(description="Quantity × unit price less the discount.")

    @classmethod
    def from_domain(cls, line: DomainLineItem) -> LineItem:
        return cls(
            product_id=strawberry.ID(line.product_id), product_code=line.product_code,
            product_name=line.product_name, product_line=line.product_line, quantity=decimal_out(line.quantity),
            unit_price=Money.from_domain(line.unit_price), discount_percent=decimal_out(line.discount_percent),
            total=Money.from_domain(line.total),
        )  # fmt: skip


@strawberry.type
class Opportunity:
    _o: strawberry.Private[DomainOpportunity]
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
    status: Status
    expected_close_date: date
    difficulty: DecimalString
    source_id: strawberry.ID | None
    lost_reason: str | None
    lost_reason_key: str | None
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None
    version: int
    account_id: strawberry.ID | None = strawberry.field(description="The customer company (account).")
    contacts: list[OpportunityContact]
    line_items: list[LineItem] = strawberry.field(
        description="What it sells; when there are any, value is their sum and cannot be typed."
    )

    @classmethod
    def from_domain(cls, o: DomainOpportunity) -> Opportunity:
        return cls(
            _o=o, id=strawberry.ID(o.id), title=o.title, customer_name=o.customer_name,
            is_new_customer=o.is_new_customer, products=list(o.products), is_new_product=o.is_new_product,
            value=Money.from_domain(o.value), owner_id=strawberry.ID(o.owner_id), team=o.team,
            pipeline_id=strawberry.ID(o.pipeline_id), stage=StageRef.from_domain(o.stage), status=o.status,
            expected_close_date=o.expected_close_date, difficulty=decimal_out(o.difficulty),
            source_id=strawberry.ID(o.source_id) if o.source_id else None, lost_reason=o.lost_reason,
            lost_reason_key=o.lost_reason_key, created_at=o.created_at, updated_at=o.updated_at, closed_at=o.closed_at, version=o.version,
            account_id=strawberry.ID(o.account_id) if o.account_id else None,
            contacts=[OpportunityContact(contact_id=strawberry.ID(c.contact_id), role=c.role) for c in o.contacts],
            line_items=[LineItem.from_domain(line) for line in o.line_items],
        )  # fmt: skip

    @strawberry.field
    def probability(self) -> Probability:
        o = self._o
        return Probability(
            effective=o.probability, stage_default=o.stage_probability,
            overridden=o.probability_override is not None, override=o.probability_override,
        )  # fmt: skip

    @strawberry.field
    def overdue(self, info: Info) -> bool:
        return self._o.overdue(info.context.now.date())

    @strawberry.field(description="Each stay in a stage, oldest first; the last is the current one.")
    def stage_history(self, info: Info) -> list[StageVisit]:
        now = info.context.now
        return [
            StageVisit(
                stage=StageRef.from_domain(v.stage),
                entered_at=v.entered_at,
                left_at=v.left_at,
                entered_by=strawberry.ID(v.entered_by),
                note=v.note,
                duration_seconds=v.duration_seconds(now),
            )
            for v in history.visits(self._o.stage_history)
        ]

    @strawberry.field(description="Every move as recorded: from, to, when, by whom, with its note.")
    def stage_moves(self) -> list[StageMove]:
        return [
            StageMove(
                from_stage=StageRef.from_domain(c.from_stage) if c.from_stage else None,
                to_stage=StageRef.from_domain(c.to_stage),
                at=c.at,
                by=strawberry.ID(c.by),
                note=c.note,
            )
            for c in self._o.stage_history
        ]

    @strawberry.field
    def time_in_current_stage_seconds(self, info: Info) -> int:
        return self._o.seconds_in_current_stage(info.context.now)

    @strawberry.field(description="The owning user (null if the user record is gone).")
    async def owner(self, info: Info) -> User | None:
        found = await info.context.users.load(self._o.owner_id)
        return None if found is None else User.from_domain(found)

    @strawberry.field(description="The pipeline as it is now (history keeps the stage names of the time).")
    async def pipeline(self, info: Info) -> Pipeline | None:
        found = await info.context.pipelines.load(self._o.pipeline_id)
        return None if found is None else Pipeline.from_domain(found)

    @strawberry.field(description="Open and in its stage longer than the stage's rotting threshold.")
    async def rotting(self, info: Info) -> bool:
        pipeline = await info.context.pipelines.load(self._o.pipeline_id)
        if pipeline is None:
            return False
        try:
            stage = pipeline.stage(self._o.stage.key)
        except StageNotFound:
            return False
        return self._o.rotting(stage, info.context.now)

    @strawberry.field
    def close_date_history(self) -> list[CloseDateChange]:
        return [
            CloseDateChange(old=c.old, new=c.new, at=c.at, by=strawberry.ID(c.by), reason=c.reason)
            for c in self._o.close_date_history
        ]

    @strawberry.field
    def difficulty_history(self) -> list[DifficultyChange]:
        return [
            DifficultyChange(before=decimal_out(c.before), after=decimal_out(c.after), at=c.at,
                             by=strawberry.ID(c.by), reason=c.reason)
            for c in self._o.difficulty_history
        ]  # fmt: skip

    # Assignment and evidence: resolved in their own features (api/timeline/queries.py).
    timeline = strawberry.field(resolver=resolve_timeline)
    handover_brief = strawberry.field(resolver=resolve_handover_brief)
    activities = strawberry.field(resolver=resolve_activities)
    assignment_history = strawberry.field(resolver=resolve_assignment_history)
    contact = strawberry.field(resolver=resolve_contact)

    @strawberry.field
    def probability_history(self) -> list[ProbabilityChange]:
        return [
            ProbabilityChange(before=c.before, after=c.after, at=c.at, by=strawberry.ID(c.by))
            for c in self._o.probability_history
        ]


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class OpportunityEdge:
    cursor: str
    node: Opportunity


@strawberry.type
class OpportunityConnection:
    edges: list[OpportunityEdge]
    nodes: list[Opportunity]
    page_info: PageInfo
    total_count: int

    @classmethod
    def from_page(cls, page: Page[DomainOpportunity]) -> OpportunityConnection:
        nodes = [Opportunity.from_domain(o) for o in page.items]
        return cls(
            edges=[OpportunityEdge(cursor=c, node=n) for c, n in zip(page.cursors, nodes, strict=True)],
            nodes=nodes,
            page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=page.end_cursor),
            total_count=page.total_count,
        )
