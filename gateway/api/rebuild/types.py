"""A rebuild of the reporting read model, as the reporting service reports it."""

from __future__ import annotations

from enum import Enum

import strawberry

from gateway.api.scalars import DateTime


@strawberry.enum(
    description="RUNNING until the rebuilt read model is in use (SUCCEEDED) or the job stopped (FAILED)."
)
class RebuildJobState(Enum):
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


@strawberry.type(description="A rebuild of the reports from the opportunity service's whole event log.")
class RebuildJob:
    id: strawberry.ID
    state: RebuildJobState
    replayed_events: int = strawberry.field(description="Events applied to the reports being rebuilt so far.")
    total_events: int | None = strawberry.field(
        description="Events in the log when the replay began; null until it has begun."
    )
    generation: int | None = strawberry.field(description="The read-model generation in use after success.")
    started_at: DateTime
    updated_at: DateTime
    finished_at: DateTime | None
    error: str | None
