"""Assignment mutations: each parses its input, calls one use case and maps the result."""

from __future__ import annotations

import strawberry

from services.opportunity.api.assignment.permissions import AUTHENTICATED
from services.opportunity.api.assignment.types import AssignmentResult, AssignmentTargetInput, HandoverResult
from services.opportunity.api.context import Info
from services.opportunity.api.opportunities.types import Opportunity
from services.opportunity.application import assign, handover
from services.opportunity.application.read_opportunities import get_opportunity
from services.opportunity.domain.assignment import AssignmentError, AssignmentReason, DistributionStrategy


@strawberry.input
class AssignOpportunityInput:
    id: strawberry.ID
    expected_version: int
    to_user_id: strawberry.ID
    note: str | None = None


@strawberry.input
class AssignOpportunitiesInput:
    targets: list[AssignmentTargetInput] = strawberry.field(description="1 to 10,000 opportunities.")
    to_user_id: strawberry.ID
    reason: AssignmentReason | None = strawberry.field(
        default=None, description="Default: MANUAL for one, BULK for more."
    )
    note: str | None = None
    idempotency_key: str | None = strawberry.field(
        default=None, description="Send the same key when retrying; already-applied work is not repeated."
    )
    pipeline_id: strawberry.ID | None = strawberry.field(
        default=None, description="When given, opportunities of another pipeline fail with WRONG_PIPELINE."
    )


@strawberry.input
class DistributeOpportunitiesInput:
    targets: list[AssignmentTargetInput]
    user_ids: list[strawberry.ID]
    strategy: DistributionStrategy
    weight_by_amount: bool = False
    note: str | None = None
    idempotency_key: str | None = None
    pipeline_id: strawberry.ID | None = None


@strawberry.input
class HandOverOpportunitiesInput:
    from_user_id: strawberry.ID
    to_user_ids: list[strawberry.ID] = strawberry.field(
        description="One successor, or several to distribute across."
    )
    strategy: DistributionStrategy = DistributionStrategy.FEWEST_OPEN
    weight_by_amount: bool = False
    opportunity_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="A subset; by default every open opportunity of the leaving rep."
    )
    deactivate_leaver: bool = False
    note: str | None = None
    idempotency_key: str | None = None


def _targets(targets: list[AssignmentTargetInput]) -> list[assign.Target]:
    return [assign.Target(t.id, t.expected_version) for t in targets]


@strawberry.type
class AssignmentMutations:
    @strawberry.mutation(permission_classes=AUTHENTICATED, description="Give one opportunity to a rep.")
    async def assign_opportunity(self, info: Info, input: AssignOpportunityInput) -> Opportunity:
        ctx = info.context
        cmd = assign.AssignOpportunities(
            [assign.Target(input.id, input.expected_version)],
            input.to_user_id,
            AssignmentReason.MANUAL,
            input.note,
        )
        result = await assign.assign_opportunities(
            cmd, ctx.identity, users=ctx.ports.users, store=ctx.work.assignments, clock=ctx.ports.clock
        )
        if result.failures:
            _, code, message = result.failures[0]
            raise AssignmentError(code, message, {"id": input.id})
        return Opportunity.from_domain(await get_opportunity(input.id, ctx.identity, ctx.ports))

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Give many opportunities to one rep; failures are per id.",
    )
    async def assign_opportunities(self, info: Info, input: AssignOpportunitiesInput) -> AssignmentResult:
        ctx = info.context
        cmd = assign.AssignOpportunities(
            _targets(input.targets), input.to_user_id, input.reason, input.note, input.idempotency_key,
            input.pipeline_id,
        )  # fmt: skip
        result = await assign.assign_opportunities(
            cmd, ctx.identity, users=ctx.ports.users, store=ctx.work.assignments, clock=ctx.ports.clock
        )
        return AssignmentResult.from_domain(result)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Spread a batch across reps by a strategy."
    )
    async def distribute_opportunities(
        self, info: Info, input: DistributeOpportunitiesInput
    ) -> AssignmentResult:
        ctx = info.context
        cmd = assign.DistributeOpportunities(
            _targets(input.targets), [str(u) for u in input.user_ids], input.strategy, input.weight_by_amount,
            input.note, input.idempotency_key, pipeline_id=input.pipeline_id,
        )  # fmt: skip
        result = await assign.distribute_opportunities(
            cmd, ctx.identity, users=ctx.ports.users, store=ctx.work.assignments, clock=ctx.ports.clock
        )
        return AssignmentResult.from_domain(result)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Hand a leaving rep's open opportunities to a successor (or several); optionally deactivate them.",
    )
    async def hand_over_opportunities(self, info: Info, input: HandOverOpportunitiesInput) -> HandoverResult:
        ctx = info.context
        cmd = handover.HandOver(
            from_user_id=input.from_user_id, to_user_ids=[str(u) for u in input.to_user_ids],
            strategy=input.strategy, weight_by_amount=input.weight_by_amount,
            opportunity_ids=None if input.opportunity_ids is None else [str(i) for i in input.opportunity_ids],
            deactivate_leaver=input.deactivate_leaver, note=input.note, idempotency_key=input.idempotency_key,
        )  # fmt: skip
        result = await handover.hand_over(cmd, ctx.identity, ctx.ports, ctx.work)
        return HandoverResult(
            assignment=AssignmentResult.from_domain(result.assignment), deactivated=result.deactivated
        )
