"""Assigning opportunities to reps: one, many, spread across a team, or handed over."""

from __future__ import annotations

from enum import Enum

import strawberry

from gateway.api.scalars import DateTime

UNSET = strawberry.UNSET


@strawberry.enum
class AssignmentReason(Enum):
    INITIAL = "INITIAL"
    MANUAL = "MANUAL"
    BULK = "BULK"
    DISTRIBUTION = "DISTRIBUTION"
    HANDOVER = "HANDOVER"


@strawberry.enum
class DistributionStrategy(Enum):
    ROUND_ROBIN = "ROUND_ROBIN"
    FEWEST_OPEN = "FEWEST_OPEN"


@strawberry.type
class AssignmentEntry:
    from_owner_id: strawberry.ID | None
    to_owner_id: strawberry.ID
    by: strawberry.ID
    at: DateTime
    reason: AssignmentReason
    note: str | None


@strawberry.type
class AssignedOpportunity:
    opportunity_id: strawberry.ID
    owner_id: strawberry.ID
    version: int
    changed: bool


@strawberry.type
class AssignmentFailure:
    opportunity_id: strawberry.ID
    code: str = strawberry.field(description="NOT_FOUND, CONFLICT, OPPORTUNITY_CLOSED, ...")
    message: str


@strawberry.type
class RepShare:
    user_id: strawberry.ID
    count: int
    opportunity_ids: list[strawberry.ID]


@strawberry.type
class AssignmentResult:
    assigned: list[AssignedOpportunity]
    failures: list[AssignmentFailure]
    by_rep: list[RepShare] = strawberry.field(description="Who got what.")
    assigned_count: int
    failed_count: int


@strawberry.type
class HandoverResult:
    assignment: AssignmentResult
    deactivated: bool = strawberry.field(description="Whether the leaving rep was deactivated in this step.")


@strawberry.input
class AssignOpportunityInput:
    id: strawberry.ID
    expected_version: int
    to_user_id: strawberry.ID
    note: str | None = UNSET


@strawberry.input
class AssignmentTargetInput:
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=UNSET,
        description="The version last seen; a different stored version fails this id with CONFLICT.",
    )


@strawberry.input
class AssignOpportunitiesInput:
    targets: list[AssignmentTargetInput] = strawberry.field(description="1 to 10,000 opportunities.")
    to_user_id: strawberry.ID
    reason: AssignmentReason | None = UNSET
    note: str | None = UNSET
    idempotency_key: str | None = strawberry.field(
        default=UNSET, description="Send the same key when retrying; applied work is not repeated."
    )


@strawberry.input
class DistributeOpportunitiesInput:
    targets: list[AssignmentTargetInput]
    user_ids: list[strawberry.ID]
    strategy: DistributionStrategy
    weight_by_amount: bool = False
    note: str | None = UNSET
    idempotency_key: str | None = UNSET


@strawberry.input
class HandOverOpportunitiesInput:
    from_user_id: strawberry.ID
    to_user_ids: list[strawberry.ID] = strawberry.field(
        description="One successor, or several to spread across."
    )
    strategy: DistributionStrategy = DistributionStrategy.FEWEST_OPEN
    weight_by_amount: bool = False
    opportunity_ids: list[strawberry.ID] | None = strawberry.field(
        default=UNSET, description="A subset; by default every open opportunity of the leaving rep."
    )
    deactivate_leaver: bool = False
    note: str | None = UNSET
    idempotency_key: str | None = UNSET
