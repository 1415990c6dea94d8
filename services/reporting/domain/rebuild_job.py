"""A rebuild of the read model as a job: one at a time, with its progress for anyone to follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

STALE_AFTER = timedelta(seconds=60)
"""A running job that has not reported for this long was cut short (its process died): the next
start takes its place rather than waiting for it forever."""


class JobState(StrEnum):
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


@dataclass(frozen=True)
class RebuildJob:
    id: str
    state: JobState
    started_at: datetime
    updated_at: datetime
    replayed_events: int = 0
    """Events of the history applied to the generation being built so far."""
    total_events: int | None = None
    """Events in the history when the replay began; None until the opportunity service answered."""
    generation: int | None = None
    finished_at: datetime | None = None
    error: str | None = None

    @property
    def done(self) -> bool:
        return self.state is not JobState.RUNNING
