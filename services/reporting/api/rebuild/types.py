"""A rebuild job as the API shows it."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from services.reporting.domain.rebuild_job import JobState, RebuildJob


@strawberry.enum(
    description="RUNNING until the rebuilt read model is in use (SUCCEEDED) or the job stopped (FAILED)."
)
class RebuildJobState(Enum):
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


@strawberry.type(description="A rebuild of the read model from the opportunity service's event log.")
class RebuildJobType:
    id: str
    state: RebuildJobState
    replayed_events: int = strawberry.field(description="Events applied to the model being built so far.")
    total_events: int | None = strawberry.field(
        description="Events in the log when the replay began; null until the replay has begun."
    )
    generation: int | None = strawberry.field(description="The read-model generation in use after success.")
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    error: str | None

    @classmethod
    def from_domain(cls, job: RebuildJob) -> RebuildJobType:
        return cls(
            id=job.id, state=RebuildJobState(JobState(job.state).value),
            replayed_events=job.replayed_events, total_events=job.total_events,
            generation=job.generation, started_at=job.started_at, updated_at=job.updated_at,
            finished_at=job.finished_at, error=job.error,
        )  # fmt: skip
