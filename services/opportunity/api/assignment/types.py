"""GraphQL types of assignments."""

from __future__ import annotations

from datetime import datetime

import strawberry

from services.opportunity.application.assign import AssignmentResult as DomainResult
from services.opportunity.domain.assignment import AssignmentEntry as DomainEntry
from services.opportunity.domain.assignment import AssignmentReason, DistributionStrategy

strawberry.enum(AssignmentReason, name="AssignmentReason")
strawberry.enum(DistributionStrategy, name="DistributionStrategy")


@strawberry.input
class AssignmentTargetInput:
    id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None,
        description="The version last seen; a different stored version fails this id with CONFLICT.",
    )


@strawberry.type
class AssignmentEntry:
    from_owner_id: strawberry.ID | None
    to_owner_id: strawberry.ID
    by: strawberry.ID
    at: datetime
    reason: AssignmentReason
    note: str | None

    @classmethod
    def from_domain(cls, e: DomainEntry) -> AssignmentEntry:
        return cls(
            from_owner_id=strawberry.ID(e.from_owner_id) if e.from_owner_id else None,
            to_owner_id=strawberry.ID(e.to_owner_id), by=strawberry.ID(e.by_user_id), at=e.at, reason=e.reason,
            note=e.note,
        )  # fmt: skip


@strawberry.type
class AssignedOpportunity:
    opportunity_id: strawberry.ID
    owner_id: strawberry.ID
    version: int
    changed: bool = strawberry.field(description="False when the opportunity already had this owner.")


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

    @classmethod
    def from_domain(cls, r: DomainResult) -> AssignmentResult:
        return cls(
            assigned=[
                AssignedOpportunity(
                    opportunity_id=strawberry.ID(a[0]),
                    owner_id=strawberry.ID(a[1]),
                    version=a[2],
                    changed=a[3],
                )
                for a in r.assigned
            ],
            failures=[
                AssignmentFailure(opportunity_id=strawberry.ID(f[0]), code=f[1], message=f[2])
                for f in r.failures
            ],
            by_rep=[
                RepShare(
                    user_id=strawberry.ID(u), count=len(ids), opportunity_ids=[strawberry.ID(i) for i in ids]
                )
                for u, ids in r.by_rep.items()
            ],
            assigned_count=len(r.assigned),
            failed_count=len(r.failures),
        )


@strawberry.type
class HandoverResult:
    assignment: AssignmentResult
    deactivated: bool = strawberry.field(description="Whether the leaving rep was deactivated in this step.")
